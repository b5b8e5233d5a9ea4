package retrieval

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"paperbot/corpus"
)

// syncBuffer is a log destination safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// savedIndex builds an index of papers at path, saves it, and returns the
// options to open it again with a counting embedder and a captured log.
func savedIndex(t *testing.T, path string, papers ...*corpus.Paper) (Options, *atomic.Int64, *syncBuffer) {
	t.Helper()
	ctx := context.Background()
	var calls atomic.Int64
	logs := &syncBuffer{}
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
	var reads atomic.Int64
	readFile = func(name string) ([]byte, error) { reads.Add(1); return os.ReadFile(name) }
	t.Cleanup(func() { readFile = os.ReadFile })

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

// legacyFile encodes papers' passages in the single-file format.
func legacyFile(t *testing.T, embedderID string, dim int, papers ...*corpus.Paper) []byte {
	t.Helper()
	embed := HashEmbedder(dim)
	f := indexFile{Version: fileVersion, EmbedderID: embedderID, Dim: dim}
	for _, p := range papers {
		for _, ps := range PassagesFor(p) {
			v, err := embed(context.Background(), indexText(ps))
			if err != nil {
				t.Fatal(err)
			}
			f.Passages = append(f.Passages, storedPassage{Passage: ps, Hash: contentHash(embedderID, indexText(ps)), Embedding: v})
		}
	}
	var payload bytes.Buffer
	zw := gzip.NewWriter(&payload)
	if err := gob.NewEncoder(zw).Encode(&f); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	sum := sha256.Sum256(payload.Bytes())
	return append(append([]byte(fileMagic), sum[:]...), payload.Bytes()...)
}

func TestMigrateSingleFileIndex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.bin")
	a, b := smallPaper("a"), smallPaper("b")
	if err := os.WriteFile(path, legacyFile(t, HashEmbedderID(64), 64, a, b), 0o644); err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int64
	opt := Options{Path: path, Embed: countingEmbedder(64, &calls), EmbedderID: HashEmbedderID(64), Logger: quietLogger()}
	ix, err := Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(ctx, a, b); err != nil {
		t.Fatal(err)
	}
	want, _ := ix.Search(ctx, "b", "steppe horses", 3)
	if calls.Load() != 1 || !ix.Dirty() {
		t.Fatalf("%d embed calls (want 1, the question), dirty %v", calls.Load(), ix.Dirty())
	}
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); !isManifest(data) || len(segmentFiles(t, path)) != 2 {
		t.Fatalf("after saving: manifest %v, %d segments", isManifest(data), len(segmentFiles(t, path)))
	}
	calls.Store(0)
	ix2, _ := Open(ctx, opt)
	if err := ix2.Add(ctx, a, b); err != nil {
		t.Fatal(err)
	}
	got, _ := ix2.Search(ctx, "b", "steppe horses", 3)
	if calls.Load() != 1 || len(got) != len(want) || len(ix2.Resident()) != 1 {
		t.Fatalf("migrated index: %d calls, %d hits (want %d), resident %v", calls.Load(), len(got), len(want), ix2.Resident())
	}
	for i := range got {
		if got[i].ID != want[i].ID || got[i].Score != want[i].Score || got[i].Vector != want[i].Vector {
			t.Errorf("hit %d: %+v, want %+v", i, got[i], want[i])
		}
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
	var reads atomic.Int64
	readFile = func(name string) ([]byte, error) { reads.Add(1); return os.ReadFile(name) }
	t.Cleanup(func() { readFile = os.ReadFile })
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
