package bot

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
	"paperbot/corpus"
	"paperbot/internal/testutil"
	"paperbot/retrieval"
	"paperbot/retrieval/answer"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Each e2e test runs its own fake Discord and bot; the bot's transport
// retargets discordgo at that fake (no package-level endpoint changes), so
// the e2e tests run in parallel.

// realEngine is the offline engine over the default paper, built once.
var realEngine = sync.OnceValues(func() (*answer.Engine, error) {
	return buildEngine(answer.Options{}, corpus.Default())
})

// buildEngine is an engine over papers with its own in-memory index (so
// that what a test uploads does not leak into other tests), offline
// unless opts has a Generator.
func buildEngine(opts answer.Options, papers ...*corpus.Paper) (*answer.Engine, error) {
	ix, err := retrieval.Open(context.Background(), retrieval.Options{})
	if err != nil {
		return nil, err
	}
	for _, p := range papers {
		if err := ix.Add(context.Background(), p); err != nil {
			return nil, err
		}
	}
	return answer.New(corpus.NewLibrary(papers...), ix, opts), nil
}

// newEngine is buildEngine over papers, the default paper when none is
// given, failing the test on error.
func newEngine(t testing.TB, opts answer.Options, papers ...*corpus.Paper) *answer.Engine {
	t.Helper()
	if len(papers) == 0 {
		papers = []*corpus.Paper{corpus.Default()}
	}
	eng, err := buildEngine(opts, papers...)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func testEngine(t testing.TB) *answer.Engine {
	t.Helper()
	e, err := realEngine()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// askFunc overrides an engine's Ask.
type askFunc func(ctx context.Context, req answer.Request) (*answer.Answer, error)

// stubEngine is the real engine with Ask replaced.
type stubEngine struct {
	Engine
	ask askFunc
}

func (s stubEngine) Ask(ctx context.Context, req answer.Request) (*answer.Answer, error) {
	return s.ask(ctx, req)
}

// Offline is false: a replaced Ask stands for a model's answer, which
// takes time and an answer slot, whatever the engine underneath.
func (s stubEngine) Offline() bool { return false }

// env is a bot connected to a fake Discord.
type env struct {
	t    testing.TB
	srv  *discordtest.Server
	bot  *Bot
	logs *testutil.Buffer
	stop context.CancelFunc
	done chan error
}

// startBot runs a bot with the real offline engine (or eng) against a new
// fake Discord, and waits until it is connected with its commands
// registered.
func startBot(t testing.TB, eng Engine, configure func(*Options), fakeOpts ...discordtest.Option) *env {
	t.Helper()
	if eng == nil {
		eng = testEngine(t)
	}
	// The fake refuses IDENTIFY if the bot asks for the privileged
	// MESSAGE_CONTENT intent: mentions must work without it.
	srv := discordtest.New(t, append([]discordtest.Option{discordtest.WithHeartbeatInterval(250 * time.Millisecond), discordtest.WithToken("test-token"),
		discordtest.WithDisallowedIntents(int(discordgo.IntentMessageContent))}, fakeOpts...)...)
	logs := &testutil.Buffer{}
	opt := Options{
		Token:        "test-token",
		GuildID:      discordtest.DefaultGuildID,
		APIURL:       srv.APIURL(),
		Engine:       eng,
		Logger:       slog.New(slog.NewTextHandler(io.MultiWriter(logs, testLogWriter()), &slog.HandlerOptions{Level: slog.LevelDebug})),
		EditInterval: 50 * time.Millisecond,
		ShutdownWait: 5 * time.Second,
	}
	if configure != nil {
		configure(&opt)
	}
	b, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &env{t: t, srv: srv, bot: b, logs: logs, stop: cancel, done: make(chan error, 1)}
	go func() { e.done <- b.Run(ctx) }()
	t.Cleanup(func() { e.shutdown() })
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	select {
	case <-b.Ready():
	case err := <-e.done:
		t.Fatalf("bot stopped: %v", err)
	case <-wctx.Done():
		t.Fatal("bot not ready")
	}
	if err := srv.WaitCommands(wctx, opt.GuildID, len(commands())); err != nil {
		t.Fatalf("commands not registered: %v", err)
	}
	e.waitConnects(1) // the Connect handler has marked the gateway up
	return e
}

// shutdown cancels the bot and waits for Run to return.
func (e *env) shutdown() error {
	if e.stop == nil {
		return nil
	}
	e.stop()
	e.stop = nil
	select {
	case err := <-e.done:
		return err
	case <-time.After(15 * time.Second):
		e.t.Error("Run did not return after cancel")
		return nil
	}
}

// checkRules fails the test on any recorded violation of Discord's rules or
// any ping.
func (e *env) checkRules() {
	e.t.Helper()
	for _, v := range e.srv.Violations() {
		e.t.Errorf("Discord rule broken: %s", v)
	}
	for _, p := range e.srv.Pings() {
		e.t.Errorf("pinged: %+v", p)
	}
}

// slash injects a slash command and waits for its final state.
func (e *env) slash(name string, opts map[string]any) (*discordtest.Interaction, discordtest.InteractionState) {
	e.t.Helper()
	return e.inject(discordtest.SlashCommand(name, opts, nil, "", ""))
}

func (e *env) inject(in *discordgo.Interaction) (*discordtest.Interaction, discordtest.InteractionState) {
	e.t.Helper()
	it := e.srv.InjectInteraction(in)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := it.WaitFinal(ctx)
	if err != nil {
		e.t.Fatalf("%s: no final response: %v (state %+v)", in.Type, err, st)
	}
	return it, st
}

func testLogWriter() io.Writer {
	if testing.Verbose() && os.Getenv("BOT_TEST_LOGS") != "" {
		return os.Stderr
	}
	return io.Discard
}

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", name), got, *update)
}

// buttonID finds the custom id of the button labelled label.
func buttonID(t testing.TB, m *discordtest.Message, label string) string {
	t.Helper()
	if m == nil {
		t.Fatalf("no message to find button %q in", label)
	}
	for _, c := range m.Buttons() {
		if c.Label == label {
			return c.CustomID
		}
	}
	var labels []string
	for _, c := range m.Buttons() {
		labels = append(labels, c.Label)
	}
	t.Fatalf("no button %q in message (buttons: %s)", label, strings.Join(labels, ", "))
	return ""
}

// loadEnv names the environment variable that turns on the long load and
// load-with-faults runs (TestE2ELoad, TestE2ELoadAndFaults). They take tens
// of seconds, so `go test ./...` skips them; .ci/run's load step sets it.
const loadEnv = "PAPERBOT_LOAD"

// needLoad skips a long load run unless PAPERBOT_LOAD=1.
func needLoad(t *testing.T) {
	t.Helper()
	if os.Getenv(loadEnv) != "1" {
		t.Skipf("long load run: set %s=1 to run it (.ci/run does)", loadEnv)
	}
}
