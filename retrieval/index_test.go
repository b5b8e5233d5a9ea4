package retrieval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"paperbot/corpus"
)

func refsOf(hits []Hit) []int {
	var out []int
	for _, h := range hits {
		if h.Kind == KindReference {
			out = append(out, h.Ref)
		}
	}
	return out
}

func TestEmptyIndexGivesNoHits(t *testing.T) {
	ix := openMem(t)
	for _, mode := range Modes {
		hits, err := ix.SearchMode(context.Background(), "", "soft power", 5, mode)
		if err != nil || len(hits) != 0 {
			t.Fatalf("%s: hits=%v err=%v, want none", mode, hits, err)
		}
	}
	if ix.Len() != 0 || len(ix.Papers()) != 0 {
		t.Fatalf("Len=%d Papers=%v", ix.Len(), ix.Papers())
	}
}

func TestSearchClampsK(t *testing.T) {
	p := smallPaper("tea")
	ix := openMem(t, p)
	n := len(PassagesFor(p))
	if ix.Len() != n {
		t.Fatalf("Len = %d, want %d", ix.Len(), n)
	}
	for _, mode := range []Mode{Hybrid, VectorOnly} {
		hits, err := ix.SearchMode(context.Background(), "", "silk horses tea", 1000, mode)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != n {
			t.Errorf("%s: %d hits, want all %d passages", mode, len(hits), n)
		}
	}
	hits, err := ix.Search(context.Background(), "", "silk", 0)
	if err != nil || len(hits) == 0 || len(hits) > DefaultK {
		t.Fatalf("k=0: %d hits, err %v", len(hits), err)
	}
}

func TestSearchRanksAndScores(t *testing.T) {
	ix := openMem(t, smallPaper("tea"))
	hits, err := ix.Search(context.Background(), "", "Which source is about horses on the steppe?", 3)
	if err != nil {
		t.Fatal(err)
	}
	if hits[0].Ref != 2 {
		t.Fatalf("top hit %+v, want ref 2", hits[0])
	}
	h := hits[0]
	// "source" is not in the passage: two of three terms match.
	if h.Lexical <= 0 || h.Vector <= 0 || h.Score <= 0 || h.Coverage < 0.6 || h.Coverage > 0.7 {
		t.Errorf("scores of top hit: %+v", h)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("hits not ordered by score: %v", hits)
		}
	}
}

func TestSearchFiltersByPaper(t *testing.T) {
	ix := openMem(t, smallPaper("a"), smallPaper("b"))
	if got := ix.Papers(); !slices.Equal(got, []string{"a", "b"}) {
		t.Fatalf("Papers = %v", got)
	}
	for _, mode := range Modes {
		hits, err := ix.SearchMode(context.Background(), "b", "silk Samarkand", 100, mode)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			t.Fatalf("%s: no hits", mode)
		}
		for _, h := range hits {
			if h.PaperID != "b" {
				t.Errorf("%s: hit from paper %q", mode, h.PaperID)
			}
		}
	}
	hits, err := ix.Search(context.Background(), "nope", "silk", 5)
	if err != nil || len(hits) != 0 {
		t.Fatalf("unknown paper: %v %v", hits, err)
	}
}

func TestModesDiffer(t *testing.T) {
	ix := openMem(t, smallPaper("tea"))
	lex, err := ix.SearchMode(context.Background(), "", "steppe", 10, LexicalOnly)
	if err != nil {
		t.Fatal(err)
	}
	if len(lex) != 1 || lex[0].Ref != 2 || lex[0].Vector != 0 {
		t.Errorf("lexical: %+v, want only ref 2 without a vector score", lex)
	}
	vec, err := ix.SearchMode(context.Background(), "", "steppe", 10, VectorOnly)
	if err != nil {
		t.Fatal(err)
	}
	if len(vec) < 2 || vec[0].Ref != 2 || vec[0].Lexical <= 0 {
		t.Errorf("vector: %+v, want ref 2 first with its BM25 score and more hits", vec)
	}
	if _, err := ix.SearchMode(context.Background(), "", "x", 1, Mode("bogus")); err == nil {
		t.Error("bogus mode accepted")
	}
}

func TestOddQuestionsDoNotCrash(t *testing.T) {
	ix := openMem(t, smallPaper("tea"))
	for _, q := range []string{"", "   ", "?!", "🙂🙂🙂", "中国在中亚的软实力是什么？", "Какова роль России в Центральной Азии?", "\x00\xff", "a"} {
		hits, err := ix.Search(context.Background(), "", q, 5)
		if err != nil {
			t.Errorf("%q: %v", q, err)
		}
		for _, h := range hits {
			if h.Lexical != 0 {
				t.Errorf("%q matched lexically: %+v", q, h)
			}
		}
	}
}

