package retrieval

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"paperbot/corpus"
)

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
