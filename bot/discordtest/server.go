package discordtest

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Well-known ids the fake uses when a test does not choose its own.
const (
	DefaultAppID     = "900000000000000001"
	DefaultBotID     = "900000000000000001" // Discord bots share the application's id.
	DefaultGuildID   = "900000000000000100"
	DefaultChannelID = "900000000000000200"
	DefaultUserID    = "900000000000000300"
	DefaultBotName   = "PaperBot"
)

// Server is a running fake Discord. All methods are safe for concurrent use.
type Server struct {
	cfg  config
	log  *slog.Logger
	http *http.Server
	ln   net.Listener
	base string // http://127.0.0.1:PORT

	mu      sync.Mutex
	notify  chan struct{} // closed and replaced on every state change
	closed  bool
	timers  []*time.Timer
	idSeq   atomic.Int64
	gateway gatewayState

	interactions map[string]*Interaction // by id
	byToken      map[string]*Interaction
	messages     []*Message          // bot-authored, in creation order
	msgByID      map[string]*Message // bot-authored
	userMsgs     map[string]*userMessage
	commands     map[string][]*discordgo.ApplicationCommand // "" = global, else guild id
	violations   []string
	pings        []Ping
	requests     []Request
	typing       []Typing
	reactions    []Reaction
	faults       []*fault
	rejectToken  bool
	latency      time.Duration
}

// New starts a fake Discord for one test and closes it in t.Cleanup.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatalf("discordtest: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Start starts a fake Discord on 127.0.0.1 (port 0 unless WithAddr says
// otherwise). Call Close when done.
func Start(opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	addr := cfg.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen %s: %w", addr, err)
	}
	s := &Server{
		cfg:          cfg,
		log:          cfg.logger,
		ln:           ln,
		base:         "http://" + ln.Addr().String(),
		notify:       make(chan struct{}),
		interactions: map[string]*Interaction{},
		byToken:      map[string]*Interaction{},
		msgByID:      map[string]*Message{},
		userMsgs:     map[string]*userMessage{},
		commands:     map[string][]*discordgo.ApplicationCommand{},
	}
	s.gateway.init()
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.http.Serve(ln) //nolint:errcheck // returns ErrServerClosed on Close
	return s, nil
}

// Close stops the server, drops every gateway connection and stops the
// deadline timers. It is safe to call more than once.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	for _, t := range s.timers {
		t.Stop()
	}
	conns := s.gateway.liveConns()
	s.changedLocked()
	s.mu.Unlock()
	for _, c := range conns {
		c.drop()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = s.http.Shutdown(ctx)
}

// URL is the server's base URL, http://127.0.0.1:PORT.
func (s *Server) URL() string { return s.base }

// APIURL is the REST base the bot should use, http://127.0.0.1:PORT/api/v10/
// (the value for DISCORD_API_URL; Client sends discordgo there).
func (s *Server) APIURL() string { return s.base + "/api/v10/" }

// GatewayURL is the websocket URL that /gateway and /gateway/bot advertise.
func (s *Server) GatewayURL() string {
	return "ws" + strings.TrimPrefix(s.base, "http") + "/gateway-ws"
}

// AppID is the application (and bot user) id.
func (s *Server) AppID() string { return s.cfg.appID }

// discordEpoch is the first millisecond of 2015, where snowflakes start.
const discordEpoch = 1420070400000

// newID returns a fresh, strictly increasing snowflake whose timestamp is
// now, so discordgo.SnowflakeTimestamp works on every id the fake hands out.
func (s *Server) newID() string {
	for {
		prev := s.idSeq.Load()
		next := (time.Now().UnixMilli() - discordEpoch) << 22
		if next <= prev {
			next = prev + 1
		}
		if s.idSeq.CompareAndSwap(prev, next) {
			return strconv.FormatInt(next, 10)
		}
	}
}

// changedLocked wakes every waiter; s.mu must be held.
func (s *Server) changedLocked() {
	close(s.notify)
	s.notify = make(chan struct{})
}

// waitFor blocks until cond (evaluated under s.mu) is true or ctx ends.
func (s *Server) waitFor(ctx context.Context, cond func() bool) error {
	return s.wait(ctx, cond, true)
}

// Wait blocks until cond is true or ctx ends. cond runs without the
// server's lock, so it may call any accessor (Reactions, RepliesTo, ...);
// it is evaluated again after every change the fake sees.
func (s *Server) Wait(ctx context.Context, cond func() bool) error {
	return s.wait(ctx, cond, false)
}

// wait is waitFor and Wait: cond is evaluated with s.mu held when locked.
func (s *Server) wait(ctx context.Context, cond func() bool, locked bool) error {
	for {
		s.mu.Lock()
		ok := locked && cond()
		ch, closed := s.notify, s.closed
		s.mu.Unlock()
		if ok || !locked && cond() {
			return nil
		}
		if closed {
			return fmt.Errorf("discordtest: server closed")
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("discordtest: wait: %w", ctx.Err())
		}
	}
}

// afterFunc runs f after d unless the server closes first.
func (s *Server) afterFuncLocked(d time.Duration, f func()) {
	s.timers = append(s.timers, time.AfterFunc(d, f))
}

// violateLocked records a broken Discord rule; s.mu must be held.
func (s *Server) violateLocked(format string, args ...any) {
	v := fmt.Sprintf(format, args...)
	s.violations = append(s.violations, v)
	s.log.Warn("discordtest: violation", "what", v)
	s.changedLocked()
}

// Violations lists every broken Discord rule recorded so far: late or
// missing acknowledgements, double acknowledgements, rejected payloads,
// unsafe allowed_mentions, use of expired tokens.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// Request is one REST call the fake received.
type Request struct {
	Method string
	Path   string // without the /api/vN prefix, e.g. "/channels/1/messages"
	Status int
	At     time.Time
}

// Requests lists every REST call received, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Typing is one POST /channels/{id}/typing call.
type Typing struct {
	ChannelID string
	At        time.Time
}

// TypingCalls lists the typing indicators the bot triggered.
func (s *Server) TypingCalls() []Typing {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Typing(nil), s.typing...)
}
