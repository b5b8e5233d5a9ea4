package retrieval

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/philippgille/chromem-go"
)

// BatchEmbedFunc embeds many texts in one go (one API call per batch); the
// result has one vector per text, in order.
type BatchEmbedFunc func(ctx context.Context, texts []string) ([][]float32, error)

// Options configure an Index.
type Options struct {
	// Path is the index manifest; the papers' segments are in the
	// directory Path + ".d" (manifest.go). "" keeps the index in memory
	// only.
	Path string
	// Embed embeds passages and questions. nil means HashEmbedder(DefaultDim).
	Embed chromem.EmbeddingFunc
	// EmbedBatch, when set, embeds new passages in batches while building
	// (e.g. (*OpenAIEmbedder).EmbedBatch); questions still go through Embed.
	EmbedBatch BatchEmbedFunc
	// EmbedderID names the embedder and its dimension, e.g. "hash-v3-256" or
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
	// MemoryBudget bounds the estimated bytes of the papers kept in memory
	// (resident.go) when the index has a Path: beyond it the least recently
	// asked-about papers are dropped and read again from their segments on
	// the next question. 0 means DefaultMemoryBudget; negative means no
	// limit.
	MemoryBudget int64
}

// entry is one indexed passage. Its terms live only in its paper's
// lexical index (postings), not in a slice per passage.
type entry struct {
	p    Passage
	hash string // content hash of the embedded text and the embedder id
}

// Index is a searchable set of passages from one or more papers: vectors in
// chromem-go collections (one for all passages, one per paper), stemmed
// terms in a BM25 index, and optionally a manifest with one segment file
// per paper. A paper's passages are in memory (resident) only after the
// first question about it, within a memory budget. Search, Len, Papers
// and Save are safe to call concurrently with Add and Remove.
type Index struct {
	opt Options
	log *slog.Logger
	vec *vectors // chromem-go collections

	addMu  sync.Mutex // serialises Add, Remove, Save
	loadMu sync.Mutex // serialises reading segments

	mu            sync.RWMutex          // guards the fields below and vec's contents
	meta          map[string]*paperMeta // every paper, resident or not
	order         []string              // paper ids in the order first added
	residentBytes int64                 // sum of the resident papers' sizes
	manifestDirty bool                  // papers removed or segments dropped since the last Save
	dim           int                   // embedding dimension, 0 when empty
	clock         atomic.Int64          // counts searches, for least-recently-used eviction

	// Resident papers only.
	entries map[string]*entry
	papers  map[string][]string // paper id -> passage ids in order

	paperLex map[string]*lexIndex // paper id -> its BM25 index (own postings and statistics)

	lexMu sync.Mutex // guards lex (built lazily under mu.RLock)
	lex   *lexIndex  // every passage, merged from paperLex, for questions across papers
}

// Open creates an index and, when opt.Path names a readable manifest built
// with the same embedder, reads it (and only it: each paper's segment is
// read on the first question about the paper). An index file in the
// earlier single-file format is loaded whole and written as segments at
// the next Save. A missing, corrupt or truncated file, or one from another
// embedder, is logged and the index starts empty (the caller's Add then
// rebuilds it); Open never fails because of the file's contents.
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
	if opt.MemoryBudget == 0 {
		opt.MemoryBudget = DefaultMemoryBudget
	}
	vec, err := newVectors(opt.Embed, opt.Concurrency)
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	ix := &Index{
		opt:      opt,
		log:      opt.Logger,
		vec:      vec,
		meta:     map[string]*paperMeta{},
		entries:  map[string]*entry{},
		papers:   map[string][]string{},
		paperLex: map[string]*lexIndex{},
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

// Len is the number of passages in the index (resident or not).
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n := 0
	for _, m := range ix.meta {
		n += m.passages
	}
	return n
}

// Dirty reports whether the index has changes Save has not written.
func (ix *Index) Dirty() bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.manifestDirty {
		return true
	}
	for _, m := range ix.meta {
		if m.dirty {
			return true
		}
	}
	return false
}

