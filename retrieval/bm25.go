package retrieval

import (
	"cmp"
	"container/heap"
	"math"
	"slices"
	"strings"
	"sync"
)

// BM25 parameters (the usual Okapi defaults).
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// lexDoc is one passage as the lexical index sees it.
type lexDoc struct {
	id    string
	terms []string
}

// posting is one term occurrence count in one document.
type posting struct {
	doc int32
	tf  float32
}

// lexIndex is an immutable BM25 index over stemmed terms of one paper or
// of every paper. It is rebuilt (cheaply) after the passages change. Its
// postings are stored flat: the sorted distinct terms (sharing one string),
// and for term i the postings posts[offs[i]:offs[i+1]], so a paper's index
// costs a few words per term and per occurrence, not a map entry and a
// slice per term.
type lexIndex struct {
	ids    []string
	lens   []float32
	avgLen float64
	terms  []string // sorted, distinct
	offs   []int32  // len(terms)+1
	posts  []posting
	docOf  map[string]int32

	vocMu sync.Mutex
	vocab *Vocabulary // the words of its passages, built on first search
}

// postings returns the postings of term t (nil when no passage has it).
func (ix *lexIndex) postings(t string) []posting {
	i, ok := slices.BinarySearch(ix.terms, t)
	if !ok {
		return nil
	}
	return ix.posts[ix.offs[i]:ix.offs[i+1]]
}

// newLexIndex builds the inverted index of docs.
func newLexIndex(docs []lexDoc) *lexIndex {
	ix := &lexIndex{
		ids:   make([]string, len(docs)),
		lens:  make([]float32, len(docs)),
		docOf: make(map[string]int32, len(docs)),
	}
	post := map[string][]posting{}
	total := 0
	tf := map[string]float32{}
	for d, doc := range docs {
		ix.ids[d] = doc.id
		ix.docOf[doc.id] = int32(d)
		ix.lens[d] = float32(len(doc.terms))
		total += len(doc.terms)
		clear(tf)
		for _, t := range doc.terms {
			tf[t]++
		}
		for t, n := range tf {
			post[t] = append(post[t], posting{doc: int32(d), tf: n})
		}
	}
	if len(docs) > 0 {
		ix.avgLen = float64(total) / float64(len(docs))
	}
	ix.freeze(post)
	return ix
}

// freeze stores post in the flat layout; each term's postings must be in
// document order.
func (ix *lexIndex) freeze(post map[string][]posting) {
	keys := sortedKeys(post)
	size, n := 0, 0
	for _, k := range keys {
		size += len(k)
		n += len(post[k])
	}
	// One string holds every term, so the index keeps no passage text alive.
	var b strings.Builder
	b.Grow(size)
	for _, k := range keys {
		b.WriteString(k)
	}
	all := b.String()
	ix.terms = make([]string, len(keys))
	ix.offs = make([]int32, len(keys)+1)
	ix.posts = make([]posting, 0, n)
	at := 0
	for i, k := range keys {
		ix.terms[i] = all[at : at+len(k)]
		at += len(k)
		ix.posts = append(ix.posts, post[k]...)
		ix.offs[i+1] = int32(len(ix.posts))
	}
}

// mergeLex joins the indexes of several papers into one, their documents
// in order; the result equals newLexIndex over all their documents.
func mergeLex(parts []*lexIndex) *lexIndex {
	n, total := 0, 0.0
	for _, p := range parts {
		n += len(p.ids)
		total += p.avgLen * float64(len(p.ids))
	}
	ix := &lexIndex{
		ids:   make([]string, 0, n),
		lens:  make([]float32, 0, n),
		docOf: make(map[string]int32, n),
	}
	post := map[string][]posting{}
	for _, p := range parts {
		off := int32(len(ix.ids))
		for d, id := range p.ids {
			ix.docOf[id] = off + int32(d)
		}
		ix.ids = append(ix.ids, p.ids...)
		ix.lens = append(ix.lens, p.lens...)
		for i, t := range p.terms {
			dst := post[t]
			for _, q := range p.posts[p.offs[i]:p.offs[i+1]] {
				dst = append(dst, posting{doc: off + q.doc, tf: q.tf})
			}
			post[t] = dst
		}
	}
	if n > 0 {
		ix.avgLen = total / float64(n)
	}
	ix.freeze(post)
	return ix
}

