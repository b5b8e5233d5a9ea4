package retrieval

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Save writes the segments of papers added or changed since the last Save
// and then the manifest, atomically (a temporary file in the same
// directory, then a rename); no other paper's segment is rewritten, and
// segments no paper uses any more are deleted. It does nothing for an
// in-memory index or when nothing changed.
//
// Segments are not flushed to disk one by one: after a crash a segment
// the manifest names may be incomplete, and it is then rebuilt on its own
// (its checksum fails) the first time its paper is asked about.
func (ix *Index) Save() error {
	if ix.opt.Path == "" {
		return nil
	}
	ix.addMu.Lock()
	defer ix.addMu.Unlock()
	if !ix.Dirty() {
		return nil
	}
	m, segs, err := ix.snapshot()
	if err != nil {
		return fmt.Errorf("save index %s: %w", ix.opt.Path, err)
	}
	dir := segmentDir(ix.opt.Path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	for name, data := range segs {
		if err := writeFile(filepath.Join(dir, name), data, false); err != nil {
			return fmt.Errorf("save index: segment: %w", err)
		}
	}
	if err := writeFile(ix.opt.Path, encodeManifest(m), true); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	ix.mu.Lock()
	for _, p := range m.Papers {
		if meta := ix.meta[p.ID]; meta != nil && meta.hash == p.Hash {
			meta.segment, meta.dirty = p.Segment, false
		}
	}
	ix.manifestDirty = false
	ix.evict(context.Background(), nil) // saved papers may leave memory now
	ix.mu.Unlock()
	ix.removeUnused(dir, m)
	return nil
}

// snapshot encodes the segments of the dirty papers (by file name) and
// the manifest naming every paper's segment.
func (ix *Index) snapshot() (*manifest, map[string][]byte, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	m := &manifest{Format: manifestFormat, Version: manifestVersion, EmbedderID: ix.opt.EmbedderID, Dim: ix.dim}
	segs := map[string][]byte{}
	for _, id := range ix.order {
		meta := ix.meta[id]
		name := meta.segment
		if meta.dirty && meta.passages > 0 {
			ps := ix.passagesLocked(id)
			hashes := make([]string, len(ps))
			vecs := make([][]float32, len(ps))
			for i, p := range ps {
				hashes[i] = ix.entries[p.ID].hash
				v, err := ix.vec.embedding(context.Background(), p.ID)
				if err != nil {
					return nil, nil, err
				}
				vecs[i] = v
			}
			data, err := encodeSegment(ix.opt.EmbedderID, meta.hash, ix.dim, ps, hashes, vecs)
			if err != nil {
				return nil, nil, err
			}
			name = segmentName(id, meta.hash)
			segs[name] = data
		}
		if name == "" || meta.hash == "" {
			continue // nothing on disk: the paper is embedded again next time
		}
		m.Papers = append(m.Papers, manifestPaper{ID: id, Segment: name, Hash: meta.hash, Passages: meta.passages})
	}
	return m, segs, nil
}

// removeUnused deletes segment files (and temporary files left by a
// crash) that the manifest does not name; failures only cost disk space.
func (ix *Index) removeUnused(dir string, m *manifest) {
	keep := make(map[string]bool, len(m.Papers))
	for _, p := range m.Papers {
		keep[p.Segment] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if keep[name] || !(strings.HasSuffix(name, ".seg") || strings.Contains(name, ".seg.tmp")) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			ix.log.Warn("cannot delete an unused segment", "file", name, "err", err)
		}
	}
}

// writeFile replaces path with data so that readers see the old or the
// new file, never a partial one; with sync, the data is on disk before the
// rename.
func writeFile(path string, data []byte, sync bool) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	// Readable by all, like any file written with os.WriteFile: shards
	// running as another user read a shipped index.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if sync {
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			return err
		}
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// load reads the manifest at Options.Path (or a single-file index, which
// it loads whole) into the empty index. Problems with the file are logged
// and leave the index empty; only a failure of the vector store is
// returned.
func (ix *Index) load(ctx context.Context) error {
	path := ix.opt.Path
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		ix.log.Info("no index yet; it will be built", "path", path)
		return nil
	}
	if err != nil {
		ix.log.Warn("cannot read the index manifest; rebuilding", "path", path, "err", err)
		return nil
	}
	if isLegacy(data) {
		return ix.migrate(ctx, data)
	}
	m, err := decodeManifest(data)
	if err != nil {
		ix.log.Warn("index manifest unusable; rebuilding", "path", path, "err", err)
		return nil
	}
	if m.EmbedderID != ix.opt.EmbedderID {
		ix.log.Warn("embedder changed; rebuilding index", "path", path, "was", m.EmbedderID, "now", ix.opt.EmbedderID)
		return nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	passages := 0
	for _, p := range m.Papers {
		ix.meta[p.ID] = &paperMeta{hash: p.Hash, segment: p.Segment, passages: p.Passages}
		ix.order = append(ix.order, p.ID)
		passages += p.Passages
	}
	ix.dim = m.Dim
	ix.log.Info("index opened", "path", path, "papers", len(m.Papers), "passages", passages, "embedder", m.EmbedderID)
	return nil
}

// migrate loads a single-file index whole; the next Save writes it as
// segments and a manifest.
func (ix *Index) migrate(ctx context.Context, data []byte) error {
	path := ix.opt.Path
	f, err := decodeIndexFile(data)
	if err != nil {
		ix.log.Warn("index file unusable; rebuilding", "path", path, "err", err)
		return nil
	}
	if f.EmbedderID != ix.opt.EmbedderID {
		ix.log.Warn("embedder changed; rebuilding index", "path", path, "was", f.EmbedderID, "now", ix.opt.EmbedderID)
		return nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if err := ix.loadLegacy(ctx, f); err != nil {
		return fmt.Errorf("load index %s: %w", path, err)
	}
	ix.log.Info("single-file index loaded; it is written as segments at the next save", "path", path, "papers", len(ix.order), "passages", len(ix.entries), "embedder", f.EmbedderID)
	return nil
}
