package retrieval

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"paperbot/corpus"
	"paperbot/internal/testutil"
)

// savedIndex builds an index of papers at path, saves it, and returns the
// options to open it again with a counting embedder and a captured log.
func savedIndex(t *testing.T, path string, papers ...*corpus.Paper) (Options, *atomic.Int64, *testutil.Buffer) {
	t.Helper()
	ctx := context.Background()
	var calls atomic.Int64
	logs := &testutil.Buffer{}
	opt := Options{Path: path, Embed: countingEmbedder(64, &calls), EmbedderID: "count-64",
		Logger: slog.New(slog.NewTextHandler(logs, nil))}
	ix, err := Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(ctx, papers...); err != nil {
		t.Fatal(err)
	}
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	calls.Store(0)
	return opt, &calls, logs
}

// segmentFiles maps each segment file name in the index's directory to its
// file info.
func segmentFiles(t *testing.T, path string) map[string]os.FileInfo {
	t.Helper()
	entries, err := os.ReadDir(segmentDir(path))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]os.FileInfo{}
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = fi
	}
	return out
}

// segmentOf is the file name of a paper's segment in the manifest at path.
func segmentOf(t *testing.T, path, paperID string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := decodeManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range m.Papers {
		if p.ID == paperID {
			return p.Segment
		}
	}
	t.Fatalf("paper %q not in the manifest", paperID)
	return ""
}

func TestOpenReadsOnlyTheManifest(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.bin")
	opt, calls, _ := savedIndex(t, path, smallPaper("a"), smallPaper("b"), smallPaper("c"))
	reads := countReads(t)

	ix, err := Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	// Adding the unchanged papers (as every start does) reads no segment.
	if err := ix.Add(ctx, smallPaper("a"), smallPaper("b"), smallPaper("c")); err != nil {
		t.Fatal(err)
	}
	if want := 3 * len(PassagesFor(smallPaper("a"))); ix.Len() != want || len(ix.Resident()) != 0 || reads.Load() != 0 || ix.Dirty() {
		t.Fatalf("after open: Len %d (want %d), resident %v, %d segment reads, dirty %v", ix.Len(), want, ix.Resident(), reads.Load(), ix.Dirty())
	}
	hits, err := ix.Search(ctx, "b", "steppe horses", 1)
	if err != nil || len(hits) != 1 || hits[0].PaperID != "b" || hits[0].Ref != 2 {
		t.Fatalf("search b: %+v %v", hits, err)
	}
	if !slices.Equal(ix.Resident(), []string{"b"}) || reads.Load() != 1 || calls.Load() != 1 {
		t.Errorf("resident %v after %d segment reads and %d embed calls, want [b], 1 read, 1 call (the question)", ix.Resident(), reads.Load(), calls.Load())
	}
}

func TestAddWritesOneSegmentAndTheManifest(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.bin")
	opt, calls, _ := savedIndex(t, path, smallPaper("a"), smallPaper("b"))
	before := segmentFiles(t, path)
	ix, err := Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	// What /ingest does: Add one paper, then Save.
	if err := ix.Add(ctx, smallPaper("c")); err != nil {
		t.Fatal(err)
	}
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	after := segmentFiles(t, path)
	if len(after) != 3 {
		t.Fatalf("segments after adding c: %v", slices.Sorted(func(yield func(string) bool) {
			for k := range after {
				yield(k)
			}
		}))
	}
	for name, fi := range before {
		if a, ok := after[name]; !ok || !os.SameFile(fi, a) || !a.ModTime().Equal(fi.ModTime()) {
			t.Errorf("segment %s was rewritten or removed", name)
		}
	}
	if _, ok := after[segmentOf(t, path, "c")]; !ok {
		t.Error("the manifest does not name c's new segment")
	}
	if want := int64(len(PassagesFor(smallPaper("c")))); calls.Load() != want {
		t.Errorf("%d embed calls, want %d (c only)", calls.Load(), want)
	}
	if got := ix.Resident(); !slices.Equal(got, []string{"c"}) {
		t.Errorf("resident after the ingest: %v, want [c]", got)
	}

	// A changed paper gets a new segment; the old one is deleted, the others stay.
	a2 := smallPaper("a")
	a2.Abstract += " Camels carried porcelain."
	oldA := segmentOf(t, path, "a")
	if err := ix.Add(ctx, a2); err != nil {
		t.Fatal(err)
	}
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	final := segmentFiles(t, path)
	if _, ok := final[oldA]; ok || len(final) != 3 {
		t.Errorf("after changing a: %d segments, old one kept: %v", len(final), ok)
	}
	if !os.SameFile(final[segmentOf(t, path, "b")], before[segmentOf(t, path, "b")]) {
		t.Error("b's segment was rewritten when a changed")
	}
	// Removing a paper drops it from the manifest and its segment.
	if err := ix.Remove(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	if len(segmentFiles(t, path)) != 2 {
		t.Errorf("segments after removing b: %v", segmentFiles(t, path))
	}
	ix2, err := Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ix2.Papers(), []string{"a", "c"}) || ix2.Len() != len(PassagesFor(a2))+len(PassagesFor(smallPaper("c"))) {
		t.Errorf("reopened: papers %v, %d passages", ix2.Papers(), ix2.Len())
	}
}

