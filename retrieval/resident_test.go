package retrieval

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"paperbot/corpus"
)

func TestMemoryBudgetEvictsLeastRecentlyUsed(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.bin")
	papers := []*corpus.Paper{smallPaper("a"), smallPaper("b"), smallPaper("c")}
	opt, _, _ := savedIndex(t, path, papers...)
	// Room for two papers.
	opt.MemoryBudget = 2*residentSize(PassagesFor(papers[0]), 64) + 100
	ix, err := Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := ix.Search(ctx, "a", "silk prices", 3)
	for _, step := range []struct {
		paper string
		want  []string
	}{
		{"b", []string{"a", "b"}},
		{"a", []string{"a", "b"}}, // a is now the most recent
		{"c", []string{"a", "c"}}, // b, the least recent, is dropped
		{"b", []string{"b", "c"}},
	} {
		if _, err := ix.Search(ctx, step.paper, "silk prices", 3); err != nil {
			t.Fatal(err)
		}
		if got := ix.Resident(); !slices.Equal(got, step.want) {
			t.Fatalf("after searching %s: resident %v, want %v", step.paper, got, step.want)
		}
	}
	again, _ := ix.Search(ctx, "a", "silk prices", 3)
	if len(again) != len(first) {
		t.Fatalf("a after reloading: %v, want %v", again, first)
	}
	for i := range again {
		if again[i].ID != first[i].ID || again[i].Score != first[i].Score || again[i].Vector != first[i].Vector {
			t.Errorf("hit %d after reloading: %+v, want %+v", i, again[i], first[i])
		}
	}
	// A question across papers needs them all, whatever the budget.
	if hits, err := ix.Search(ctx, "", "silk prices", 3); err != nil || len(hits) != 3 || len(ix.Resident()) != 3 {
		t.Errorf("across papers: %d hits, %v, resident %v", len(hits), err, ix.Resident())
	}
}

func TestConcurrentSearchesWithEviction(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.bin")
	papers := []*corpus.Paper{smallPaper("a"), smallPaper("b"), smallPaper("c"), smallPaper("d")}
	opt, _, _ := savedIndex(t, path, papers...)
	opt.MemoryBudget = 2*residentSize(PassagesFor(papers[0]), 64) + 100
	ix, err := Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(ctx, papers...); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 30 {
				p := papers[(g+i)%len(papers)].ID
				hits, err := ix.Search(ctx, p, "steppe horses", 1)
				if err != nil || len(hits) != 1 || hits[0].PaperID != p {
					t.Errorf("search %s: %+v %v", p, hits, err)
					return
				}
			}
		})
	}
	wg.Go(func() {
		e := smallPaper("e")
		if err := ix.Add(ctx, e); err != nil {
			t.Error(err)
		}
		if err := ix.Save(); err != nil {
			t.Error(err)
		}
	})
	wg.Wait()
	if len(ix.Papers()) != 5 {
		t.Errorf("papers %v", ix.Papers())
	}
}

func TestAttachComparesOnFirstUse(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.bin")
	opt, calls, _ := savedIndex(t, path, smallPaper("a"), smallPaper("b"))
	reads := countReads(t)
	ix, err := Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	b2 := smallPaper("b")
	b2.Abstract += " Camels carried porcelain to Bukhara."
	c := smallPaper("c")
	if err := ix.Attach(ctx, nil, smallPaper("a"), b2, c); err != nil {
		t.Fatal(err)
	}
	// Only the unknown paper is read and embedded at once.
	if reads.Load() != 0 || calls.Load() != int64(len(PassagesFor(c))) || !slices.Equal(ix.Resident(), []string{"c"}) {
		t.Fatalf("attach: %d segment reads, %d embed calls, resident %v", reads.Load(), calls.Load(), ix.Resident())
	}
	calls.Store(0)
	if hits, err := ix.Search(ctx, "a", "steppe horses", 1); err != nil || len(hits) != 1 || calls.Load() != 1 {
		t.Fatalf("a: %+v %v, %d embed calls", hits, err, calls.Load())
	}
	// b changed: its first question updates it, embedding only the new sentence.
	calls.Store(0)
	hits, err := ix.Search(ctx, "b", "camels porcelain Bukhara", 1)
	if err != nil || len(hits) != 1 || !strings.Contains(hits[0].Text, "Camels") {
		t.Fatalf("b after the change: %+v %v", hits, err)
	}
	if calls.Load() != 2 {
		t.Errorf("%d embed calls, want 2 (the new sentence and the question)", calls.Load())
	}
	before := segmentFiles(t, path)
	oldA := segmentOf(t, path, "a")
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	after := segmentFiles(t, path)
	if !os.SameFile(before[oldA], after[segmentOf(t, path, "a")]) || len(after) != 3 {
		t.Errorf("after saving: a rewritten or %d segments", len(after))
	}
	ix2, _ := Open(ctx, opt)
	if got := ix2.Passages("b"); len(got) != len(PassagesFor(b2)) {
		t.Errorf("b reopened: %d passages, want %d", len(got), len(PassagesFor(b2)))
	}
}

func TestSaveLeavesOnlyTheBudgetInMemory(t *testing.T) {
	ctx := context.Background()
	papers := []*corpus.Paper{smallPaper("a"), smallPaper("b"), smallPaper("c")}
	ix, err := Open(ctx, Options{Path: filepath.Join(t.TempDir(), "index.bin"), Logger: quietLogger(),
		MemoryBudget: residentSize(PassagesFor(papers[0]), DefaultDim) + 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range papers {
		if err := ix.Add(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	// Unsaved papers stay in memory whatever the budget.
	if got := ix.Resident(); len(got) != 3 {
		t.Fatalf("before saving: resident %v", got)
	}
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	if got := ix.Resident(); !slices.Equal(got, []string{"c"}) {
		t.Errorf("after saving: resident %v, want the most recently added [c]", got)
	}
}
