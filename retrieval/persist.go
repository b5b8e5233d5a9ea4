package retrieval

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/philippgille/chromem-go"
)

// The index file is fileMagic, then the SHA-256 of the payload, then the
// payload: a gzip-compressed gob of indexFile.
const (
	fileMagic   = "PAPERBOT-INDEX\n"
	fileVersion = 1
)

// indexFile is what an index file holds.
type indexFile struct {
	Version    int
	EmbedderID string
	Dim        int
	Passages   []storedPassage
}

// storedPassage is one passage with its content hash and embedding.
type storedPassage struct {
	Passage   Passage
	Hash      string
	Embedding []float32
}

// Save writes the index to Options.Path atomically (a temporary file in the
// same directory, then a rename), creating the directory if needed. It does
// nothing for an in-memory index.
func (ix *Index) Save() error {
	if ix.opt.Path == "" {
		return nil
	}
	data, err := ix.encode()
	if err != nil {
		return fmt.Errorf("save index %s: %w", ix.opt.Path, err)
	}
	if err := writeAtomic(ix.opt.Path, data); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	return nil
}

// encode serialises the index with its checksum.
func (ix *Index) encode() ([]byte, error) {
	ix.mu.RLock()
	f := indexFile{Version: fileVersion, EmbedderID: ix.opt.EmbedderID, Dim: ix.dim}
	for _, pid := range ix.order {
		for _, id := range ix.papers[pid] {
			e := ix.entries[id]
			emb, err := ix.vec.embedding(context.Background(), id)
			if err != nil {
				ix.mu.RUnlock()
				return nil, err
			}
			f.Passages = append(f.Passages, storedPassage{Passage: e.p, Hash: e.hash, Embedding: emb})
		}
	}
	ix.mu.RUnlock()

	var payload bytes.Buffer
	// Embeddings barely compress: the fastest level keeps Save quick.
	zw, _ := gzip.NewWriterLevel(&payload, gzip.BestSpeed)
	if err := gob.NewEncoder(zw).Encode(&f); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compress: %w", err)
	}
	sum := sha256.Sum256(payload.Bytes())
	out := make([]byte, 0, len(fileMagic)+len(sum)+payload.Len())
	out = append(out, fileMagic...)
	out = append(out, sum[:]...)
	return append(out, payload.Bytes()...), nil
}

// writeAtomic replaces path with data so that readers see the old or the new
// file, never a partial one.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// errCorrupt marks an index file that cannot be trusted.
var errCorrupt = errors.New("index file is corrupt")

// decodeIndexFile checks and decodes an index file's bytes.
func decodeIndexFile(data []byte) (*indexFile, error) {
	if len(data) < len(fileMagic)+sha256.Size || string(data[:len(fileMagic)]) != fileMagic {
		return nil, fmt.Errorf("%w: not a PaperBot index file or truncated", errCorrupt)
	}
	sum := data[len(fileMagic) : len(fileMagic)+sha256.Size]
	payload := data[len(fileMagic)+sha256.Size:]
	if got := sha256.Sum256(payload); !bytes.Equal(got[:], sum) {
		return nil, fmt.Errorf("%w: checksum mismatch (truncated or modified)", errCorrupt)
	}
	zr, err := gzip.NewReader(bytes.NewReader(payload))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	var f indexFile
	if err := gob.NewDecoder(zr).Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	if f.Version != fileVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", errCorrupt, f.Version, fileVersion)
	}
	seen := make(map[string]bool, len(f.Passages))
	for _, sp := range f.Passages {
		p := sp.Passage
		if p.ID == "" || p.PaperID == "" || p.Text == "" || seen[p.ID] || len(sp.Embedding) != f.Dim || f.Dim == 0 {
			return nil, fmt.Errorf("%w: bad passage %q", errCorrupt, p.ID)
		}
		seen[p.ID] = true
	}
	return &f, nil
}

// load reads Options.Path into the empty index. Problems with the file are
// logged and leave the index empty; only a failure of the vector store is
// returned.
func (ix *Index) load(ctx context.Context) error {
	path := ix.opt.Path
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		ix.log.Info("no index file yet; it will be built", "path", path)
		return nil
	}
	if err != nil {
		ix.log.Warn("cannot read index file; rebuilding", "path", path, "err", err)
		return nil
	}
	f, err := decodeIndexFile(data)
	if err != nil {
		ix.log.Warn("index file unusable; rebuilding", "path", path, "err", err)
		return nil
	}
	if f.EmbedderID != ix.opt.EmbedderID {
		ix.log.Warn("embedder changed; rebuilding index", "path", path, "was", f.EmbedderID, "now", ix.opt.EmbedderID)
		return nil
	}
	if len(f.Passages) == 0 {
		return nil
	}
	docs := make([]chromem.Document, len(f.Passages))
	for i, sp := range f.Passages {
		p := sp.Passage
		docs[i] = chromem.Document{ID: p.ID, Metadata: map[string]string{metaPaper: p.PaperID}, Embedding: sp.Embedding, Content: p.Text}
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if err := ix.vec.put(ctx, docs); err != nil {
		return fmt.Errorf("load index %s: %w", path, err)
	}
	for _, sp := range f.Passages {
		p := sp.Passage
		ix.entries[p.ID] = &entry{p: p, hash: sp.Hash}
		if _, ok := ix.papers[p.PaperID]; !ok {
			ix.order = append(ix.order, p.PaperID)
		}
		ix.papers[p.PaperID] = append(ix.papers[p.PaperID], p.ID)
	}
	lexes := make([]*lexIndex, len(ix.order))
	parallelFor(len(ix.order), ix.opt.Concurrency, func(i int) {
		ids := ix.papers[ix.order[i]]
		docs := make([]lexDoc, len(ids))
		for j, id := range ids {
			docs[j] = lexDoc{id: id, terms: termsOfPassage(ix.entries[id].p)}
		}
		lexes[i] = newLexIndex(docs)
	})
	for i, pid := range ix.order {
		ix.paperLex[pid] = lexes[i]
	}
	ix.dim = f.Dim
	ix.log.Info("index loaded", "path", path, "papers", len(ix.order), "passages", len(ix.entries), "embedder", f.EmbedderID)
	return nil
}