func TestCorruptSegmentRebuildsOnlyIt(t *testing.T) {
	ctx := context.Background()
	a, b, c := smallPaper("a"), smallPaper("b"), smallPaper("c")
	for name, spoil := range map[string]func(t *testing.T, path string){
		"flipped byte": func(t *testing.T, path string) {
			f := filepath.Join(segmentDir(path), segmentOf(t, path, "b"))
			data, _ := os.ReadFile(f)
			os.WriteFile(f, flip(data, len(data)-30), 0o644)
		},
		"truncated": func(t *testing.T, path string) {
			f := filepath.Join(segmentDir(path), segmentOf(t, path, "b"))
			data, _ := os.ReadFile(f)
			os.WriteFile(f, data[:len(data)/3], 0o644)
		},
		"missing": func(t *testing.T, path string) {
			os.Remove(filepath.Join(segmentDir(path), segmentOf(t, path, "b")))
		},
		"stale (another paper's)": func(t *testing.T, path string) {
			data, _ := os.ReadFile(filepath.Join(segmentDir(path), segmentOf(t, path, "c")))
			os.WriteFile(filepath.Join(segmentDir(path), segmentOf(t, path, "b")), data, 0o644)
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "index.bin")
			opt, calls, logs := savedIndex(t, path, a, b, c)
			spoil(t, path)
			before := segmentFiles(t, path)
			ix, err := Open(ctx, opt)
			if err != nil {
				t.Fatal(err)
			}
			if err := ix.Add(ctx, a, b, c); err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{"a", "b", "c"} {
				hits, err := ix.Search(ctx, p, "steppe horses", 1)
				if err != nil || len(hits) != 1 || hits[0].PaperID != p || hits[0].Ref != 2 {
					t.Fatalf("search %s: %+v %v", p, hits, err)
				}
			}
			// b's passages and the three questions are embedded, nothing else.
			if want := int64(len(PassagesFor(b)) + 3); calls.Load() != want {
				t.Errorf("%d embed calls, want %d", calls.Load(), want)
			}
			if !strings.Contains(logs.String(), "segment") || !strings.Contains(logs.String(), "paper=b") {
				t.Errorf("no log line about b's segment:\n%s", logs.String())
			}
			after := segmentFiles(t, path)
			for _, p := range []string{"a", "c"} {
				name := segmentOf(t, path, p)
				if !os.SameFile(before[name], after[name]) {
					t.Errorf("%s's segment was rewritten", p)
				}
			}
			// b's rebuilt segment is read back by a new process.
			calls.Store(0)
			ix2, _ := Open(ctx, opt)
			if hits, err := ix2.Search(ctx, "b", "steppe horses", 1); err != nil || len(hits) != 1 || calls.Load() != 1 {
				t.Errorf("b after the rebuild: %+v %v, %d embed calls", hits, err, calls.Load())
			}
		})
	}
}

func TestCorruptSegmentWithoutItsPaper(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.bin")
	opt, _, logs := savedIndex(t, path, smallPaper("a"), smallPaper("b"))
	os.WriteFile(filepath.Join(segmentDir(path), segmentOf(t, path, "b")), []byte("garbage"), 0o644)
	ix, err := Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	// No Add: the process never saw b's text, so b is dropped, not rebuilt.
	hits, err := ix.Search(ctx, "b", "steppe horses", 1)
	if err != nil || len(hits) != 0 {
		t.Fatalf("search b: %+v %v", hits, err)
	}
	if !slices.Equal(ix.Papers(), []string{"a"}) || !strings.Contains(logs.String(), "paper dropped") {
		t.Errorf("papers %v; log:\n%s", ix.Papers(), logs.String())
	}
	if hits, err := ix.Search(ctx, "a", "steppe horses", 1); err != nil || len(hits) != 1 {
		t.Errorf("search a: %+v %v", hits, err)
	}
}

func FuzzDecodeSegment(f *testing.F) {
	ps := PassagesFor(smallPaper("a"))
	vecs := make([][]float32, len(ps))
	hashes := make([]string, len(ps))
	for i := range ps {
		vecs[i] = []float32{1, 0, 0, 0}
		hashes[i] = "h"
	}
	good, err := encodeSegment("e", "x", 4, ps, hashes, vecs)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		sf, vs, err := decodeSegment(data)
		if err == nil && (len(vs) != len(sf.Passages) || len(sf.Hashes) != len(sf.Passages)) {
			t.Fatalf("decoded %d passages, %d vectors, %d hashes", len(sf.Passages), len(vs), len(sf.Hashes))
		}
	})
}

// countReads counts the index segments read from disk until the test
// ends.
func countReads(t *testing.T) *atomic.Int64 {
	var reads atomic.Int64
	readFile = func(name string) ([]byte, error) { reads.Add(1); return os.ReadFile(name) }
	t.Cleanup(func() { readFile = os.ReadFile })
	return &reads
}