// lexHit is one lexical match.
type lexHit struct {
	doc   int32
	score float64
}

// lexResult is the outcome of one lexical search.
type lexResult struct {
	top     []lexHit  // best first, at most the requested limit
	scores  []float64 // BM25 score of every document (0 = no match)
	matched []uint16  // distinct question terms found, per document
	nq      int       // distinct question terms
}

// search scores every document that shares a term with the query; top holds the best limit of them, best first (ties by index
// order). Each term's BM25 contribution is scaled by its weight; a document
// matches a question term when it holds the term or one of its synonyms.
func (ix *lexIndex) search(query []QueryTerm, limit int) lexResult {
	groups := map[string]int{} // question term -> group number
	var q []QueryTerm
	for _, t := range query {
		if t.Weight <= 0 || slices.ContainsFunc(q, func(x QueryTerm) bool { return x.Term == t.Term }) {
			continue
		}
		if _, ok := groups[t.Of]; !ok {
			groups[t.Of] = len(groups)
		}
		q = append(q, t)
	}
	res := lexResult{nq: len(groups)}
	if len(q) == 0 || len(ix.ids) == 0 {
		return res
	}
	n := float64(len(ix.ids))
	res.scores = make([]float64, len(ix.ids))
	res.matched = make([]uint16, len(ix.ids))
	var touched []int32
	// seen[doc] holds the question terms it matched so far (the first 64).
	seen := make([]uint64, len(ix.ids))
	for _, t := range q {
		ps := ix.postings(t.Term)
		if len(ps) == 0 {
			continue
		}
		g := uint64(1) << min(groups[t.Of], 63)
		df := float64(len(ps))
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for _, p := range ps {
			tf := float64(p.tf)
			norm := bm25K1 * (1 - bm25B + bm25B*float64(ix.lens[p.doc])/ix.avgLen)
			if seen[p.doc] == 0 {
				touched = append(touched, p.doc)
			}
			res.scores[p.doc] += t.Weight * idf * tf * (bm25K1 + 1) / (tf + norm)
			if seen[p.doc]&g == 0 {
				seen[p.doc] |= g
				res.matched[p.doc]++
			}
		}
	}
	res.top = topLex(touched, res.scores, limit)
	return res
}

// lexHeap is a min-heap of hits: the worst kept hit on top.
type lexHeap []lexHit

func (h lexHeap) Len() int           { return len(h) }
func (h lexHeap) Less(i, j int) bool { return worse(h[i], h[j]) }
func (h lexHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *lexHeap) Push(x any)        { *h = append(*h, x.(lexHit)) }
func (h *lexHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// worse orders hits: lower score first, then later document first.
func worse(a, b lexHit) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.doc > b.doc
}

// topLex selects the best limit documents, best first.
func topLex(docs []int32, scores []float64, limit int) []lexHit {
	if limit <= 0 || len(docs) == 0 {
		return nil
	}
	h := make(lexHeap, 0, min(limit, len(docs))+1)
	for _, d := range docs {
		x := lexHit{doc: d, score: scores[d]}
		if len(h) < limit {
			heap.Push(&h, x)
		} else if worse(h[0], x) {
			h[0] = x
			heap.Fix(&h, 0)
		}
	}
	out := []lexHit(h)
	slices.SortFunc(out, func(a, b lexHit) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.doc, b.doc)
	})
	return out
}

// termsOfPassage is the analysed terms the lexical index holds for p.
func termsOfPassage(p Passage) []string { return terms(indexText(p)) }
