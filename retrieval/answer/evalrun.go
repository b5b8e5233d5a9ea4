package answer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"paperbot/corpus"
	"paperbot/retrieval"
)

// EvalEnv is an engine over the papers an evaluation set asks about.
type EvalEnv struct {
	Engine *Engine
	ids    map[string]string // case paper spec -> paper ID
	// Unreadable are the papers that could not be read, with why; their
	// questions are left out of a run (Usable).
	Unreadable map[string]error
}

// Usable returns the cases whose paper could be read.
func (env *EvalEnv) Usable(cases []EvalCase) []EvalCase {
	var out []EvalCase
	for _, c := range cases {
		if _, bad := env.Unreadable[c.Paper]; !bad {
			out = append(out, c)
		}
	}
	return out
}

// LoadEvalPaper reads one paper of an evaluation set: "default" (or "")
// is the embedded default paper, "shared:<file>" a paper under
// <root>/../shared/papers, anything else a path relative to root (the
// repository), as .txt or .pdf.
func LoadEvalPaper(ctx context.Context, root, spec string) (*corpus.Paper, error) {
	if spec == "" || spec == "default" {
		return corpus.Default(), nil
	}
	path := filepath.Join(root, filepath.FromSlash(spec))
	if name, ok := strings.CutPrefix(spec, "shared:"); ok {
		path = filepath.Join(root, "..", "shared", "papers", filepath.FromSlash(name))
	}
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		p, err := corpus.ParseFile(path)
		if err != nil {
			return nil, fmt.Errorf("eval paper %s: %w", spec, err)
		}
		return p, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("eval paper %s: %w", spec, err)
	}
	// The reader the bot and the CLI use for a PDF (its page layout), so
	// the evaluation measures what students get.
	p, err := corpus.ParsePDF(ctx, filepath.Base(path), data)
	if err != nil {
		return nil, fmt.Errorf("eval paper %s: %w", spec, err)
	}
	return p, nil
}

// NewEvalEnv loads every paper the cases name and indexes them offline
// (BM25 and the hash embedder), as the default configuration does.
func NewEvalEnv(ctx context.Context, root string, cases []EvalCase, opt Options) (*EvalEnv, error) {
	env := &EvalEnv{ids: map[string]string{}, Unreadable: map[string]error{}}
	var papers []*corpus.Paper
	for _, c := range cases {
		if _, ok := env.ids[c.Paper]; ok {
			continue
		}
		if _, bad := env.Unreadable[c.Paper]; bad {
			continue
		}
		p, err := LoadEvalPaper(ctx, root, c.Paper)
		if err != nil {
			env.Unreadable[c.Paper] = err
			continue
		}
		dup := false
		for _, q := range papers {
			if q.ID == p.ID {
				dup = true
			}
		}
		if !dup {
			papers = append(papers, p)
		}
		env.ids[c.Paper] = p.ID
	}
	ix, err := retrieval.Open(ctx, retrieval.Options{})
	if err != nil {
		return nil, fmt.Errorf("eval index: %w", err)
	}
	if err := ix.Add(ctx, papers...); err != nil {
		return nil, fmt.Errorf("eval index: %w", err)
	}
	env.Engine = New(corpus.NewLibrary(papers...), ix, opt)
	return env, nil
}

// Run answers every case with the engine (or, with baseline, with plain
// BM25 that never declines), in order.
func (env *EvalEnv) Run(ctx context.Context, cases []EvalCase, baseline bool) ([]*Answer, error) {
	out := make([]*Answer, 0, len(cases))
	for _, c := range cases {
		id := env.ids[c.Paper]
		var a *Answer
		var err error
		if baseline {
			a, err = env.Engine.Baseline(ctx, id, c.Q)
		} else {
			a, err = env.Engine.Ask(ctx, Request{PaperID: id, Question: c.Q, History: c.Turns()})
		}
		if err != nil {
			if msg, ok := IsUserError(err); ok {
				a = &Answer{Text: msg, Citations: []int{}, Abstained: true}
			} else {
				return nil, fmt.Errorf("eval %s: %w", c.ID, err)
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// Baseline answers with plain BM25 and never declines: the two best
// passages, with the references among the first three hits and what the
// body sentences cite. It is the yardstick the evaluation prints.
func (e *Engine) Baseline(ctx context.Context, paperID, q string) (*Answer, error) {
	q, err := cleanQuestion(q)
	if err != nil {
		return nil, err
	}
	p, err := e.Paper(paperID)
	if err != nil {
		return nil, err
	}
	pi := e.info(p)
	hits, err := e.ix.SearchMode(ctx, p.ID, q, 3, retrieval.LexicalOnly)
	if err != nil {
		return nil, fmt.Errorf("baseline search: %w", err)
	}
	var b strings.Builder
	var cites []int
	for i, h := range hits {
		if i < 2 {
			b.WriteString(oneLine(h.Text) + "\n")
		}
		for _, n := range h.Cites {
			if c, ok := pi.citable(n); ok && !slices.Contains(cites, c) {
				cites = append(cites, c)
			}
		}
	}
	return &Answer{PaperID: p.ID, Text: b.String(), Citations: nonNil(cites), Related: []int{}, Passages: nonNilHits(hits), Mode: ModeOffline}, nil
}
