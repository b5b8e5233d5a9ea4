package retrieval

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/philippgille/chromem-go"

	"paperbot/corpus"
)

// Add indexes papers, replacing earlier versions of the same papers. Only
// passages whose text or embedder changed are embedded; passages of a paper
// that are gone are removed. A paper given twice counts once (the last).
func (ix *Index) Add(ctx context.Context, papers ...*corpus.Paper) error {
	return ix.AddProgress(ctx, nil, papers...)
}

// AddProgress is Add with a progress callback, called with the number of
// passages embedded so far and the number to embed (only passages that need
// embedding count; it may be called from several goroutines, never
// concurrently).
func (ix *Index) AddProgress(ctx context.Context, progress func(done, total int), papers ...*corpus.Paper) error {
	ix.addMu.Lock()
	defer ix.addMu.Unlock()

	papers, err := uniquePapers(papers)
	if err != nil {
		return fmt.Errorf("add to index: %w", err)
	}
	papers, all, hashes := ix.changedPapers(papers)
	if len(papers) == 0 {
		return nil
	}
	// The stored passages of a changed paper are read for their
	// embeddings: only passages whose text changed are embedded again.
	ids := make([]string, len(papers))
	for i, p := range papers {
		ids[i] = p.ID
	}
	if _, err := ix.loadSegments(ctx, ids); err != nil {
		return fmt.Errorf("add to index: %w", err)
	}

	// Decide what needs embedding. Add is the only writer (addMu), so the
	// state read here stays current until commit takes mu for writing.
	ix.mu.RLock()
	var todo []*entry
	for _, p := range all {
		h := contentHash(ix.opt.EmbedderID, indexText(p))
		if e := ix.entries[p.ID]; e == nil || e.hash != h {
			todo = append(todo, &entry{p: p, hash: h})
		}
	}
	ix.mu.RUnlock()

	texts := make([]string, len(todo))
	for i, e := range todo {
		texts[i] = indexText(e.p)
	}
	vecs, err := ix.embedAll(ctx, texts, progress)
	if err != nil {
		return fmt.Errorf("add to index: %w", err)
	}
	fresh := make([][]string, len(todo))
	parallelFor(len(todo), ix.opt.Concurrency, func(i int) { fresh[i] = terms(texts[i]) })
	termsOf := make(map[string][]string, len(todo))
	for i, e := range todo {
		termsOf[e.p.ID] = fresh[i]
	}

	// A changed dimension means the stored vectors come from another model:
	// re-embed every passage that is kept.
	if d := ix.dimension(); len(vecs) > 0 && d != 0 && len(vecs[0]) != d {
		ix.log.Warn("embedding dimension changed; rebuilding index",
			"was", d, "now", len(vecs[0]), "embedder", ix.opt.EmbedderID)
		if _, err := ix.loadSegments(ctx, ix.Papers()); err != nil {
			return fmt.Errorf("rebuild index: %w", err)
		}
		kept := ix.keptEntries(papers, todo)
		ktexts := make([]string, len(kept))
		for i, e := range kept {
			ktexts[i] = indexText(e.p)
		}
		kvecs, err := ix.embedAll(ctx, ktexts, nil)
		if err != nil {
			return fmt.Errorf("rebuild index: %w", err)
		}
		todo = append(todo, kept...)
		vecs = append(vecs, kvecs...)
	}
	return ix.commit(ctx, papers, all, todo, vecs, termsOf, hashes)
}

// changedPapers keeps the papers whose passages differ from the indexed
// ones (by paperHash), with their passages and hashes; an unchanged paper
// is only remembered as the source to rebuild its segment from.
func (ix *Index) changedPapers(papers []*corpus.Paper) ([]*corpus.Paper, []Passage, map[string]string) {
	ps := make([][]Passage, len(papers))
	hs := make([]string, len(papers))
	parallelFor(len(papers), ix.opt.Concurrency, func(i int) {
		ps[i] = PassagesFor(papers[i])
		hs[i] = paperHash(ix.opt.EmbedderID, ps[i])
	})
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var changed []*corpus.Paper
	var all []Passage
	hashes := map[string]string{}
	for i, p := range papers {
		if m := ix.meta[p.ID]; m != nil && m.hash == hs[i] {
			m.src, m.verified = p, true
			continue
		}
		changed = append(changed, p)
		all = append(all, ps[i]...)
		hashes[p.ID] = hs[i]
	}
	return changed, all, hashes
}

// Attach gives the index the text of papers it may already hold, without
// reading them: a paper the index knows (from its manifest) is compared
// with its segment on the first question about it, and updated then if it
// changed (only its changed passages are embedded); a paper it does not
// know is added now, as by AddProgress. A process start uses it so that
// its cost does not grow with the library; `paperbot index` uses Add,
// which compares every paper at once.
func (ix *Index) Attach(ctx context.Context, progress func(done, total int), papers ...*corpus.Paper) error {
	papers, err := uniquePapers(papers)
	if err != nil {
		return fmt.Errorf("add to index: %w", err)
	}
	var unknown []*corpus.Paper
	ix.mu.Lock()
	for _, p := range papers {
		m := ix.meta[p.ID]
		if m == nil || m.hash == "" || m.resident {
			unknown = append(unknown, p) // compared now (cheap: no segment to read)
			continue
		}
		if m.src != p {
			m.src, m.verified = p, false
		}
	}
	ix.mu.Unlock()
	if len(unknown) == 0 {
		return nil
	}
	return ix.AddProgress(ctx, progress, unknown...)
}

