package answer

import (
	"context"
	"flag"
	"path/filepath"
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
