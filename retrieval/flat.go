package retrieval

import (
	"container/heap"
	"math"
	"runtime"
	"sort"
	"sync"

	"github.com/philippgille/chromem-go"
)

// flat mirrors every stored passage vector (the same slices chromem-go
// holds, unit length) in one array, for questions across all papers:
// chromem-go's exhaustive query spends most of its time on per-document
// bookkeeping, while a tight scan over the array with one worker per core
// is several times faster at 30,000 passages. Guarded by the Index's mutex
// like the rest of vectors.
type flat struct {
	ids  []string
	vecs [][]float32
	pos  map[string]int
}

func newFlat() *flat { return &flat{pos: map[string]int{}} }

// put stores or replaces the vector of id.
func (f *flat) put(id string, v []float32) {
	if !nearUnit(v) { // stored vectors are unit length already: share, don't copy
		if u := unit(v); u != nil {
			v = u
		}
	}
	if i, ok := f.pos[id]; ok {
		f.vecs[i] = v
		return
	}
	f.pos[id] = len(f.ids)
	f.ids = append(f.ids, id)
	f.vecs = append(f.vecs, v)
}

// del removes id, moving the last vector into its place.
func (f *flat) del(id string) {
	i, ok := f.pos[id]
	if !ok {
		return
	}
	last := len(f.ids) - 1
	f.ids[i], f.vecs[i] = f.ids[last], f.vecs[last]
	f.pos[f.ids[i]] = i
	f.ids[last], f.vecs[last] = "", nil
	f.ids, f.vecs = f.ids[:last], f.vecs[:last]
	delete(f.pos, id)
}

// top returns the n vectors most similar to the unit vector q, best first,
// as chromem-go results (ID and Similarity only).
func (f *flat) top(q []float32, n int) []chromem.Result {
	n = min(n, len(f.ids))
	if n <= 0 {
		return nil
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(f.ids)/2048+1))
	parts := make([]scoreHeap, workers)
	var wg sync.WaitGroup
	chunk := (len(f.ids) + workers - 1) / workers
	for w := range workers {
		lo, hi := w*chunk, min((w+1)*chunk, len(f.ids))
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := make(scoreHeap, 0, n+1)
			for i := lo; i < hi; i++ {
				s := dot(q, f.vecs[i])
				if len(h) < n {
					heap.Push(&h, scored{i, s})
				} else if s > h[0].s {
					h[0] = scored{i, s}
					heap.Fix(&h, 0)
				}
			}
			parts[w] = h
		}()
	}
	wg.Wait()
	var all []scored
	for _, h := range parts {
		all = append(all, h...)
	}
	sort.Slice(all, func(a, b int) bool {
		if all[a].s != all[b].s {
			return all[a].s > all[b].s
		}
		return f.ids[all[a].i] < f.ids[all[b].i]
	})
	out := make([]chromem.Result, 0, n)
	for _, sc := range all[:min(n, len(all))] {
		out = append(out, chromem.Result{ID: f.ids[sc.i], Similarity: sc.s})
	}
	return out
}

// nearUnit reports whether v's length is 1 within float32 rounding.
func nearUnit(v []float32) bool {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Abs(s-1) < 1e-4
}

func dot(a, b []float32) float32 {
	if len(b) < len(a) {
		a = a[:len(b)]
	}
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

type scored struct {
	i int
	s float32
}

// scoreHeap is a min-heap of scores: its root is the weakest kept.
type scoreHeap []scored

func (h scoreHeap) Len() int           { return len(h) }
func (h scoreHeap) Less(i, j int) bool { return h[i].s < h[j].s }
func (h scoreHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scoreHeap) Push(x any)        { *h = append(*h, x.(scored)) }
func (h *scoreHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
