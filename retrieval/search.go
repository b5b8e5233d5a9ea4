package retrieval

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
)

// Mode selects how Search ranks passages.
type Mode string

// The ranking modes. The zero value is Hybrid.
const (
	Hybrid      Mode = "hybrid"  // BM25 and vectors fused by reciprocal rank
	LexicalOnly Mode = "lexical" // BM25 alone; the question is not embedded
	VectorOnly  Mode = "vector"  // vector similarity alone
)

// Modes lists the ranking modes, for evaluations that compare them.
var Modes = []Mode{Hybrid, LexicalOnly, VectorOnly}

// ParseMode reads a mode name ("hybrid", "lexical", "vector"; "" is hybrid).
func ParseMode(s string) (Mode, error) {
	m := Mode(strings.ToLower(strings.TrimSpace(s)))
	if m == "" {
		return Hybrid, nil
	}
	if !m.valid() {
		return "", fmt.Errorf("unknown search mode %q (want hybrid, lexical or vector)", s)
	}
	return m, nil
}

func (m Mode) valid() bool {
	return m == "" || m == Hybrid || m == LexicalOnly || m == VectorOnly
}

// DefaultK is the number of hits Search returns when k <= 0.
const DefaultK = 5

// rrfK is the reciprocal rank fusion constant: score = sum 1/(rrfK + rank).
const rrfK = 60

// minCandidates is how deep each ranking is read before fusion.
const minCandidates = 50

// Search ranks the passages of paperID ("" = all papers) for query with the
// index's default Mode and returns the best k (k <= 0 means DefaultK; k is
// clamped to the number of passages). An empty index, or a query without any
// letter or digit (blank, punctuation, emoji only), gives no hits and no
// error.
//
// The question is read by AnalyzeQuery against the paper's vocabulary
// (typos corrected, synonyms of words the paper lacks added at
// SynonymWeight).
//
// Reading the scores: Score is the fused reciprocal-rank score (at most
// 2/61 ≈ 0.033 in Hybrid, 1/61 in the single modes), good for ordering only.
// Lexical is raw BM25 (0 when no term is shared); Coverage is the share of
// the question's terms found in the passage (a synonym counts for its word); Vector is the cosine similarity
// to the question. A weak match has Lexical 0 or Coverage well below 0.5 on
// its best hit; with the offline HashEmbedder, cosines under ~0.25 are noise
// (seed: "What is the capital of Brazil?" peaks at 0.20 with Lexical 0,
// "Nye soft power" gives Lexical ≈ 8, Coverage 1, cosine ≈ 0.43).
func (ix *Index) Search(ctx context.Context, paperID, query string, k int) ([]Hit, error) {
	return ix.SearchMode(ctx, paperID, query, k, ix.opt.Mode)
}

// SearchMode is Search with an explicit ranking mode.
func (ix *Index) SearchMode(ctx context.Context, paperID, query string, k int, mode Mode) ([]Hit, error) {
	if !mode.valid() {
		return nil, fmt.Errorf("search: unknown mode %q", mode)
	}
	if mode == "" {
		mode = Hybrid
	}
	if k <= 0 {
		k = DefaultK
	}
	if !hasWordRune(query) {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}

	// Embed outside the lock: it may be a network call.
	var qvec []float32
	if mode != LexicalOnly && ix.Len() > 0 {
		v, err := ix.opt.Embed(ctx, query)
		if err != nil {
			return nil, fmt.Errorf("embed question: %w", err)
		}
		qvec = v
		if d := ix.dimension(); d != 0 && len(v) != d {
			// The stored vectors come from a model with another dimension
			// under the same embedder id: re-embed them once.
			if err := ix.reembedAll(ctx, len(v)); err != nil {
				return nil, fmt.Errorf("search: %w", err)
			}
		}
	}

	// A paper not in memory is read from its segment first.
	if err := ix.rlockResident(ctx, paperID); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer ix.mu.RUnlock()
	n := len(ix.entries)
	if paperID != "" {
		n = len(ix.papers[paperID])
	}
	if n == 0 {
		return nil, nil
	}
	k = min(k, n)
	depth := min(max(4*k, minCandidates), n)

	f := fusion{ix: ix, hits: map[string]*fusedHit{}}

	// Lexical ranking (also needed in VectorOnly mode for Lexical and
	// Coverage of the vector hits).
	lex := ix.lexical(paperID)
	lr := lex.search(AnalyzeQuery(query, ix.vocabulary(lex, paperID)).Terms, depth)
	if mode != VectorOnly {
		for rank, lh := range lr.top {
			f.add(lex.ids[lh.doc], rank)
		}
	}

	// Vector ranking.
	qvec = unit(qvec)
	if mode != LexicalOnly && len(qvec) > 0 {
		res, err := ix.vec.query(ctx, paperID, qvec, depth)
		if err != nil {
			return nil, fmt.Errorf("search vectors: %w", err)
		}
		for rank, r := range res {
			if h := f.add(r.ID, rank); h != nil {
				h.Vector = float64(r.Similarity)
				h.hasVector = true
			}
		}
	}

	for id, h := range f.hits {
		if d, ok := lex.docOf[id]; ok && lr.scores != nil {
			h.Lexical = lr.scores[d]
			if lr.nq > 0 {
				h.Coverage = float64(lr.matched[d]) / float64(lr.nq)
			}
		}
	}
	out := f.best(k)
	for i := range out {
		// Lexical hits outside the vector candidates still get their cosine.
		if h := &out[i]; !h.hasVector && len(qvec) > 0 {
			if emb, err := ix.vec.embedding(ctx, h.ID); err == nil {
				h.Vector = cosine(qvec, emb)
			}
		}
	}
	hits := make([]Hit, len(out))
	for i, h := range out {
		hits[i] = h.Hit
	}
	return hits, nil
}

