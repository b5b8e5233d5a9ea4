package answer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// fakeGenerator answers with fixed text (or an error), streaming it in two
// halves, and records what it was given.
type fakeGenerator struct {
	mu     sync.Mutex
	text   string
	err    error
	tokens int
	calls  int
	in     GenerateInput
}

func (g *fakeGenerator) Generate(ctx context.Context, in GenerateInput, onDelta func(string)) (Generated, error) {
	g.mu.Lock()
	g.calls++
	g.in = in
	g.mu.Unlock()
	if onDelta != nil && g.text != "" {
		onDelta(g.text[:len(g.text)/2])
		onDelta(g.text)
	}
	gen := Generated{Text: g.text, PromptTokens: g.tokens / 2, CompletionTokens: g.tokens - g.tokens/2}
	if g.err != nil {
		return gen, g.err
	}
	return gen, ctx.Err()
}

// fakeBudget allows up to limit tokens per user and records spending.
type fakeBudget struct {
	mu    sync.Mutex
	limit int
	spent map[string]int
	err   error
}

func (b *fakeBudget) Allow(_ context.Context, user, _ string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err != nil {
		return b.err
	}
	if b.spent[user] >= b.limit {
		return fmt.Errorf("user %s: %w", user, ErrOverBudget)
	}
	return nil
}

func (b *fakeBudget) Record(_ context.Context, user, _ string, tokens int) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.spent == nil {
		b.spent = map[string]int{}
	}
	b.spent[user] += tokens
	return nil
}

const russiaQ = "Are China and Russia competing there?"

func TestModelAnswer(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		err        error
		wantText   string // substring of the final text
		notText    []string
		cites      []int
		mode       Mode
		note       string
		unverified bool
		abstained  bool
	}{
		{name: "valid citation kept", text: "They mostly cooperate [29].", wantText: "cooperate [29].", cites: []int{29}, mode: ModeModel},
		{name: "made-up citation removed", text: "They cooperate [29] and trade [99].", wantText: "and trade.", notText: []string{"[99]"}, cites: []int{29}, mode: ModeModel},
		{name: "real but not retrieved reference removed", text: "Dictionaries define power [17], and they cooperate [29].", notText: []string{"[17]"}, cites: []int{29}, mode: ModeModel},
		{name: "continuation cited as its entry", text: "Language matters [28].", notText: []string{"[28]"}, mode: ModeModel, unverified: true},
		{name: "abstract label replaced", text: "Relations are cooperative [A1] [29].", wantText: "cooperative (abstract) [29]", cites: []int{29}, mode: ModeModel},
		{name: "no valid citation is unverified", text: "They are rivals [99].", notText: []string{"[99]"}, mode: ModeModel, unverified: true},
		{name: "model abstention is not unverified", text: "The passages you were given do not cover this.", mode: ModeModel, abstained: true},
		{name: "generator error falls back", err: errors.New("language model unavailable: HTTP 500"), wantText: "[29]", cites: []int{}, mode: ModeFallback, note: NoteModelUnavailable},
		{name: "injection cannot add citations", text: "PWNED [1] [2] [3] [99]", notText: []string{"[1]", "[2]", "[3]", "[99]"}, mode: ModeModel, unverified: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGenerator{text: tt.text, err: tt.err, tokens: 100}
			b := &fakeBudget{limit: 1000}
			e := newTestEngine(t, Options{Generator: g, Budget: b})
			var deltas []string
			a, err := e.Ask(context.Background(), Request{Question: russiaQ, UserID: "u1", OnDelta: func(s string) { deltas = append(deltas, s) }})
			if err != nil {
				t.Fatal(err)
			}
			if a.Mode != tt.mode || a.Note != tt.note || a.Unverified != tt.unverified || a.Abstained != tt.abstained {
				t.Errorf("mode %s note %q unverified %v abstained %v, want %s %q %v %v", a.Mode, a.Note, a.Unverified, a.Abstained, tt.mode, tt.note, tt.unverified, tt.abstained)
			}
			if !strings.Contains(a.Text, tt.wantText) {
				t.Errorf("text %q lacks %q", a.Text, tt.wantText)
			}
			for _, s := range tt.notText {
				if strings.Contains(a.Text, s) {
					t.Errorf("text %q still has %q", a.Text, s)
				}
				for _, d := range deltas {
					if strings.Contains(d, s) {
						t.Errorf("streamed text %q has %q", d, s)
					}
				}
			}
			if tt.cites != nil && fmt.Sprint(a.Citations) != fmt.Sprint(tt.cites) {
				t.Errorf("citations %v, want %v", a.Citations, tt.cites)
			}
			checkGrounded(t, e, a)
			if b.spent["u1"] != 100 {
				t.Errorf("recorded %d tokens, want 100", b.spent["u1"])
			}
			if len(g.in.Passages) == 0 || g.in.PaperTitle == "" || g.in.Question != russiaQ {
				t.Errorf("generator input incomplete: %+v", g.in)
			}
		})
	}
}

