package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/corpus"
	class "paperbot/internal/classroom"
	"paperbot/internal/httpx"
	"paperbot/internal/ops"
	"paperbot/internal/store"
	"paperbot/retrieval/answer"
)

// ErrBadToken means Discord refused the bot token, or none was given.
var ErrBadToken = errors.New("the Discord bot token is missing or was rejected")

// Asker answers questions.
type Asker interface {
	Ask(ctx context.Context, req answer.Request) (*answer.Answer, error)
}

// Library gives papers, their references and formatted citations.
type Library interface {
	Paper(id string) (*corpus.Paper, error)
	Cite(paperID, arg, format string) (string, error)
	Refs(paperID, query string) ([]corpus.Reference, error)
}

// Engine is everything the bot needs from the answering engine
// (*answer.Engine satisfies it). Every capability is in the type, none is
// discovered at run time, so an engine that lacks one does not compile as
// an Engine rather than silently losing a command.
type Engine interface {
	Asker
	Library
	Shelf
	Summarizer
	Suggester
	// Offline reports whether answers come without a language model: they
	// take microseconds and need no answer slot.
	Offline() bool
}

var _ Engine = (*answer.Engine)(nil)

// Options configure a Bot. Only Token and Engine are required.
type Options struct {
	Token   string // bot token, without the "Bot " prefix
	GuildID string // register commands to this guild only ("" = globally)
	APIURL  string // REST base; "" = DefaultAPIURL

	AllowedChannels []string      // when non-empty, only these channels (or threads in them)
	AllowedRoles    []string      // when non-empty, only members with one of these roles
	Cooldown        time.Duration // per-user gap between questions; 0 = none
	MaxConcurrent   int           // answers in progress at once; 0 = 4
	QueueWait       time.Duration // how long an @mention waits for a free slot; 0 = 10 s
	// MaxQueue is how many /ask may wait in line for a slot (each shown its
	// place, for as long as its interaction token allows); beyond it a
	// question is refused as busy. 0 = DefaultMaxQueue.
	MaxQueue int

	EditInterval time.Duration // minimum gap between streamed edits of one message; 0 = 1.2 s
	ShutdownWait time.Duration // how long shutdown waits for answers in progress; 0 = 20 s
	AnswerTTL    time.Duration // how long answers stay in memory for their buttons; 0 = 24 h
	CiteStyle    string        // default citation style; "" = ieee

	// AnswerRetention is, with a Store, how long answer buttons keep
	// working (across restarts); 0 = 30 days.
	AnswerRetention time.Duration
	// AnswerFlushEvery is, with a Store, the longest an answer waits in
	// memory before its batch is written: what a crash can lose. 0 = 1 s.
	AnswerFlushEvery time.Duration

	Engine Engine
	Logger *slog.Logger // nil = slog.Default()

	// PaperFor picks the paper of a channel; nil (or "") means the default paper.
	PaperFor func(guildID, channelID string) string
	// HTTPClient, when set, replaces the REST client (its Transport, or
	// a pooled one when nil, is wrapped by the rate-limiting, retrying and
	// retargeting httpx.Transport).
	HTTPClient *http.Client

	// Store keeps classroom state: each channel's paper (used when
	// PaperFor is nil), uploaded papers, quizzes, feedback, pinned answers
	// and cited references. nil turns the classroom commands off.
	Store ClassroomStore
	// InstructorRoleID is the role allowed to run instructor commands
	// (/class, /ingest, /review, /pin; Discord also hides these from members
	// without Manage Server unless an admin grants them to the role); members with the Manage Server
	// permission always are.
	InstructorRoleID string
	// MaxUploadBytes caps /ingest files; 0 = DefaultMaxUploadBytes.
	MaxUploadBytes int64
	// DownloadClient fetches /ingest attachments; nil = http.DefaultClient
	// (each download has its own timeout).
	DownloadClient *http.Client

	// ShardID and ShardCount pick this process's gateway shard. ShardCount
	// 0 asks Discord (GET /gateway/bot) for the recommended count.
	ShardID, ShardCount int
	// Metrics and Health, when set, receive the bot's metrics and gateway
	// state (see package ops); nil records nothing.
	Metrics *ops.Metrics
	Health  *ops.Health
}