func TestReAddEmbedsOnlyChangedPassages(t *testing.T) {
	var calls atomic.Int64
	ix, err := Open(context.Background(), Options{Embed: countingEmbedder(64, &calls), EmbedderID: "count-64", Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	p := smallPaper("tea")
	if err := ix.Add(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	n := int64(len(PassagesFor(p)))
	if calls.Load() != n {
		t.Fatalf("first add: %d embed calls, want %d", calls.Load(), n)
	}
	calls.Store(0)
	if err := ix.Add(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 0 {
		t.Fatalf("unchanged re-add: %d embed calls, want 0", calls.Load())
	}
	q := *p
	q.References = slices.Clone(p.References)
	q.References[1].Raw = "Lee, K. (2016). Horses of the steppe, revised."
	q.References = q.References[:2] // ref 3 dropped
	if err := ix.Add(context.Background(), &q); err != nil {
		t.Fatal(err)
	}
	// ref 2 changed and the metadata passage counts references.
	if calls.Load() != 2 {
		t.Fatalf("changed re-add: %d embed calls, want 2", calls.Load())
	}
	if ix.Len() != int(n)-1 {
		t.Fatalf("Len = %d after dropping a reference, want %d", ix.Len(), n-1)
	}
	if err := ix.Remove(context.Background(), "tea"); err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 0 || len(ix.Papers()) != 0 {
		t.Fatalf("after Remove: Len=%d Papers=%v", ix.Len(), ix.Papers())
	}
	if err := ix.Remove(context.Background(), "tea"); err != nil {
		t.Fatal("removing an unknown paper:", err)
	}
	if err := ix.Add(context.Background(), smallPaper("x"), smallPaper("y"), smallPaper("z")); err != nil {
		t.Fatal(err)
	}
	removed, err := ix.RemoveExcept(context.Background(), "y", "gone")
	if err != nil || !slices.Equal(removed, []string{"x", "z"}) || !slices.Equal(ix.Papers(), []string{"y"}) {
		t.Fatalf("RemoveExcept: removed %v, left %v, err %v", removed, ix.Papers(), err)
	}
}

func TestAddRejectsBadPapers(t *testing.T) {
	ix := openMem(t)
	if err := ix.Add(context.Background(), nil); err == nil {
		t.Error("nil paper accepted")
	}
	if err := ix.Add(context.Background(), &corpus.Paper{Title: "x"}); err == nil {
		t.Error("paper without id accepted")
	}
	if err := ix.Add(context.Background()); err != nil {
		t.Error("adding nothing:", err)
	}
	a, b := smallPaper("same"), smallPaper("same")
	b.Abstract = "Only one sentence here."
	if err := ix.Add(context.Background(), a, b); err != nil {
		t.Fatal(err)
	}
	if got, want := ix.Len(), len(PassagesFor(b)); got != want {
		t.Errorf("paper given twice: %d passages, want %d (the last copy)", got, want)
	}
}

func TestConcurrentSearchWhileAdding(t *testing.T) {
	ix := openMem(t, smallPaper("p0"))
	ctx := context.Background()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := ix.Search(ctx, "", "silk horses", 3); err != nil {
					t.Error(err)
					return
				}
				_ = ix.Len()
				_ = ix.Papers()
			}
		}()
	}
	for i := 1; i <= 20; i++ {
		if err := ix.Add(ctx, smallPaper(fmt.Sprintf("p%d", i))); err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 {
			if err := ix.Remove(ctx, fmt.Sprintf("p%d", i-1)); err != nil {
				t.Fatal(err)
			}
		}
	}
	close(stop)
	wg.Wait()
	if got := len(ix.Papers()); got != 17 {
		t.Fatalf("%d papers, want 17", got)
	}
}

func TestPersistenceRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "index.bin")
	var calls atomic.Int64
	opt := Options{Path: path, Embed: countingEmbedder(128, &calls), EmbedderID: "count-128", Logger: quietLogger()}
	ix, err := Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	p := smallPaper("tea")
	if err := ix.Add(ctx, p); err != nil {
		t.Fatal(err)
	}
	want, _ := ix.Search(ctx, "", "silk prices", 5)
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	calls.Store(0)
	ix2, err := Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	if ix2.Len() != ix.Len() || !slices.Equal(ix2.Papers(), ix.Papers()) {
		t.Fatalf("reloaded Len=%d Papers=%v", ix2.Len(), ix2.Papers())
	}
	if err := ix2.Add(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, _ := ix2.Search(ctx, "", "silk prices", 5)
	// One call embeds the question; no passage is embedded again.
	if calls.Load() != 1 {
		t.Fatalf("%d embed calls after reload, want 1 (the question)", calls.Load())
	}
	if len(got) != len(want) {
		t.Fatalf("reloaded search: %v, want %v", got, want)
	}
	for i := range got {
		if got[i].ID != want[i].ID || got[i].Score != want[i].Score || got[i].Vector != want[i].Vector {
			t.Errorf("hit %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	// The manifest and the segment directory, with one segment per paper.
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if segs, _ := os.ReadDir(segmentDir(path)); len(segs) != 1 || filepath.Ext(segs[0].Name()) != ".seg" {
		t.Errorf("segment directory holds %v, want one segment", segs)
	}
}

func TestRebuildOnEmbedderChangeOrCorruption(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "index.bin")
	p := smallPaper("tea")
	ix, _ := Open(ctx, Options{Path: path, Embed: HashEmbedder(64), EmbedderID: HashEmbedderID(64), Logger: quietLogger()})
	if err := ix.Add(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(path)

	cases := map[string]struct {
		data []byte
		id   string
		dim  int
	}{
		"other embedder":   {good, HashEmbedderID(96), 96},
		"truncated":        {good[:len(good)/2], HashEmbedderID(64), 64},
		"header only":      {good[:10], HashEmbedderID(64), 64},
		"flipped byte":     {flip(good, len(good)-20), HashEmbedderID(64), 64},
		"empty":            {nil, HashEmbedderID(64), 64},
		"not an index":     {[]byte("hello, world\n"), HashEmbedderID(64), 64},
		"same id, new dim": {good, "fixed-id", 96},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".bin")
			data := c.data
			if name == "same id, new dim" {
				ix, _ := Open(ctx, Options{Path: path, Embed: HashEmbedder(64), EmbedderID: "fixed-id", Logger: quietLogger()})
				_ = ix.Add(ctx, p)
				_ = ix.Save()
				data, _ = os.ReadFile(path)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			var calls atomic.Int64
			ix2, err := Open(ctx, Options{Path: path, Embed: countingEmbedder(c.dim, &calls), EmbedderID: c.id, Logger: quietLogger()})
			if err != nil {
				t.Fatal(err)
			}
			if err := ix2.Add(ctx, p); err != nil {
				t.Fatal(err)
			}
			if hits, err := ix2.Search(ctx, "", "horses", 1); err != nil || len(hits) != 1 || hits[0].Ref != 2 {
				t.Errorf("search after rebuild: %v %v", hits, err)
			}
			// A rebuild embeds every passage (in Add, or in the first Search
			// when only the dimension changed), plus the question.
			if want := int64(len(PassagesFor(p)) + 1); calls.Load() != want {
				t.Errorf("%d embed calls, want a full rebuild: %d", calls.Load(), want)
			}
			if err := ix2.Save(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func flip(b []byte, i int) []byte {
	c := slices.Clone(b)
	c[i] ^= 0xff
	return c
}

func TestAddProgressAndSaveErrors(t *testing.T) {
	ctx := context.Background()
	ix := openMem(t)
	var last, total, calls int
	p := smallPaper("tea")
	if err := ix.AddProgress(ctx, func(d, n int) { last, total = d, n; calls++ }, p); err != nil {
		t.Fatal(err)
	}
	if n := len(PassagesFor(p)); last != n || total != n || calls != n {
		t.Errorf("progress ended at %d/%d after %d calls, want %d/%d", last, total, calls, n, n)
	}
	if err := ix.Save(); err != nil {
		t.Errorf("saving an in-memory index: %v", err)
	}

	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad, err := Open(ctx, Options{Path: filepath.Join(blocker, "index.bin"), Logger: quietLogger()})
	if err != nil {
		t.Fatalf("Open with an unusable path should only log: %v", err)
	}
	if err := bad.Add(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := bad.Save(); err == nil || !strings.Contains(err.Error(), "save index") {
		t.Errorf("Save under a file: %v", err)
	}
}

func TestDimensionChangeDuringAdd(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.bin")
	a, b := smallPaper("a"), smallPaper("b")
	ix, _ := Open(ctx, Options{Path: path, Embed: HashEmbedder(64), EmbedderID: "fixed", Logger: quietLogger()})
	if err := ix.Add(ctx, a, b); err != nil {
		t.Fatal(err)
	}
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}

	// Same id, new dimension, and paper a changed: Add sees the new
	// dimension and re-embeds everything kept, of both papers.
	var calls atomic.Int64
	ix2, _ := Open(ctx, Options{Path: path, Embed: countingEmbedder(96, &calls), EmbedderID: "fixed", Logger: quietLogger()})
	a2 := smallPaper("a")
	a2.References[0].Raw = "Smith, J. (2002). Caravans and tea, second edition. Oxford."
	if err := ix2.Add(ctx, a2); err != nil {
		t.Fatal(err)
	}
	if want := int64(len(PassagesFor(a2)) + len(PassagesFor(b))); calls.Load() != want {
		t.Errorf("%d embed calls, want %d (every passage once)", calls.Load(), want)
	}
	calls.Store(0)
	for _, p := range []string{"a", "b", ""} {
		hits, err := ix2.Search(ctx, p, "steppe horses", 1)
		if err != nil || len(hits) != 1 || hits[0].Ref != 2 || hits[0].Vector <= 0 {
			t.Errorf("paper %q: %+v %v", p, hits, err)
		}
	}
	if calls.Load() != 3 {
		t.Errorf("%d embed calls for 3 searches, want 3 (no second rebuild)", calls.Load())
	}
}
