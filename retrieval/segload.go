package retrieval

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"

	"github.com/philippgille/chromem-go"

	"paperbot/corpus"
)

// loaded is one paper read from its segment, ready to install.
type loaded struct {
	id    string
	f     *segmentFile
	vecs  [][]float32
	terms [][]string
	stale bool          // src's passages differ from the segment's
	read  *corpus.Paper // the paper read from its library to compare with
	err   error
}

// loadSegments reads the segments of the papers among ids that are known,
// not resident and have one, and installs them; then it drops least
// recently used papers (other than ids) beyond the memory budget. It
// returns the papers to give to Add again: those whose segment is missing
// or unusable (their hash and segment are cleared, so Add embeds them
// again) and those attached with text that differs from their segment
// (installed: Add embeds only their changed passages).
func (ix *Index) loadSegments(ctx context.Context, ids []string) (bad []string, err error) {
	ix.loadMu.Lock()
	defer ix.loadMu.Unlock()
	type want struct {
		id, segment, hash string
		check             *corpus.Paper   // attached and not yet compared
		lib               *corpus.Library // or attached from this library, not read yet
	}
	var todo []want
	ix.mu.RLock()
	dim := ix.dim
	for _, id := range ids {
		m := ix.meta[id]
		switch {
		case m == nil || m.resident:
		case m.segment == "":
			bad = append(bad, id)
		default:
			w := want{id: id, segment: m.segment, hash: m.hash}
			if !m.verified {
				w.check = m.src
				if m.src == nil {
					w.lib = m.lib
				}
			}
			todo = append(todo, w)
		}
	}
	ix.mu.RUnlock()

	out := make([]loaded, len(todo))
	parallelFor(len(todo), ix.opt.Concurrency, func(i int) {
		w := todo[i]
		out[i] = loaded{id: w.id}
		data, err := readFile(filepath.Join(segmentDir(ix.opt.Path), w.segment))
		if err != nil {
			out[i].err = err
			return
		}
		f, vecs, err := decodeSegment(data)
		switch {
		case err != nil:
		case f.PaperID != w.id || f.Hash != w.hash:
			err = fmt.Errorf("%w: stale (holds %s %s, want %s %s)", errSegment, f.PaperID, f.Hash, w.id, w.hash)
		case f.EmbedderID != ix.opt.EmbedderID || (dim != 0 && f.Dim != dim):
			err = fmt.Errorf("%w: embedder %s dimension %d, want %s %d", errSegment, f.EmbedderID, f.Dim, ix.opt.EmbedderID, dim)
		}
		if err != nil {
			out[i].err = err
			return
		}
		out[i].f, out[i].vecs = f, vecs
		check := w.check
		if check == nil && w.lib != nil {
			if p, err := w.lib.Load(w.id); err == nil {
				check, out[i].read = p, p
			} else {
				ix.log.Warn("paper cannot be read; answering from its segment", "paper", w.id, "err", err)
			}
		}
		if check != nil {
			out[i].stale = paperHash(ix.opt.EmbedderID, PassagesFor(check)) != w.hash
		}
		out[i].terms = make([][]string, len(f.Passages))
		for j, p := range f.Passages {
			out[i].terms[j] = termsOfPassage(p)
		}
	})

	ix.mu.Lock()
	defer ix.mu.Unlock()
	for i, l := range out {
		m := ix.meta[l.id]
		if m == nil || m.resident || m.hash != todo[i].hash {
			continue // removed, or changed by Add meanwhile
		}
		if l.err != nil {
			ix.log.Warn("segment unusable; the paper will be rebuilt", "paper", l.id, "segment", todo[i].segment, "err", l.err)
			m.hash, m.segment = "", ""
			ix.manifestDirty = true
			bad = append(bad, l.id)
			continue
		}
		if err := ix.install(ctx, l.f.Passages, l.f.Hashes, l.vecs, l.terms); err != nil {
			return bad, fmt.Errorf("load paper %q: %w", l.id, err)
		}
		m.resident, m.size = true, residentSize(l.f.Passages, l.f.Dim)
		m.lastUse.Store(ix.clock.Add(1)) // the most recent: kept while its question waits for the lock
		switch {
		case m.verified || (m.src == nil && l.read == nil): // nothing to compare with
		case todo[i].check != m.src:
			bad = append(bad, l.id) // attached meanwhile: Add compares it
		case l.stale:
			ix.log.Info("paper changed since it was indexed; updating it", "paper", l.id)
			m.src = cmp.Or(m.src, l.read)
			bad = append(bad, l.id)
		default:
			m.src = cmp.Or(m.src, l.read)
			m.verified = true
		}
		ix.residentBytes += m.size
		if ix.dim == 0 {
			ix.dim = l.f.Dim
		}
	}
	ix.evict(ctx, ids)
	return bad, nil
}

// install puts one paper's passages (in order), their content hashes,
// vectors and analysed terms in memory. The caller holds mu for writing.
func (ix *Index) install(ctx context.Context, ps []Passage, hashes []string, vecs [][]float32, terms [][]string) error {
	if len(ps) == 0 {
		return nil
	}
	pid := ps[0].PaperID
	docs := make([]chromem.Document, len(ps))
	lex := make([]lexDoc, len(ps))
	ids := make([]string, len(ps))
	for i, p := range ps {
		docs[i] = chromem.Document{ID: p.ID, Metadata: map[string]string{metaPaper: pid}, Embedding: vecs[i], Content: p.Text}
		lex[i] = lexDoc{id: p.ID, terms: terms[i]}
		ids[i] = p.ID
	}
	if err := ix.vec.put(ctx, docs); err != nil {
		return err
	}
	for i, p := range ps {
		ix.entries[p.ID] = &entry{p: p, hash: hashes[i]}
	}
	ix.papers[pid] = ids
	ix.paperLex[pid] = newLexIndex(lex)
	ix.invalidateLex()
	return nil
}
