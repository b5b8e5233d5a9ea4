package retrieval

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"paperbot/corpus"
)

// shelvedLibrary writes three papers to a directory, indexes them (saved
// at path) and returns the directory opened again from its catalog: every
// paper listed, none read.
func shelvedLibrary(t *testing.T, path string) (*corpus.Library, Options) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"hedgerow-survey.txt", "reading-circles.txt", "tide-ledger.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "corpus", "testdata", "papers", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cat := filepath.Join(t.TempDir(), "library.json")
	first, _, err := corpus.OpenDir(dir, corpus.DirOptions{Catalog: cat})
	if err != nil {
		t.Fatal(err)
	}
	opt, _, _ := savedIndex(t, path, first.Papers()...)
	lib, rep, err := corpus.OpenDir(dir, corpus.DirOptions{Catalog: cat})
	if err != nil || rep.Shelved != 3 {
		t.Fatalf("reopen: %+v %v", rep, err)
	}
	return lib, opt
}

func readPapers(lib *corpus.Library) []string {
	var out []string
	for _, id := range lib.IDs() {
		if _, ok := lib.Loaded(id); ok {
			out = append(out, id)
		}
	}
	return out
}

// TestAttachLibraryReadsOnFirstUse: attaching a shelved library reads no
// paper and no segment; the first question about a paper reads that paper
// (to compare with its segment) and nothing else, and embeds only the
// question.
func TestAttachLibraryReadsOnFirstUse(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.bin")
	lib, opt := shelvedLibrary(t, path)
	ix, err := Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.AttachLibrary(ctx, nil, lib); err != nil {
		t.Fatal(err)
	}
	if got := readPapers(lib); len(got) != 0 || len(ix.Resident()) != 0 || ix.Dirty() {
		t.Fatalf("attach read papers %v, resident %v, dirty %v", got, ix.Resident(), ix.Dirty())
	}
	hits, err := ix.Search(ctx, "tide-ledger", "harbour records", 3)
	if err != nil || len(hits) == 0 {
		t.Fatalf("search: %+v %v", hits, err)
	}
	if got := readPapers(lib); !slices.Equal(got, []string{"tide-ledger"}) || !slices.Equal(ix.Resident(), []string{"tide-ledger"}) || ix.Dirty() {
		t.Errorf("after one question: read %v, resident %v, dirty %v", got, ix.Resident(), ix.Dirty())
	}
}

// TestAttachLibraryRebuildsABadSegment: a shelved paper whose segment is
// corrupt is read from the library and its segment rebuilt.
func TestAttachLibraryRebuildsABadSegment(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.bin")
	lib, opt := shelvedLibrary(t, path)
	seg := filepath.Join(segmentDir(path), segmentOf(t, path, "reading-circles"))
	if err := os.WriteFile(seg, []byte("not a segment"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.AttachLibrary(ctx, nil, lib); err != nil {
		t.Fatal(err)
	}
	got := ix.Passages("reading-circles")
	p, _ := lib.Load("reading-circles")
	if len(got) != len(PassagesFor(p)) {
		t.Fatalf("rebuilt paper: %d passages, want %d", len(got), len(PassagesFor(p)))
	}
	if segmentOf(t, path, "reading-circles") == "" {
		t.Error("rebuilt segment not saved")
	}
	if data, _ := os.ReadFile(filepath.Join(segmentDir(path), segmentOf(t, path, "reading-circles"))); string(data) == "not a segment" {
		t.Error("the corrupt segment is still named")
	}
}