// Papers lists the indexed paper ids in the order they were first added.
func (ix *Index) Papers() []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return slices.Clone(ix.order)
}

// Passages returns the indexed passages of a paper in order (nil if
// unknown, or if its segment cannot be read).
func (ix *Index) Passages(paperID string) []Passage {
	if paperID == "" || ix.rlockResident(context.Background(), paperID) != nil {
		return nil
	}
	defer ix.mu.RUnlock()
	var out []Passage
	for _, id := range ix.papers[paperID] {
		out = append(out, ix.entries[id].p)
	}
	return out
}

// Remove drops a paper and its passages; an unknown paper is not an error.
func (ix *Index) Remove(ctx context.Context, paperID string) error {
	ix.addMu.Lock()
	defer ix.addMu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	m, ok := ix.meta[paperID]
	if !ok {
		return nil
	}
	ids := ix.papers[paperID]
	if err := ix.vec.dropPaper(ctx, paperID, ids); err != nil {
		return fmt.Errorf("remove paper %q: %w", paperID, err)
	}
	for _, id := range ids {
		delete(ix.entries, id)
	}
	delete(ix.papers, paperID)
	delete(ix.paperLex, paperID)
	delete(ix.meta, paperID)
	ix.residentBytes -= m.size
	ix.manifestDirty = true
	ix.order = slices.DeleteFunc(ix.order, func(s string) bool { return s == paperID })
	if len(ix.meta) == 0 {
		ix.dim = 0
	}
	ix.invalidateLex()
	return nil
}

// RemoveExcept drops every paper whose id is not in keep (papers deleted
// from the corpus since the index file was written) and returns their ids.
func (ix *Index) RemoveExcept(ctx context.Context, keep ...string) ([]string, error) {
	want := make(map[string]bool, len(keep))
	for _, id := range keep {
		want[id] = true
	}
	var removed []string
	for _, id := range ix.Papers() {
		if want[id] {
			continue
		}
		if err := ix.Remove(ctx, id); err != nil {
			return removed, err
		}
		removed = append(removed, id)
	}
	return removed, nil
}

// dimension reads the current embedding dimension.
func (ix *Index) dimension() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.dim
}

// invalidateLex drops the lexical index across papers; the next search
// across papers rebuilds it from the papers' indexes. The caller holds mu
// for writing.
func (ix *Index) invalidateLex() {
	ix.lexMu.Lock()
	ix.lex = nil
	ix.lexMu.Unlock()
}

// lexical returns the BM25 index of paperID, or of every paper when
// paperID is "". A paper's index holds only its own passages, postings and
// statistics, so a one-paper search costs the same in a library of one
// paper or of thousands; the index across papers is merged from them on
// the first search across papers after a change. The caller holds mu (read
// or write).
func (ix *Index) lexical(paperID string) *lexIndex {
	if paperID != "" {
		if lex := ix.paperLex[paperID]; lex != nil {
			return lex
		}
		return newLexIndex(nil)
	}
	ix.lexMu.Lock()
	defer ix.lexMu.Unlock()
	if ix.lex == nil {
		parts := make([]*lexIndex, 0, len(ix.order))
		for _, pid := range ix.order {
			if lex := ix.paperLex[pid]; lex != nil {
				parts = append(parts, lex)
			}
		}
		ix.lex = mergeLex(parts)
	}
	return ix.lex
}

// setPaperLex builds the lexical index of paperID from its passages' terms
// (terms[id]; a passage missing there is analysed again). The caller holds
// mu for writing.
func (ix *Index) setPaperLex(paperID string, terms map[string][]string) {
	ids := ix.papers[paperID]
	docs := make([]lexDoc, len(ids))
	for i, id := range ids {
		t, ok := terms[id]
		if !ok {
			t = termsOfPassage(ix.entries[id].p)
		}
		docs[i] = lexDoc{id: id, terms: t}
	}
	ix.paperLex[paperID] = newLexIndex(docs)
}

// sortedKeys returns a map's keys in order (for deterministic output).
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