func TestModelBudgetExhausted(t *testing.T) {
	g := &fakeGenerator{text: "They cooperate [29].", tokens: 600}
	b := &fakeBudget{limit: 500}
	e := newTestEngine(t, Options{Generator: g, Budget: b})
	ask := func() *Answer {
		a, err := e.Ask(context.Background(), Request{Question: russiaQ, UserID: "u1"})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	if a := ask(); a.Mode != ModeModel {
		t.Fatalf("first answer mode %s", a.Mode)
	}
	a := ask()
	if a.Mode != ModeFallback || a.Note != NoteOverBudget || g.calls != 1 {
		t.Errorf("over budget: mode %s note %q calls %d", a.Mode, a.Note, g.calls)
	}
	checkGrounded(t, e, a)

	b.err = errors.New("database is locked")
	// A budget that cannot be read is not a budget used up.
	if a := ask(); a.Mode != ModeFallback || g.calls != 1 || a.Note == NoteOverBudget || !strings.Contains(a.Note, "database") {
		t.Errorf("budget failure: mode %s note %q calls %d", a.Mode, a.Note, g.calls)
	}
}

func TestModelNotCalledWhenAbstaining(t *testing.T) {
	g := &fakeGenerator{text: "Brasília [3]."}
	e := newTestEngine(t, Options{Generator: g})
	a, err := e.Ask(context.Background(), Request{Question: "What is the capital of Brazil?"})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Abstained || g.calls != 0 || len(a.Citations) != 0 {
		t.Errorf("abstained %v calls %d citations %v", a.Abstained, g.calls, a.Citations)
	}
}

func TestModelCancelled(t *testing.T) {
	g := &fakeGenerator{text: "They cooperate [29]."}
	e := newTestEngine(t, Options{Generator: g})
	ctx, cancel := context.WithCancel(context.Background())
	g.err = nil
	e.opt.Generator = generatorFunc(func(ctx context.Context, in GenerateInput, d func(string)) (Generated, error) {
		cancel()
		return Generated{}, fmt.Errorf("generate: %w", ctx.Err())
	})
	if _, err := e.Ask(ctx, Request{Question: russiaQ}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

type generatorFunc func(context.Context, GenerateInput, func(string)) (Generated, error)

func (f generatorFunc) Generate(ctx context.Context, in GenerateInput, d func(string)) (Generated, error) {
	return f(ctx, in, d)
}

// fakePins pins one answer.
type fakePins struct{ q, text string }

func (p fakePins) PinnedAnswers(context.Context, string, string) ([]Pin, error) {
	return []Pin{{Question: p.q, Answer: p.text}}, nil
}

func TestPinnedAnswer(t *testing.T) {
	g := &fakeGenerator{text: "x"}
	e := newTestEngine(t, Options{Generator: g, Pins: fakePins{q: "What is soft power?", text: "Nye's idea of attraction [15], see also [99] and [28]."}})
	a, err := e.Ask(context.Background(), Request{Question: "what is soft power?"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Mode != ModePinned || g.calls != 0 {
		t.Fatalf("mode %s calls %d", a.Mode, g.calls)
	}
	if fmt.Sprint(a.Citations) != "[15 27]" || strings.Contains(a.Text, "[99]") {
		t.Errorf("pinned citations %v text %q", a.Citations, a.Text)
	}
}
