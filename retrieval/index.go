package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/philippgille/chromem-go"

	"paperbot/corpus"
)

// BatchEmbedFunc embeds many texts in one go (one API call per batch); the
// result has one vector per text, in order.
type BatchEmbedFunc func(ctx context.Context, texts []string) ([][]float32, error)

// Options configure an Index.
type Options struct {
	// Path is the index file; "" keeps the index in memory only.
	Path string
	// Embed embeds passages and questions. nil means HashEmbedder(DefaultDim).
	Embed chromem.EmbeddingFunc
	// EmbedBatch, when set, embeds new passages in batches while building
	// (e.g. (*OpenAIEmbedder).EmbedBatch); questions still go through Embed.
	EmbedBatch BatchEmbedFunc
	// EmbedderID names the embedder and its dimension, e.g. "hash-v1-256" or
	// "openai:text-embedding-3-small". An index file written with another id
	// is rebuilt. "" means HashEmbedderID(DefaultDim) when Embed is nil, and
	// "custom" otherwise.
	EmbedderID string
	// Logger receives rebuild and load messages; nil means slog.Default().
	Logger *slog.Logger
	// Mode is the default ranking of Search (zero value: Hybrid).
	Mode Mode
	// Concurrency bounds parallel embedding calls while building; 0 means
	// the number of CPUs.
	Concurrency int
}

// entry is one indexed passage.
type entry struct {
	p     Passage
	hash  string // content hash of the embedded text and the embedder id
	terms []string
}

// Index is a searchable set of passages from one or more papers: vectors in
// a chromem-go collection, terms in a BM25 index. Search is safe to call
// concurrently with Add, Remove and Save.
type Index struct {
	opt Options
	log *slog.Logger
	vec *vectors // chromem-go collections

	addMu sync.Mutex // serialises Add, Remove

	mu      sync.RWMutex // guards the fields below and vec's contents
	entries map[string]*entry
	papers  map[string][]string // paper id -> passage ids in order
	order   []string            // paper ids in the order first added
	dim     int                 // embedding dimension, 0 when empty

	lexMu sync.Mutex // guards lex (built lazily under mu.RLock)
	lex   *lexIndex
}

// Open creates an index and, when opt.Path names a readable index file built
// with the same embedder, loads its passages and embeddings. A missing,
// corrupt or truncated file, or one from another embedder, is logged and the
// index starts empty (the caller's Add then rebuilds it); Open never fails
// because of the file's contents.
func Open(ctx context.Context, opt Options) (*Index, error) {
	if opt.Embed == nil {
		opt.Embed = HashEmbedder(DefaultDim)
		if opt.EmbedderID == "" {
			opt.EmbedderID = HashEmbedderID(DefaultDim)
		}
	}
	if opt.EmbedderID == "" {
		opt.EmbedderID = "custom"
	}
	if !opt.Mode.valid() {
		return nil, fmt.Errorf("open index: unknown search mode %q", opt.Mode)
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.Concurrency <= 0 {
		opt.Concurrency = runtime.NumCPU()
	}
	vec, err := newVectors(opt.Embed, opt.Concurrency)
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	ix := &Index{
		opt:     opt,
		log:     opt.Logger,
		vec:     vec,
		entries: map[string]*entry{},
		papers:  map[string][]string{},
	}
	if opt.Path != "" {
		if err := ix.load(ctx); err != nil {
			return nil, err
		}
	}
	return ix, nil
}

// EmbedderID is the id of the embedder this index uses.
func (ix *Index) EmbedderID() string { return ix.opt.EmbedderID }

// Len is the number of passages in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.entries)
}

// Papers lists the indexed paper ids in the order they were first added.
func (ix *Index) Papers() []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return slices.Clone(ix.order)
}

// Passages returns the indexed passages of a paper in order (nil if unknown).
func (ix *Index) Passages(paperID string) []Passage {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var out []Passage
	for _, id := range ix.papers[paperID] {
		out = append(out, ix.entries[id].p)
	}
	return out
}

// Add indexes papers, replacing earlier versions of the same papers. Only
// passages whose text or embedder changed are embedded; passages of a paper
// that are gone are removed.
func (ix *Index) Add(ctx context.Context, papers ...*corpus.Paper) error {
	return ix.AddProgress(ctx, nil, papers...)
}

