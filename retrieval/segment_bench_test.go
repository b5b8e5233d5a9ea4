package retrieval

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"paperbot/corpus"
	"paperbot/retrieval/internal/genlib"
)

// savedLibrary builds and saves an index of n full-text synthetic papers
// (genlib seed 1) at a temporary path and returns its options.
func savedLibrary(b *testing.B, n int) (Options, []*corpus.Paper) {
	b.Helper()
	ctx := context.Background()
	papers, err := genlib.Generate(1, n, true)
	if err != nil {
		b.Fatal(err)
	}
	opt := Options{Path: filepath.Join(b.TempDir(), "index.bin"), Logger: quietLogger()}
	ix, err := Open(ctx, opt)
	if err != nil {
		b.Fatal(err)
	}
	t := time.Now()
	if err := ix.Add(ctx, papers...); err != nil {
		b.Fatal(err)
	}
	if err := ix.Save(); err != nil {
		b.Fatal(err)
	}
	b.Logf("papers=%d: %d passages, built and saved in %v", n, ix.Len(), time.Since(t).Round(time.Millisecond))
	return opt, papers
}

// BenchmarkSegments measures the index on disk at 1 and -scale.papers
// full-text synthetic papers, side by side:
//
//   - open-search: Open (the manifest only) and the first search about one
//     paper (its segment read, its BM25 index built), in a fresh Index;
//     heap-MB is the live heap the Index holds afterwards.
//   - start: what a process start does in the index layer: Open, Attach
//     of every paper (unchanged; compared lazily), and the first search
//     about one paper (its segment read and compared with its text).
//   - start-checkall: the same with Add, which computes and hashes every
//     paper's passages (what `paperbot index` does), no segment read.
//   - ingest: Add of one new full-text paper and Save (its segment and the
//     manifest); the paper is removed again untimed.
func BenchmarkSegments(b *testing.B) {
	ctx := context.Background()
	extra, err := genlib.Generate(2, 8, true)
	if err != nil {
		b.Fatal(err)
	}
	for i, p := range extra {
		p.ID = fmt.Sprintf("extra-%d", i)
	}
	for _, n := range []int{1, *scalePapers} {
		opt, papers := savedLibrary(b, n)
		paper := papers[0].ID
		b.Run(fmt.Sprintf("papers=%d/open-search", n), func(b *testing.B) {
			var heap uint64
			for b.Loop() {
				b.StopTimer()
				before := heapInUse()
				b.StartTimer()
				ix, err := Open(ctx, opt)
				if err != nil {
					b.Fatal(err)
				}
				if hits, err := ix.Search(ctx, paper, "what does the paper say about the method", 5); err != nil || len(hits) == 0 {
					b.Fatalf("search: %v %v", hits, err)
				}
				b.StopTimer()
				heap = heapInUse() - before
				runtime.KeepAlive(ix)
				b.StartTimer()
			}
			b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
		})
		b.Run(fmt.Sprintf("papers=%d/start", n), func(b *testing.B) {
			for b.Loop() {
				ix, err := Open(ctx, opt)
				if err != nil {
					b.Fatal(err)
				}
				if err := ix.Attach(ctx, nil, papers...); err != nil {
					b.Fatal(err)
				}
				if ix.Dirty() {
					b.Fatal("unchanged papers made the index dirty")
				}
				if _, err := ix.Search(ctx, paper, "what does the paper say about the method", 5); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("papers=%d/start-checkall", n), func(b *testing.B) {
			for b.Loop() {
				ix, err := Open(ctx, opt)
				if err != nil {
					b.Fatal(err)
				}
				if err := ix.Add(ctx, papers...); err != nil {
					b.Fatal(err)
				}
				if ix.Dirty() {
					b.Fatal("unchanged papers made the index dirty")
				}
				if _, err := ix.Search(ctx, paper, "what does the paper say about the method", 5); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("papers=%d/ingest", n), func(b *testing.B) {
			ix, err := Open(ctx, opt)
			if err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				p := extra[i%len(extra)]
				i++
				if err := ix.Add(ctx, p); err != nil {
					b.Fatal(err)
				}
				if err := ix.Save(); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if err := ix.Remove(ctx, p.ID); err != nil {
					b.Fatal(err)
				}
				if err := ix.Save(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}