// Bot is PaperBot's Discord front end.
type Bot struct {
	opt   Options
	log   *slog.Logger
	s     *discordgo.Session
	gate  *gate
	cache *answerCache
	sched *Scheduler
	study studyCache  // each paper's summary and glossary, computed once
	live  liveStreams // answers being streamed, for their Stop button (stop.go)

	appID     string
	botUserID atomic.Value // string, set on READY

	work      sync.WaitGroup // answers in progress
	workCtx   context.Context
	stopWork  context.CancelFunc
	closing   atomic.Bool
	workMu    sync.Mutex // orders beginWork against the start of shutdown
	readyOnce sync.Once
	ready     chan struct{}
	ops       opsState // health, metrics, gateway supervision (observe.go, faults.go)
	rest      *httpx.Transport
	answers   *store.AnswerWriter // answers for their buttons, written in batches (nil without a Store; answers.go)

	room *class.Service // the classroom over Options.Store (nil without a Store)
}

// New checks the options and prepares a Bot; Run connects it.
func New(opt Options) (*Bot, error) {
	if opt.Token == "" {
		return nil, fmt.Errorf("%w: set DISCORD_TOKEN", ErrBadToken)
	}
	if opt.Engine == nil {
		return nil, errors.New("bot: no answering engine")
	}
	if opt.MaxConcurrent <= 0 {
		opt.MaxConcurrent = 4
	}
	if opt.MaxQueue <= 0 {
		opt.MaxQueue = DefaultMaxQueue
	}
	if opt.QueueWait <= 0 {
		opt.QueueWait = 10 * time.Second
	}
	if opt.EditInterval <= 0 {
		opt.EditInterval = 1200 * time.Millisecond
	}
	if opt.ShutdownWait <= 0 {
		opt.ShutdownWait = 20 * time.Second
	}
	if opt.AnswerTTL <= 0 {
		opt.AnswerTTL = 24 * time.Hour
	}
	if opt.AnswerRetention <= 0 {
		opt.AnswerRetention = store.DefaultRetention
	}
	if opt.CiteStyle == "" {
		opt.CiteStyle = string(corpus.StyleIEEE)
	}
	if _, err := corpus.ParseStyle(opt.CiteStyle); err != nil {
		return nil, fmt.Errorf("bot: citation style: %w", err)
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if err := checkShard(opt.ShardID, opt.ShardCount); err != nil {
		return nil, err
	}
	s, rest, err := newSession(opt)
	if err != nil {
		return nil, err
	}
	workCtx, stop := context.WithCancel(context.Background())
	b := &Bot{
		opt:      opt,
		log:      opt.Logger,
		s:        s,
		rest:     rest,
		gate:     newGate(opt.AllowedChannels, opt.AllowedRoles, opt.Cooldown, opt.MaxConcurrent, opt.MaxQueue),
		cache:    newAnswerCache(2048, cacheTTL(opt)),
		sched:    NewScheduler(opt.EditInterval, 4),
		workCtx:  workCtx,
		stopWork: stop,
		ready:    make(chan struct{}),
	}
	if opt.Store != nil {
		b.answers = store.NewAnswerWriter(opt.Store, store.WriterOptions{
			FlushEvery: opt.AnswerFlushEvery, Retention: opt.AnswerRetention, Logger: opt.Logger})
		b.room = class.New(opt.Store, opt.Engine, class.Options{
			Logger: b.log, DownloadClient: opt.DownloadClient, MaxUploadBytes: opt.MaxUploadBytes})
	}
	b.botUserID.Store("")
	s.AddHandler(b.onReady)
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessage)
	b.observe()
	return b, nil
}

// Session is the underlying discordgo session (for tests and extensions).
func (b *Bot) Session() *discordgo.Session { return b.s }