// AddProgress is Add with a progress callback, called with the number of
// passages embedded so far and the number to embed (only for passages that
// need embedding; it may be called from several goroutines, never
// concurrently).
func (ix *Index) AddProgress(ctx context.Context, progress func(done, total int), papers ...*corpus.Paper) error {
	ix.addMu.Lock()
	defer ix.addMu.Unlock()

	// Validate, and keep only the last of papers given twice.
	last := map[string]int{}
	for i, p := range papers {
		if p == nil {
			return errors.New("add to index: nil paper")
		}
		if p.ID == "" {
			return fmt.Errorf("add to index: paper %q has no id", p.Title)
		}
		last[p.ID] = i
	}
	uniq := make([]*corpus.Paper, 0, len(last))
	for i, p := range papers {
		if last[p.ID] == i {
			uniq = append(uniq, p)
		}
	}
	papers = uniq
	var all []Passage
	for _, p := range papers {
		all = append(all, PassagesFor(p)...)
	}

	// Decide what needs embedding. Add is the only writer (addMu), so the
	// state read here stays current until we take mu for writing.
	ix.mu.RLock()
	var todo []int
	hashes := make([]string, len(all))
	for i, p := range all {
		hashes[i] = contentHash(ix.opt.EmbedderID, indexText(p))
		if e := ix.entries[p.ID]; e == nil || e.hash != hashes[i] {
			todo = append(todo, i)
		}
	}
	ix.mu.RUnlock()

	texts := make([]string, len(todo))
	for j, i := range todo {
		texts[j] = indexText(all[i])
	}
	vecs, err := ix.embedAll(ctx, texts, progress)
	if err != nil {
		return fmt.Errorf("add to index: %w", err)
	}

	// A changed dimension means the stored vectors are from another model:
	// re-embed everything that is kept.
	var rebuild []*entry
	if len(vecs) > 0 && ix.dimension() != 0 && len(vecs[0]) != ix.dimension() {
		ix.log.Warn("embedding dimension changed; rebuilding index",
			"was", ix.dimension(), "now", len(vecs[0]), "embedder", ix.opt.EmbedderID)
		ix.mu.RLock()
		adding := map[string]bool{}
		for _, p := range papers {
			adding[p.ID] = true
		}
		fresh := map[string]bool{}
		for _, i := range todo {
			fresh[all[i].ID] = true
		}
		keep := map[string]bool{}
		for _, p := range all {
			keep[p.ID] = true
		}
		for _, id := range sortedKeys(ix.entries) {
			e := ix.entries[id]
			if fresh[id] || (adding[e.p.PaperID] && !keep[id]) {
				continue
			}
			rebuild = append(rebuild, e)
		}
		ix.mu.RUnlock()
		rtexts := make([]string, len(rebuild))
		for j, e := range rebuild {
			rtexts[j] = indexText(e.p)
		}
		rvecs, err := ix.embedAll(ctx, rtexts, nil)
		if err != nil {
			return fmt.Errorf("rebuild index: %w", err)
		}
		vecs = append(vecs, rvecs...)
	}

	docs := make([]chromem.Document, 0, len(todo)+len(rebuild))
	newEntries := make([]*entry, 0, len(todo)+len(rebuild))
	termsOfTodo := make([][]string, len(todo))
	parallelFor(len(todo), ix.opt.Concurrency, func(j int) { termsOfTodo[j] = terms(texts[j]) })
	for j, i := range todo {
		p := all[i]
		docs = append(docs, chromem.Document{ID: p.ID, Metadata: map[string]string{metaPaper: p.PaperID}, Embedding: vecs[j], Content: p.Text})
		newEntries = append(newEntries, &entry{p: p, hash: hashes[i], terms: termsOfTodo[j]})
	}
	for j, e := range rebuild {
		docs = append(docs, chromem.Document{ID: e.p.ID, Metadata: map[string]string{metaPaper: e.p.PaperID}, Embedding: vecs[len(todo)+j], Content: e.p.Text})
		newEntries = append(newEntries, e)
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
	for _, e := range newEntries {
		ix.entries[e.p.ID] = e
	}
	// Unchanged passages may still have new offsets or sequence numbers.
	for _, p := range all {
		if e := ix.entries[p.ID]; e != nil && e.p != p {
			e.p = p
		}
	}
	old := make(map[string][]string, len(papers))
	for _, p := range papers {
		ids, ok := ix.papers[p.ID]
		if !ok {
			ix.order = append(ix.order, p.ID)
			changed = true
		}
		old[p.ID] = ids
		ix.papers[p.ID] = nil
	}
	for _, p := range all {
		ix.papers[p.PaperID] = append(ix.papers[p.PaperID], p.ID)
	}
	for id, ids := range old {
		changed = changed || !slices.Equal(ids, ix.papers[id])
	}
	if changed {
		ix.invalidateLex()
	}
	return nil
}

// Remove drops a paper and its passages; an unknown paper is not an error.
func (ix *Index) Remove(ctx context.Context, paperID string) error {
	ix.addMu.Lock()
	defer ix.addMu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ids, ok := ix.papers[paperID]
	if !ok {
		return nil
	}
	if err := ix.vec.dropPaper(ctx, paperID, ids); err != nil {
		return fmt.Errorf("remove paper %q: %w", paperID, err)
	}
	for _, id := range ids {
		delete(ix.entries, id)
	}
	delete(ix.papers, paperID)
	ix.order = slices.DeleteFunc(ix.order, func(s string) bool { return s == paperID })
	if len(ix.entries) == 0 {
		ix.dim = 0
	}
	ix.invalidateLex()
	return nil
}

// reembedAll embeds every passage again because the embedder now gives
// vectors of dimension want. Concurrent callers rebuild once.
func (ix *Index) reembedAll(ctx context.Context, want int) error {
	ix.addMu.Lock()
	defer ix.addMu.Unlock()
	if d := ix.dimension(); d == 0 || d == want {
		return nil
	}
	ix.log.Warn("embedding dimension changed; rebuilding index",
		"was", ix.dimension(), "now", want, "embedder", ix.opt.EmbedderID)
	ix.mu.RLock()
	ids := sortedKeys(ix.entries)
	texts := make([]string, len(ids))
	for i, id := range ids {
		texts[i] = indexText(ix.entries[id].p)
	}
	ix.mu.RUnlock()
	vecs, err := ix.embedAll(ctx, texts, nil)
	if err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	if len(vecs) > 0 && len(vecs[0]) != want {
		return fmt.Errorf("rebuild index: embedder gives vectors of length %d and %d", want, len(vecs[0]))
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	docs := make([]chromem.Document, len(ids))
	for i, id := range ids {
		e := ix.entries[id]
		docs[i] = chromem.Document{ID: id, Metadata: map[string]string{metaPaper: e.p.PaperID}, Embedding: vecs[i], Content: e.p.Text}
	}
	if len(docs) > 0 {
		if err := ix.vec.put(ctx, docs); err != nil {
			return fmt.Errorf("rebuild index: %w", err)
		}
	}
	ix.dim = want
	return nil
}

// dimension reads the current embedding dimension.
func (ix *Index) dimension() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.dim
}

// invalidateLex drops the lexical index; the next search rebuilds it.
// The caller holds mu for writing.
func (ix *Index) invalidateLex() {
	ix.lexMu.Lock()
	ix.lex = nil
	ix.lexMu.Unlock()
}

// lexical returns the current BM25 index, building it if needed. The caller
// holds mu (read or write).
func (ix *Index) lexical() *lexIndex {
	ix.lexMu.Lock()
	defer ix.lexMu.Unlock()
	if ix.lex == nil {
		docs := make([]lexDoc, 0, len(ix.entries))
		for _, pid := range ix.order {
			for _, id := range ix.papers[pid] {
				e := ix.entries[id]
				docs = append(docs, lexDoc{id: id, paper: pid, terms: e.terms})
			}
		}
		ix.lex = newLexIndex(docs)
	}
	return ix.lex
}

// embedAll embeds texts, in batches when a batch embedder is configured and
// otherwise with bounded parallel calls of Embed.
func (ix *Index) embedAll(ctx context.Context, texts []string, progress func(done, total int)) ([][]float32, error) {
	total := len(texts)
	out := make([][]float32, total)
	if total == 0 {
		return out, nil
	}
	var pmu sync.Mutex
	done := 0
	report := func(n int) {
		if progress == nil {
			return
		}
		pmu.Lock()
		done += n
		progress(done, total)
		pmu.Unlock()
	}
	if ix.opt.EmbedBatch != nil {
		const batch = 256
		for start := 0; start < total; start += batch {
			end := min(start+batch, total)
			vs, err := ix.opt.EmbedBatch(ctx, texts[start:end])
			if err != nil {
				return nil, err
			}
			if len(vs) != end-start {
				return nil, fmt.Errorf("embedder returned %d vectors for %d texts", len(vs), end-start)
			}
			copy(out[start:end], vs)
			report(end - start)
		}
		return checkVectors(out)
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(ix.opt.Concurrency, total); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				v, err := ix.opt.Embed(ctx, texts[i])
				if err != nil {
					cancel(fmt.Errorf("embed passage: %w", err))
					continue
				}
				out[i] = v
				report(1)
			}
		}()
	}
feed:
	for i := range texts {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return checkVectors(out)
}

// checkVectors rejects empty, ragged or all-zero vectors, which chromem-go
// would store as NaNs.
func checkVectors(vs [][]float32) ([][]float32, error) {
	for i, v := range vs {
		if len(v) == 0 || len(v) != len(vs[0]) {
			return nil, fmt.Errorf("embedder returned a vector of length %d (want %d)", len(v), len(vs[0]))
		}
		zero := true
		for _, x := range v {
			if x != 0 {
				zero = false
				break
			}
		}
		if zero {
			return nil, fmt.Errorf("embedder returned an all-zero vector for text %d", i)
		}
	}
	return vs, nil
}

// parallelFor calls f(0..n-1) on up to workers goroutines.
func parallelFor(n, workers int, f func(i int)) {
	workers = max(1, min(workers, n))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// contentHash identifies an embedded text under one embedder.
func contentHash(embedderID, text string) string {
	h := sha256.New()
	h.Write([]byte(embedderID))
	h.Write([]byte{0})
	h.Write([]byte(text))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// sortedKeys returns a map's keys in order (for deterministic output).
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
