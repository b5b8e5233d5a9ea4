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
)

// The earlier index format, one file for the whole library, is read once
// and written again as segments (manifest.go) at the next Save: fileMagic,
// then the SHA-256 of the payload, then the payload, a gzip-compressed gob
// of indexFile.
const (
	fileMagic   = "PAPERBOT-INDEX\n"
	fileVersion = 1
)

// indexFile is what a single-file index holds.
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

// errCorrupt marks an index file that cannot be trusted.
var errCorrupt = errors.New("index file is corrupt")

// isLegacy reports whether data starts like a single-file index.
func isLegacy(data []byte) bool { return bytes.HasPrefix(data, []byte(fileMagic)) }

// decodeIndexFile checks and decodes a single-file index's bytes.
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

// loadLegacy puts every paper of a single-file index in memory, marked for
// Save (which writes their segments and the manifest in its place). The
// caller holds mu for writing.
func (ix *Index) loadLegacy(ctx context.Context, f *indexFile) error {
	byPaper := map[string][]storedPassage{}
	var order []string
	for _, sp := range f.Passages {
		pid := sp.Passage.PaperID
		if _, ok := byPaper[pid]; !ok {
			order = append(order, pid)
		}
		byPaper[pid] = append(byPaper[pid], sp)
	}
	terms := make([][][]string, len(order))
	parallelFor(len(order), ix.opt.Concurrency, func(i int) {
		sps := byPaper[order[i]]
		terms[i] = make([][]string, len(sps))
		for j, sp := range sps {
			terms[i][j] = termsOfPassage(sp.Passage)
		}
	})
	ix.dim = f.Dim
	for i, pid := range order {
		sps := byPaper[pid]
		ps := make([]Passage, len(sps))
		hashes := make([]string, len(sps))
		vecs := make([][]float32, len(sps))
		for j, sp := range sps {
			ps[j], hashes[j], vecs[j] = sp.Passage, sp.Hash, sp.Embedding
		}
		if err := ix.install(ctx, ps, hashes, vecs, terms[i]); err != nil {
			return err
		}
		// The hash is that of the passages as stored: Add compares it with
		// the paper's current passages as for a segment.
		m := &paperMeta{hash: paperHash(f.EmbedderID, ps), passages: len(ps), resident: true, dirty: true, size: residentSize(ps, f.Dim)}
		ix.meta[pid] = m
		ix.order = append(ix.order, pid)
		ix.residentBytes += m.size
	}
	return nil
}