// AttachLibrary is Attach for a library whose papers may be shelved (listed
// from a catalog, not read: corpus.OpenDir). A shelved paper the index
// knows is read from lib only on the first question about it, then
// compared with its segment; a paper lib has read already is attached as
// by Attach; a paper the index does not know is read and added now.
func (ix *Index) AttachLibrary(ctx context.Context, progress func(done, total int), lib *corpus.Library) error {
	ids := lib.IDs()
	now := make([]bool, len(ids)) // attached now, with its text
	ix.mu.Lock()
	for i, id := range ids {
		m := ix.meta[id]
		if _, read := lib.Loaded(id); read || m == nil || m.hash == "" || m.resident {
			now[i] = true
			continue
		}
		m.src, m.lib, m.verified = nil, lib, false
	}
	ix.mu.Unlock()
	var papers []*corpus.Paper // in the library's order
	for i, id := range ids {
		if !now[i] {
			continue
		}
		p, err := lib.Load(id)
		if err != nil {
			ix.log.Warn("paper cannot be read; it is left out of the index", "paper", id, "err", err)
			continue
		}
		papers = append(papers, p)
	}
	return ix.Attach(ctx, progress, papers...)
}

// uniquePapers rejects nil papers and papers without an id, and keeps the
// last of papers given twice.
func uniquePapers(papers []*corpus.Paper) ([]*corpus.Paper, error) {
	last := map[string]int{}
	for i, p := range papers {
		if p == nil {
			return nil, errors.New("nil paper")
		}
		if p.ID == "" {
			return nil, fmt.Errorf("paper %q has no id", p.Title)
		}
		last[p.ID] = i
	}
	out := make([]*corpus.Paper, 0, len(last))
	for i, p := range papers {
		if last[p.ID] == i {
			out = append(out, p)
		}
	}
	return out, nil
}

// keptEntries lists the indexed passages that survive adding papers and are
// not among the fresh ones: those of other papers, and unchanged passages of
// the papers being added.
func (ix *Index) keptEntries(papers []*corpus.Paper, fresh []*entry) []*entry {
	adding := map[string]bool{}
	for _, p := range papers {
		adding[p.ID] = true
	}
	isFresh := map[string]bool{}
	for _, e := range fresh {
		isFresh[e.p.ID] = true
	}
	keep := map[string]bool{}
	for _, p := range papers {
		for _, q := range PassagesFor(p) {
			keep[q.ID] = true
		}
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var out []*entry
	for _, id := range sortedKeys(ix.entries) {
		e := ix.entries[id]
		if isFresh[id] || (adding[e.p.PaperID] && !keep[id]) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// commit stores embedded entries (vecs[i] belongs to fresh[i]), drops the
// passages the added papers no longer have, records the papers' passage
// order and rebuilds the lexical index of each added paper that changed
// (terms holds the analysed terms of its new passages), under the write
// lock. The added papers stay in memory, marked for Save, with their
// paperHash from hashes.
func (ix *Index) commit(ctx context.Context, papers []*corpus.Paper, all []Passage, fresh []*entry, vecs [][]float32, terms map[string][]string, hashes map[string]string) error {
	docs := make([]chromem.Document, len(fresh))
	for i, e := range fresh {
		docs[i] = chromem.Document{ID: e.p.ID, Metadata: map[string]string{metaPaper: e.p.PaperID}, Embedding: vecs[i], Content: e.p.Text}
	}

	ix.mu.Lock()
	defer ix.mu.Unlock()
	keep := make(map[string]bool, len(all))
	for _, p := range all {
		keep[p.ID] = true
	}
	changed := len(docs) > 0
	for _, p := range papers {
		var stale []string
		for _, id := range ix.papers[p.ID] {
			if !keep[id] {
				stale = append(stale, id)
			}
		}
		if err := ix.vec.drop(ctx, p.ID, stale); err != nil {
			return fmt.Errorf("add to index: drop old passages: %w", err)
		}
		for _, id := range stale {
			delete(ix.entries, id)
		}
		changed = changed || len(stale) > 0
	}
	if len(docs) > 0 {
		if err := ix.vec.put(ctx, docs); err != nil {
			return fmt.Errorf("add to index: %w", err)
		}
		ix.dim = len(docs[0].Embedding)
	}
	for _, e := range fresh {
		ix.entries[e.p.ID] = e
	}
	// Unchanged passages may still have new offsets or sequence numbers.
	for _, p := range all {
		if e := ix.entries[p.ID]; e != nil {
			e.p = p
		}
	}
	old := make(map[string][]string, len(papers))
	for _, p := range papers {
		m := ix.meta[p.ID]
		if m == nil {
			m = &paperMeta{}
			ix.meta[p.ID] = m
			ix.order = append(ix.order, p.ID)
			changed = true
		}
		m.hash, m.src, m.resident, m.dirty, m.verified = hashes[p.ID], p, true, true, true
		m.lastUse.Store(ix.clock.Add(1))
		old[p.ID] = ix.papers[p.ID]
		ix.papers[p.ID] = nil
	}
	for _, p := range all {
		ix.papers[p.PaperID] = append(ix.papers[p.PaperID], p.ID)
	}
	for _, p := range papers {
		ids, ok := old[p.ID]
		same := ok && ix.paperLex[p.ID] != nil && slices.Equal(ids, ix.papers[p.ID]) &&
			!slices.ContainsFunc(ix.papers[p.ID], func(id string) bool { _, f := terms[id]; return f })
		if !same {
			ix.setPaperLex(p.ID, terms)
			changed = true
		}
	}
	if changed {
		ix.invalidateLex()
	}
	for _, p := range papers {
		m := ix.meta[p.ID]
		ix.residentBytes -= m.size
		m.passages = len(ix.papers[p.ID])
		m.size = residentSize(ix.passagesLocked(p.ID), ix.dim)
		ix.residentBytes += m.size
	}
	return nil
}
