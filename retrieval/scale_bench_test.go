package retrieval

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"paperbot/retrieval/internal/genlib"
)

// scalePapers is the largest library BenchmarkPaperSearch builds.
var scalePapers = flag.Int("scale.papers", 1000, "largest library of full-text synthetic papers in BenchmarkPaperSearch")

// paperQueries are questions over words of the generated papers.
func paperQueries(n int) []string {
	return questionsOver(rand.New(rand.NewPCG(5, 6)), genlib.Vocab(1), n)
}

// BenchmarkPaperSearch asks questions about one full-text synthetic paper
// (genlib, seed 1, paper 0) in libraries of 1, 100 and -scale.papers such
// papers, side by side, with the offline embedder: the cost of a one-paper
// search should depend on the paper, not the library. p50-µs is the median
// search time; index-MB the live heap the index holds; B/passage the live
// heap per passage.
func BenchmarkPaperSearch(b *testing.B) {
	ctx := context.Background()
	queries := paperQueries(64)
	for _, n := range []int{1, 100, *scalePapers} {
		t0 := time.Now()
		papers, err := genlib.Generate(1, n, true)
		if err != nil {
			b.Fatal(err)
		}
		before := heapInUse()
		ix, err := Open(ctx, Options{Logger: quietLogger()})
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Add(ctx, papers...); err != nil {
			b.Fatal(err)
		}
		paper := papers[0].ID
		papers = nil
		ix.Search(ctx, paper, "warm up", 5) // builds the lexical index
		heap := float64(heapInUse() - before)
		b.Logf("papers=%d: %d passages, built in %v", n, ix.Len(), time.Since(t0).Round(time.Millisecond))
		for _, mode := range []Mode{Hybrid, LexicalOnly} {
			b.Run(fmt.Sprintf("papers=%d/mode=%s/one-paper", n, mode), func(b *testing.B) {
				b.ReportAllocs()
				var times []time.Duration
				i := 0
				for b.Loop() {
					t := time.Now()
					if _, err := ix.SearchMode(ctx, paper, queries[i%len(queries)], 5, mode); err != nil {
						b.Fatal(err)
					}
					times = append(times, time.Since(t))
					i++
				}
				slices.Sort(times)
				b.ReportMetric(float64(times[len(times)/2].Nanoseconds())/1e3, "p50-µs")
				b.ReportMetric(heap/(1<<20), "index-MB")
				b.ReportMetric(heap/float64(ix.Len()), "B/passage")
			})
		}
		runtime.KeepAlive(ix)
	}
}
