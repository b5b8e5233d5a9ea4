package bot

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"paperbot/bot/discordtest"
	"paperbot/internal/ops"
)

// withOps gives the bot fresh metrics and health state.
func withOps(m *ops.Metrics, h *ops.Health) func(*Options) {
	return func(o *Options) { o.Metrics, o.Health = m, h }
}

// metricValue sums the samples of the metric family name whose labels
// include every pair in labels ("k=v").
func metricValue(t testing.TB, m *ops.Metrics, name string, labels ...string) float64 {
	t.Helper()
	fams, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, f := range fams {
		if f.GetName() != name {
			continue
		}
	metrics:
		for _, mt := range f.GetMetric() {
			for _, want := range labels {
				k, v, _ := strings.Cut(want, "=")
				found := false
				for _, lp := range mt.GetLabel() {
					found = found || lp.GetName() == k && lp.GetValue() == v
				}
				if !found {
					continue metrics
				}
			}
			switch {
			case mt.GetCounter() != nil:
				sum += mt.GetCounter().GetValue()
			case mt.GetHistogram() != nil:
				sum += float64(mt.GetHistogram().GetSampleCount())
			case mt.GetGauge() != nil:
				sum += mt.GetGauge().GetValue()
			}
		}
	}
	return sum
}

// waitConnects waits (up to 10 s) until the bot has counted n gateway
// connections, the first included: its Connect handler, which runs in its
// own goroutine, signals each connection after counting it (and after
// marking the gateway connected in the health state).
func (e *env) waitConnects(n int) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		wake := e.bot.ops.connected.wait()
		if e.bot.ops.connects.Load() >= int64(n) {
			return
		}
		select {
		case <-wake:
		case <-ctx.Done():
			e.t.Fatalf("%d gateway connections counted, want %d", e.bot.ops.connects.Load(), n)
		}
	}
}

// waitRun waits for Run to return on its own and gives its error.
func (e *env) waitRun(d time.Duration) error {
	e.t.Helper()
	select {
	case err := <-e.done:
		e.stop = nil // already returned
		return err
	case <-time.After(d):
		e.t.Fatalf("Run did not stop within %v", d)
		return nil
	}
}

// askOK asks a question and fails unless it is answered.
func (e *env) askOK(what string) {
	e.t.Helper()
	_, st := e.slash("ask", map[string]any{"question": "What is soft power?"})
	if st.Original == nil || st.Original.Deleted || !strings.Contains(st.Original.Content, "-# ") {
		e.t.Fatalf("%s: no answer: %+v", what, st)
	}
}

func TestGatewayFatal(t *testing.T) {
	for code, fatal := range map[int]bool{1000: false, 1006: false, 4000: false, 4004: true, 4007: false, 4009: false,
		4010: true, 4011: true, 4012: true, 4013: true, 4014: true} {
		err := gatewayFatal(&websocket.CloseError{Code: code, Text: "x"})
		if (err != nil) != fatal {
			t.Errorf("close %d: fatal=%v, want %v", code, err != nil, fatal)
		}
		if err != nil && errors.Is(err, ErrBadToken) != (code == 4004) {
			t.Errorf("close %d: matches ErrBadToken=%v", code, errors.Is(err, ErrBadToken))
		}
		if err != nil && !strings.Contains(err.Error(), closeName(code)) {
			t.Errorf("close %d: unclear message %q", code, err)
		}
	}
	if gatewayFatal(errors.New("EOF")) != nil || gatewayFatal(nil) != nil {
		t.Error("a plain error is not fatal")
	}
}

func TestTokenRejected(t *testing.T) {
	for _, tc := range []struct {
		path, body string
		want       bool
	}{
		{"/api/v10/channels/1/messages", `{"message":"401: Unauthorized","code":0}`, true},
		{"/api/v10/applications/@me", ``, true},
		{"/api/v10/webhooks/1/tok/messages/@original", `{"message":"Invalid Webhook Token","code":50027}`, false},
		{"/api/v10/interactions/1/tok/callback", `{"message":"Invalid Webhook Token","code":50027}`, false},
		{"/api/v10/webhooks/1/tok", `{"message":"401: Unauthorized","code":0}`, true},
	} {
		req, _ := http.NewRequest("PATCH", "http://127.0.0.1"+tc.path, nil)
		if got := tokenRejected(req, []byte(tc.body)); got != tc.want {
			t.Errorf("%s %s: %v, want %v", tc.path, tc.body, got, tc.want)
		}
	}
}

// TestE2EFatalCloseStops: a fatal close on a live connection stops the bot
// with a clear error instead of discordgo's endless reconnect loop.
func TestE2EFatalCloseStops(t *testing.T) {
	t.Parallel()
	for _, code := range []int{4004, 4011, 4014} {
		t.Run(itoa(code), func(t *testing.T) {
			h := ops.NewHealth(true)
			h.SetIndexLoaded(true)
			e := startBot(t, nil, withOps(ops.NewMetrics(), h))
			e.srv.CloseGateway(code)
			err := e.waitRun(10 * time.Second)
			var ge *GatewayError
			if !errors.As(err, &ge) || ge.Code != code {
				t.Fatalf("Run returned %v, want a GatewayError %d", err, code)
			}
			if errors.Is(err, ErrBadToken) != (code == 4004) {
				t.Errorf("ErrBadToken match wrong for %d", code)
			}
			if !strings.Contains(e.logs.String(), "stopping: Discord closed the gateway with code "+itoa(code)) {
				t.Errorf("no clear log line:\n%s", e.logs.String())
			}
			if st := h.Status(); st.Healthy || st.GatewayConnected {
				t.Errorf("health after a fatal close: %+v", st)
			}
			if n := e.srv.Identifies(); n != 1 {
				t.Errorf("identified %d times; a fatal close must not reconnect", n)
			}
		})
	}
}

