package answer

import (
	"context"
	"flag"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"paperbot/corpus"
	"paperbot/internal/testutil"
	"paperbot/retrieval"
)

var update = flag.Bool("update", false, "rewrite golden files")

// seedIndex is the default paper indexed once with the offline embedder.
var seedIndex = sync.OnceValues(func() (*retrieval.Index, error) {
	ix, err := retrieval.Open(context.Background(), retrieval.Options{})
	if err != nil {
		return nil, err
	}
	return ix, ix.Add(context.Background(), corpus.Default())
})

// newTestEngine returns an engine over the default paper.
func newTestEngine(t testing.TB, opt Options) *Engine {
	t.Helper()
	ix, err := seedIndex()
	if err != nil {
		t.Fatal(err)
	}
	return New(testLibrary(t, corpus.Default()), ix, opt)
}

func testLibrary(t testing.TB, papers ...*corpus.Paper) *corpus.Library {
	t.Helper()
	return corpus.NewLibrary(papers...)
}

// countingSearcher records how often the index is searched.
type countingSearcher struct {
	searcher
	mu    sync.Mutex
	calls int
}

func (c *countingSearcher) SearchMode(ctx context.Context, paperID, q string, k int, m retrieval.Mode) ([]retrieval.Hit, error) {
	c.mu.Lock()
	c.calls++
	c.mu.Unlock()
	return c.searcher.SearchMode(ctx, paperID, q, k, m)
}

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", name), got, *update)
}

// engineFor returns an offline engine over the papers, each indexed.
func engineFor(t testing.TB, papers ...*corpus.Paper) *Engine {
	t.Helper()
	ix, err := retrieval.Open(context.Background(), retrieval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range papers {
		if err := ix.Add(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
	return New(corpus.NewLibrary(papers...), ix, Options{})
}

// repoPaper reads a paper kept in the repository (testdata), failing
// the test when it cannot.
func repoPaper(t testing.TB, path string) *corpus.Paper {
	t.Helper()
	p, err := corpus.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// askOK asks e about paper a question, failing the test on an error.
func askOK(t testing.TB, e *Engine, paperID, q string, history ...Turn) *Answer {
	t.Helper()
	a, err := e.Ask(context.Background(), Request{PaperID: paperID, Question: q, History: history})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return a
}

// answerCase is a question and what its answer must hold: these texts,
// and exactly these citations (nil: not checked).
type answerCase struct {
	q     string
	want  []string
	cites []int
}

// checkAnswers asks each case about paperID and reports what the answer
// lacks.
func checkAnswers(t *testing.T, e *Engine, paperID string, cases []answerCase) {
	t.Helper()
	for _, c := range cases {
		a := askOK(t, e, paperID, c.q)
		for _, w := range c.want {
			if !strings.Contains(a.Text, w) {
				t.Errorf("%q: %q lacks %q", c.q, a.Text, w)
			}
		}
		if c.cites != nil && !slices.Equal(a.Citations, c.cites) {
			t.Errorf("%q: cites %v, want %v", c.q, a.Citations, c.cites)
		}
	}
}