// Vocabulary returns the words of paperID ("" = every paper) as Search
// reads questions against them, for callers that analyse a question the
// same way (AnalyzeQuery). It is built on first use after the passages
// change and shared; do not modify it.
func (ix *Index) Vocabulary(paperID string) *Vocabulary {
	if err := ix.rlockResident(context.Background(), paperID); err != nil {
		ix.log.Warn("vocabulary: paper not readable", "paper", paperID, "err", err)
		return NewVocabulary(nil)
	}
	defer ix.mu.RUnlock()
	return ix.vocabulary(ix.lexical(paperID), paperID)
}

// vocabulary returns the words of paperID ("" = every paper), whose
// lexical index is lex, counted on first use after the passages changed.
// The caller holds mu (read or write).
func (ix *Index) vocabulary(lex *lexIndex, paperID string) *Vocabulary {
	lex.vocMu.Lock()
	defer lex.vocMu.Unlock()
	if lex.vocab != nil {
		return lex.vocab
	}
	var texts []string
	add := func(ids []string) {
		for _, id := range ids {
			texts = append(texts, indexText(ix.entries[id].p))
		}
	}
	if paperID != "" {
		add(ix.papers[paperID])
	} else {
		for _, ids := range ix.papers {
			add(ids)
		}
	}
	lex.vocab = NewVocabulary(texts)
	return lex.vocab
}

// fusedHit is a hit being fused, with whether its cosine is known.
type fusedHit struct {
	Hit
	hasVector bool
}

// fusion sums reciprocal-rank scores of passages over rankings.
type fusion struct {
	ix   *Index
	hits map[string]*fusedHit
}

// add credits passage id with rank (0-based) in one ranking; nil when the
// passage is not (or no longer) indexed.
func (f *fusion) add(id string, rank int) *fusedHit {
	h := f.hits[id]
	if h == nil {
		e := f.ix.entries[id]
		if e == nil {
			return nil
		}
		h = &fusedHit{Hit: Hit{Passage: e.p}}
		f.hits[id] = h
	}
	h.Score += 1 / float64(rrfK+rank+1)
	return h
}

// best returns the k best hits: highest fused score, then higher BM25,
// then the smaller passage id, for a stable order.
func (f *fusion) best(k int) []fusedHit {
	out := make([]fusedHit, 0, len(f.hits))
	for _, h := range f.hits {
		out = append(out, *h)
	}
	slices.SortFunc(out, func(a, b fusedHit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Lexical, a.Lexical); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out[:min(k, len(out))]
}

// hasWordRune reports whether s has a letter or a digit.
func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// unit returns v scaled to length 1 (v itself when it already is; nil when
// it is empty or zero).
func unit(v []float32) []float32 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 || math.IsNaN(s) {
		return nil
	}
	if math.Abs(s-1) < 1e-9 {
		return v
	}
	inv := 1 / math.Sqrt(s)
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(float64(x) * inv)
	}
	return out
}

// cosine is the dot product of two unit vectors (0 if their lengths differ).
func cosine(a, b []float32) float64 {
	if len(a) != len(b) {
		return 0
	}
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}