// TestE2EFatalAtIdentify: disallowed intents (4014) and a rejected token
// end Run at start with the right error.
func TestE2EFatalAtIdentify(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t, discordtest.WithDisallowedIntents(int(discordgo.IntentsGuildMessages)))
	b, err := New(Options{Token: "t", APIURL: srv.APIURL(), Engine: testEngine(t), Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = b.Run(ctx)
	var ge *GatewayError
	if !errors.As(err, &ge) || ge.Code != 4014 || !strings.Contains(err.Error(), "Privileged Gateway Intents") {
		t.Fatalf("Run = %v, want close 4014 with advice", err)
	}

	srv2 := discordtest.New(t, discordtest.WithToken("right"))
	b, err = New(Options{Token: "wrong", APIURL: srv2.APIURL(), Engine: testEngine(t), Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Run(ctx); !errors.Is(err, ErrBadToken) {
		t.Fatalf("Run with a wrong token = %v", err)
	}
}

// TestE2ERest401Stops: a token reset while running: the next REST call is
// 401 and the bot stops, saying why.
func TestE2ERest401Stops(t *testing.T) {
	t.Parallel()
	m := ops.NewMetrics()
	e := startBot(t, nil, withOps(m, nil))
	e.srv.RejectToken()
	e.srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, nil, "", ""))
	err := e.waitRun(10 * time.Second)
	if !errors.Is(err, ErrBadToken) || !strings.Contains(err.Error(), "HTTP 401") {
		t.Fatalf("Run = %v, want ErrBadToken from a REST 401", err)
	}
	if strings.Contains(err.Error(), "/interactions/") && !strings.Contains(err.Error(), "[REDACTED]") {
		t.Errorf("interaction token not redacted: %v", err)
	}
	if metricValue(t, m, "paperbot_errors_total", "kind=discord_auth") < 1 {
		t.Error("401 not counted")
	}
}

// TestE2EGatewayRecovers: op 7, op 9 (resumable or not), a non-fatal close
// and a dropped connection are all survived; health and metrics follow.
func TestE2EGatewayRecovers(t *testing.T) {
	t.Parallel()
	m := ops.NewMetrics()
	h := ops.NewHealth(true)
	h.SetIndexLoaded(true)
	e := startBot(t, nil, withOps(m, h))
	defer e.checkRules()
	e.askOK("at start")
	if st := h.Status(); !st.Healthy || st.HeartbeatAckAgeSeconds == nil {
		t.Fatalf("health after connect: %+v", st)
	}
	faults := []struct {
		name   string
		inject func()
		how    string // "resume", "identify" (a new session), or "either"
	}{
		{"op 7 reconnect", e.srv.RequestReconnect, "resume"},
		// discordgo identifies on the open connection; the fake closes it
		// (4005, already authenticated) and the bot resumes.
		{"op 9 resumable", func() { e.srv.InvalidateSession(true) }, "either"},
		{"op 9 not resumable", func() { e.srv.InvalidateSession(false) }, "identify"},
		{"close 4000", func() { e.srv.CloseGateway(4000) }, "resume"},
		{"close 4009 (session timed out)", func() { e.srv.CloseGateway(4009) }, "identify"},
		{"dropped connection", e.srv.DropGateway, "resume"},
	}
	for _, f := range faults {
		before := e.srv.Gateway()
		f.inject()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := e.srv.WaitGateway(ctx, func(g discordtest.GatewayStats) bool {
			resumed, identified := g.Resumes > before.Resumes, g.Identifies > before.Identifies
			switch f.how {
			case "resume":
				return g.Connected > 0 && resumed
			case "identify":
				return g.Connected > 0 && identified
			}
			return g.Connected > 0 && (resumed || identified)
		})
		cancel()
		if err != nil {
			t.Fatalf("%s: no %s: %v (%+v)", f.name, f.how, err, e.srv.Gateway())
		}
		e.askOK(f.name)
	}
	e.waitConnects(1 + 3) // the first connection, then op 7, close 4000 and the drop reconnect
	if st := h.Status(); !st.Healthy || !st.GatewayConnected {
		t.Errorf("health after recovering: %+v", st)
	}
	if got := metricValue(t, m, "paperbot_gateway_reconnects_total"); got < 3 {
		t.Errorf("reconnects counted: %v, want ≥ 3 (op 7, close 4000, drop)", got)
	}
	if got := metricValue(t, m, "paperbot_questions_total", "source=slash"); got != float64(len(faults)+1) {
		t.Errorf("questions counted: %v, want %d", got, len(faults)+1)
	}
	select {
	case err := <-e.done:
		t.Fatalf("Run stopped: %v", err)
	default:
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