// Ready is closed once the gateway has sent READY.
func (b *Bot) Ready() <-chan struct{} { return b.ready }

// Run reads the application id, registers the slash commands, opens the
// gateway and serves until ctx is cancelled. Then it closes the gateway,
// waits (up to ShutdownWait) for answers in progress, and returns nil.
// A rejected token (a REST 401 at any time, or gateway close 4004) gives an
// error wrapping ErrBadToken, and another fatal gateway close (4010-4014) a
// *GatewayError: Run then stops the same way and returns that error.
func (b *Bot) Run(ctx context.Context) error {
	app, err := b.s.Application("@me")
	if err != nil {
		return fmt.Errorf("read application: %w", translateAuth(err))
	}
	b.appID = app.ID
	if _, err := b.s.ApplicationCommandBulkOverwrite(app.ID, b.opt.GuildID, commands(), discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("register commands: %w", translateAuth(err))
	}
	b.startClassroom(ctx)
	if err := b.useShard(ctx); err != nil {
		return err
	}
	if _, known := b.ops.gateway.Load().(string); !known { // useShard did not read it
		if gw, err := b.s.Gateway(discordgo.WithContext(ctx)); err == nil {
			b.ops.gateway.Store(gw) // the URL Open will dial, to tell its log lines apart
		}
	}
	liveBots.Store(b, struct{}{})
	defer liveBots.Delete(b)
	if err := b.s.Open(); err != nil {
		return fmt.Errorf("open gateway: %w", translateAuth(err))
	}
	scope := "globally"
	if b.opt.GuildID != "" {
		scope = "to guild " + b.opt.GuildID
	}
	b.log.Info("connected to Discord", "application", app.ID, "commands", len(commands()), "registered", scope)

	schedCtx, stopSched := context.WithCancel(context.Background())
	schedDone := make(chan struct{})
	go func() { b.sched.Run(schedCtx); close(schedDone) }()

	fatal := b.superviseGateway(ctx)
	if fatal != nil {
		b.log.Error("stopping: " + redactErr(fatal))
	}
	b.beginShutdown()
	b.log.Info("shutting down: closing the gateway and finishing answers in progress")
	if err := b.s.Close(); err != nil {
		b.log.Warn("close gateway", "err", err)
	}
	done := make(chan struct{})
	go func() { b.work.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(b.opt.ShutdownWait):
		b.log.Warn("shutdown: answers still in progress after the wait; abandoning them", "wait", b.opt.ShutdownWait)
		b.stopWork()
	}
	b.stopWork()
	stopSched()
	<-schedDone
	b.closeAnswers()
	return fatal
}

// translateAuth maps Discord's authentication failures to ErrBadToken.
func translateAuth(err error) error {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
		return fmt.Errorf("%w (HTTP 401)", ErrBadToken)
	}
	if errors.Is(err, discordgo.ErrUnauthorized) {
		return fmt.Errorf("%w (HTTP 401)", ErrBadToken)
	}
	if fatal := gatewayFatal(err); fatal != nil {
		return fatal
	}
	return err
}

// onReady records the bot's own user id, for mentions.
func (b *Bot) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	if r.User != nil {
		b.botUserID.Store(r.User.ID)
	}
	b.readyOnce.Do(func() { close(b.ready) })
}

func (b *Bot) selfID() string {
	id, _ := b.botUserID.Load().(string)
	if id == "" && b.s.State != nil && b.s.State.User != nil {
		id = b.s.State.User.ID
	}
	return id
}

// paperFor is the paper id of a channel ("" = default): Options.PaperFor
// when set, else the channel's choice in the Store. When the Store cannot
// be read, the error is a user error saying so (never the default paper
// in its place).
func (b *Bot) paperFor(guildID, channelID string) (string, error) {
	if b.opt.PaperFor == nil {
		return b.channelPaper(channelID)
	}
	return b.opt.PaperFor(guildID, channelID), nil
}
