package answer

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"paperbot/corpus"
	"paperbot/internal/lazyre"
	"paperbot/retrieval"
)

// DefaultK is how many passages are retrieved when neither the request nor
// the options say.
const DefaultK = 8

// maxK caps a request's K.
const maxK = 50

// ErrOverBudget is what a Budget's Allow returns (wrapped) when a daily
// token budget is used up. Any other Allow error also means no model call,
// but is logged as a failure and noted as NoteBudgetUnavailable.
var ErrOverBudget = errors.New("token budget used up")

// Generator writes an answer with a language model. onDelta receives the
// text so far while it streams. The language-model client satisfies it.
type Generator interface {
	Generate(ctx context.Context, in GenerateInput, onDelta func(string)) (Generated, error)
}

// Budget limits language-model spending per user and per server.
type Budget interface {
	// Allow returns nil when the user may spend tokens now, else an error
	// wrapping ErrOverBudget.
	Allow(ctx context.Context, userID, guildID string) error
	// Record adds tokens to today's counts.
	Record(ctx context.Context, userID, guildID string, tokens int) error
}

// searcher is what the engine needs from the index.
type searcher interface {
	SearchMode(ctx context.Context, paperID, query string, k int, mode retrieval.Mode) ([]retrieval.Hit, error)
}

// Options configure an Engine. Every field is optional.
type Options struct {
	K         int       // passages retrieved per question (default DefaultK)
	Generator Generator // nil: offline extractive answers only
	Budget    Budget    // nil: no spending limit
	Pins      Pins      // nil: no pinned answers
	// Mode is the ranking used ("" = hybrid); evaluations compare modes.
	Mode   retrieval.Mode
	Logger *slog.Logger
	Now    func() time.Time

	// neverDecline answers every question (fitting the decline threshold).
	neverDecline bool
}

// Engine answers questions about the papers of a library. It is safe for
// concurrent use.
type Engine struct {
	lib    *corpus.Library
	ix     searcher
	opt    Options
	log    *slog.Logger
	papers sync.Map // paper ID -> *paperInfo, computed on first use
}

// New returns an engine over the papers of lib, searching ix (which should
// hold the same papers).
func New(lib *corpus.Library, ix *retrieval.Index, opt Options) *Engine {
	var s searcher
	if ix != nil {
		s = ix
	}
	return newEngine(lib, s, opt)
}

func newEngine(lib *corpus.Library, ix searcher, opt Options) *Engine {
	if opt.K <= 0 {
		opt.K = DefaultK
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	go lazyre.Warm(questionPatterns()...) // compiled once per process; later engines find them ready
	return &Engine{lib: lib, ix: ix, opt: opt, log: opt.Logger}
}

// citable maps a cited number to the reference it stands for: a
// continuation entry (seed [28] is only the URL of [27]) stands for the
// entry it continues. ok is false for numbers that are not references.
func (pi *paperInfo) citable(n int) (int, bool) {
	r, ok := pi.refs[n]
	if !ok {
		return 0, false
	}
	if c := r.ContinuationOf; c != 0 {
		if _, ok := pi.refs[c]; ok {
			return c, true
		}
	}
	return n, true
}

// info returns the precomputed data of a paper, computing it on first use
// (so a large library starts fast) and again when the paper was replaced.
func (e *Engine) info(p *corpus.Paper) *paperInfo {
	if v, ok := e.papers.Load(p.ID); ok && v.(*paperInfo).paper == p {
		return v.(*paperInfo)
	}
	pi := newPaperInfo(p)
	e.papers.Store(p.ID, pi)
	return pi
}
