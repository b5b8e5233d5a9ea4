package retrieval

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"

	"paperbot/corpus"
)

// DefaultMemoryBudget is the estimated memory the passages, vectors and
// BM25 indexes of resident papers may take before the least recently used
// papers are dropped from memory (they are read again from their segments
// when asked about).
const DefaultMemoryBudget = 256 << 20

// paperMeta is what the index knows of every paper, resident or not.
// Guarded by the Index's mu (lastUse is atomic: searches touch it under
// the read lock).
type paperMeta struct {
	hash     string          // paperHash of its passages; "" when it must be rebuilt
	segment  string          // its segment file name; "" when none is written
	passages int             // number of passages
	src      *corpus.Paper   // the paper last given to Add or Attach (to compare with, or rebuild a bad segment from); may be nil
	lib      *corpus.Library // when src is nil: the library to read the paper from (AttachLibrary); may be nil
	resident bool            // its passages, vectors and BM25 index are in memory
	verified bool            // its passages were compared with src's in this process (Add, not Attach)
	dirty    bool            // resident, and its segment is missing or out of date
	size     int64           // estimated bytes while resident
	lastUse  atomic.Int64    // the Index's clock at its last search
}

// residentSize estimates the memory one resident paper takes: per passage
// its text, ids and metadata, its vector, its chromem-go document and its
// share of the BM25 postings.
func residentSize(ps []Passage, dim int) int64 {
	var n int64
	for _, p := range ps {
		n += int64(2*len(p.Text) + len(p.Keywords) + 3*len(p.ID) + len(p.Section) + 8*len(p.Cites) + 4*dim + 1200)
	}
	return n
}

// rlockResident takes mu for reading with paperID ("" = every paper) in
// memory, reading papers from their segments as needed. A paper that was
// dropped between loading and locking is loaded again.
func (ix *Index) rlockResident(ctx context.Context, paperID string) error {
	for try := 0; ; try++ {
		ix.mu.RLock()
		missing := ix.missing(paperID)
		if len(missing) == 0 {
			now := ix.clock.Add(1)
			if m := ix.meta[paperID]; m != nil {
				m.lastUse.Store(now)
			}
			return nil
		}
		ix.mu.RUnlock()
		if paperID == "" {
			missing = ix.Papers() // keep the resident ones too
		}
		if try == 8 {
			return fmt.Errorf("paper %q does not stay in memory: the memory budget (%d bytes) is too small", paperID, ix.opt.MemoryBudget)
		}
		if err := ix.makeResident(ctx, missing); err != nil {
			return err
		}
	}
}

// missing lists the known papers among paperID ("" = all) that are not in
// memory. The caller holds mu.
func (ix *Index) missing(paperID string) []string {
	if paperID != "" {
		if m := ix.meta[paperID]; m != nil && !m.resident {
			return []string{paperID}
		}
		return nil
	}
	var out []string
	for _, id := range ix.order {
		if !ix.meta[id].resident {
			out = append(out, id)
		}
	}
	return out
}

// makeResident loads papers from their segments; a paper whose segment is
// unusable is rebuilt on its own from the paper last given to Add (and
// saved), or, when this process never saw the paper, forgotten with an
// error in the log. It never fails because of a file's contents.
func (ix *Index) makeResident(ctx context.Context, ids []string) error {
	bad, err := ix.loadSegments(ctx, ids)
	if err != nil {
		return err
	}
	for _, id := range bad {
		src := ix.source(id)
		if src == nil {
			ix.log.Error("paper dropped from the index: its segment is unusable and its text was not given to this process; index the papers again", "paper", id)
			ix.forget(id)
			continue
		}
		ix.log.Warn("rebuilding one paper's segment from its text", "paper", id)
		if err := ix.Add(ctx, src); err != nil {
			return fmt.Errorf("rebuild paper %q: %w", id, err)
		}
		if err := ix.Save(); err != nil {
			ix.log.Warn("rebuilt segment not saved; it is kept in memory", "paper", id, "err", err)
		}
	}
	return nil
}

// source returns the paper to rebuild paperID's segment from: the one
// last given to Add or Attach, or read now from the library it was
// attached from; nil when there is none. The caller does not hold mu.
func (ix *Index) source(paperID string) *corpus.Paper {
	ix.mu.RLock()
	m := ix.meta[paperID]
	var src *corpus.Paper
	var lib *corpus.Library
	if m != nil {
		src, lib = m.src, m.lib
	}
	ix.mu.RUnlock()
	if src != nil || lib == nil {
		return src
	}
	p, err := lib.Load(paperID)
	if err != nil {
		ix.log.Warn("paper cannot be read", "paper", paperID, "err", err)
		return nil
	}
	return p
}

// forget drops a paper that cannot be loaded from the index.
func (ix *Index) forget(id string) {
	ix.addMu.Lock()
	defer ix.addMu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if m := ix.meta[id]; m != nil && !m.resident {
		delete(ix.meta, id)
		ix.order = slices.DeleteFunc(ix.order, func(s string) bool { return s == id })
		ix.manifestDirty = true
		ix.invalidateLex()
	}
}

// evict drops least recently used papers from memory, except keep and
// papers not yet saved, until the resident papers fit the memory budget.
// An in-memory index keeps everything. The caller holds mu for writing.
func (ix *Index) evict(ctx context.Context, keep []string) {
	if ix.opt.Path == "" || ix.opt.MemoryBudget < 0 {
		return
	}
	for ix.residentBytes > ix.opt.MemoryBudget {
		victim := ""
		var oldest int64
		for _, id := range ix.order {
			m := ix.meta[id]
			if !m.resident || m.dirty || m.segment == "" || slices.Contains(keep, id) {
				continue
			}
			if t := m.lastUse.Load(); victim == "" || t < oldest {
				victim, oldest = id, t
			}
		}
		if victim == "" {
			return
		}
		if err := ix.unload(ctx, victim); err != nil {
			ix.log.Warn("cannot drop a paper from memory", "paper", victim, "err", err)
			return
		}
	}
}

// unload drops a saved paper's passages, vectors and BM25 index from
// memory; its segment stays. The caller holds mu for writing.
func (ix *Index) unload(ctx context.Context, id string) error {
	m := ix.meta[id]
	ids := ix.papers[id]
	if err := ix.vec.dropPaper(ctx, id, ids); err != nil {
		return err
	}
	for _, pid := range ids {
		delete(ix.entries, pid)
	}
	delete(ix.papers, id)
	delete(ix.paperLex, id)
	m.resident = false
	ix.residentBytes -= m.size
	m.size = 0
	ix.invalidateLex()
	return nil
}

// Resident lists the papers whose passages are in memory, in index order.
func (ix *Index) Resident() []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var out []string
	for _, id := range ix.order {
		if ix.meta[id].resident {
			out = append(out, id)
		}
	}
	return out
}

// passagesLocked returns a resident paper's passages in order. The caller
// holds mu.
func (ix *Index) passagesLocked(paperID string) []Passage {
	ids := ix.papers[paperID]
	out := make([]Passage, len(ids))
	for i, id := range ids {
		out[i] = ix.entries[id].p
	}
	return out
}
