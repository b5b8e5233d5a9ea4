package retrieval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"paperbot/corpus"
)

// synthVocab is a deterministic vocabulary of pseudo-words.
func synthVocab(n int, r *rand.Rand) []string {
	const cons, vows = "bcdfghklmnprstvz", "aeiou"
	vocab := make([]string, n)
	for i := range vocab {
		var b strings.Builder
		for s := 0; s < 2+r.IntN(3); s++ {
			b.WriteByte(cons[r.IntN(len(cons))])
			b.WriteByte(vows[r.IntN(len(vows))])
		}
		b.WriteByte(cons[r.IntN(len(cons))])
		vocab[i] = b.String()
	}
	return vocab
}

// synthCorpus builds papers totalling about n passages (17 abstract
// sentences, 12 references and a metadata passage per paper, as the seed),
// with Zipf-distributed words.
func synthCorpus(n int) []*corpus.Paper {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := synthVocab(20000, r)
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	sentence := func(words int) string {
		ws := make([]string, words)
		for i := range ws {
			ws[i] = vocab[zipf.Uint64()]
		}
		ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
		return strings.Join(ws, " ") + "."
	}
	const perPaper = 30
	papers := make([]*corpus.Paper, 0, n/perPaper+1)
	for id := 0; len(papers)*perPaper < n; id++ {
		p := &corpus.Paper{ID: fmt.Sprintf("paper-%05d", id), Title: sentence(6), Authors: []string{"A. Writer"}}
		var abs []string
		for s := 0; s < 17; s++ {
			abs = append(abs, sentence(12+r.IntN(15)))
		}
		p.Abstract = strings.Join(abs, " ")
		for k := 1; k <= 12; k++ {
			title := sentence(8)
			p.References = append(p.References, corpus.Reference{
				N: k, Raw: fmt.Sprintf("Writer, A. (20%02d). %s Journal of %s.", k, title, vocab[r.IntN(len(vocab))]),
				Title: title, Year: fmt.Sprintf("20%02d", k),
				URL: fmt.Sprintf("https://example.org/%s-%s", vocab[r.IntN(len(vocab))], vocab[r.IntN(len(vocab))]),
			})
		}
		papers = append(papers, p)
	}
	return papers
}

// synthQueries are questions over the synthetic vocabulary.
func synthQueries(n int) []string {
	r := rand.New(rand.NewPCG(3, 4))
	return questionsOver(r, synthVocab(20000, rand.New(rand.NewPCG(1, 2))), n)
}

// questionsOver returns n questions "what does the paper say about …?"
// ending in two to five words that r draws from the first 2,000 of vocab.
func questionsOver(r *rand.Rand, vocab []string, n int) []string {
	qs := make([]string, n)
	for i := range qs {
		ws := []string{"what", "does", "the", "paper", "say", "about"}
		for j := 0; j < 2+r.IntN(4); j++ {
			ws = append(ws, vocab[r.IntN(2000)])
		}
		qs[i] = strings.Join(ws, " ") + "?"
	}
	return qs
}

// heapInUse is the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkSearch measures one question against indexes of synthetic
// passages, built with the offline embedder. index-MB is the live heap the
// index holds.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	queries := synthQueries(64)
	type setup struct {
		size  int
		dim   int
		modes []Mode
		one   bool // also search within one paper
	}
	for _, st := range []setup{
		{30, DefaultDim, []Mode{Hybrid}, false},
		{3000, DefaultDim, []Mode{Hybrid}, false},
		{30000, DefaultDim, Modes, true},
		{30000, 128, []Mode{Hybrid}, false}, // the dimension trade-off
	} {
		papers := synthCorpus(st.size)
		before := heapInUse()
		ix, err := Open(ctx, Options{Embed: HashEmbedder(st.dim), EmbedderID: HashEmbedderID(st.dim), Logger: quietLogger()})
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Add(ctx, papers...); err != nil {
			b.Fatal(err)
		}
		ix.Search(ctx, "", "warm up", 5) // builds the lexical index
		indexMB := float64(heapInUse()-before) / (1 << 20)
		scopes := []string{"all"}
		if st.one {
			scopes = append(scopes, "one-paper")
		}
		for _, mode := range st.modes {
			for _, scope := range scopes {
				paper := ""
				if scope == "one-paper" {
					paper = papers[len(papers)/2].ID
				}
				b.Run(fmt.Sprintf("passages=%d/dim=%d/mode=%s/%s", ix.Len(), st.dim, mode, scope), func(b *testing.B) {
					b.ReportAllocs()
					i := 0
					cpu0 := processCPU()
					for b.Loop() {
						if _, err := ix.SearchMode(ctx, paper, queries[i%len(queries)], 5, mode); err != nil {
							b.Fatal(err)
						}
						i++
					}
					reportCPU(b, cpu0)
					b.ReportMetric(indexMB, "index-MB")
				})
			}
		}
		runtime.KeepAlive(ix)
	}
}

// BenchmarkBuild30k measures building a 30,000-passage in-memory index with
// the offline embedder (passages, embeddings, chromem-go, BM25).
func BenchmarkBuild30k(b *testing.B) {
	ctx := context.Background()
	papers := synthCorpus(30000)
	b.ReportAllocs()
	var cpu0 time.Duration
	for b.Loop() {
		if cpu0 == 0 {
			cpu0 = processCPU()
		}
		ix, err := Open(ctx, Options{Logger: quietLogger()})
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Add(ctx, papers...); err != nil {
			b.Fatal(err)
		}
		ix.Search(ctx, "", "warm up", 1) // includes the lexical index build
		if ix.Len() != 30000 {
			b.Fatalf("%d passages", ix.Len())
		}
	}
	reportCPU(b, cpu0)
}

// reportCPU reports the process CPU time per operation since cpu0 (all
// goroutines, GC included): on a shared, loaded machine it is steadier than
// wall time, and wall time on an idle machine is at most this much.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	if cpu := processCPU(); cpu > 0 && b.N > 0 {
		b.ReportMetric(float64(cpu-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

// BenchmarkSaveLoad30k measures writing a 30k index file and opening it
// again (checksum, decode, vectors into chromem-go, terms), and reports the
// file size.
func BenchmarkSaveLoad30k(b *testing.B) {
	ctx := context.Background()
	path := b.TempDir() + "/index.bin"
	ix, _ := Open(ctx, Options{Path: path, Logger: quietLogger()})
	if err := ix.Add(ctx, synthCorpus(30000)...); err != nil {
		b.Fatal(err)
	}
	var save, open time.Duration
	for b.Loop() {
		t0 := time.Now()
		if err := ix.Save(); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		ix2, err := Open(ctx, Options{Path: path, Logger: quietLogger()})
		if err != nil || ix2.Len() != 30000 {
			b.Fatalf("reopen: %v, %d passages", err, ix2.Len())
		}
		save += t1.Sub(t0)
		open += time.Since(t1)
	}
	b.ReportMetric(float64(save.Milliseconds())/float64(b.N), "save-ms/op")
	b.ReportMetric(float64(open.Milliseconds())/float64(b.N), "open-ms/op")
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
	}
}

// BenchmarkSearchSeed is one hybrid search on the default paper with the
// offline embedder, for questions that take each path of the query
// analyser: plain, a typo to correct, words the paper lacks with synonyms
// it uses, another language. It reports the median latency.
func BenchmarkSearchSeed(b *testing.B) {
	ix := openMem(b, corpus.Default())
	ctx := context.Background()
	for name, q := range map[string]string{
		"plain":    "Are China and Russia competing in Central Asia?",
		"typo":     "waht is soft pwoer and who cmae up with it",
		"synonyms": "Which country is a rival of Beijing in the area?",
		"foreign":  "¿Quién inventó el concepto de poder blando?",
	} {
		b.Run(name, func(b *testing.B) {
			if _, err := ix.Search(ctx, "", q, 5); err != nil { // warm: vocabulary, lexicon
				b.Fatal(err)
			}
			var lat []time.Duration
			b.ReportAllocs()
			for b.Loop() {
				start := time.Now()
				if _, err := ix.Search(ctx, "", q, 5); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
		})
	}
}

// BenchmarkAnalyzeQuery is the query analyser alone on the default paper's
// vocabulary, with a typo to correct.
func BenchmarkAnalyzeQuery(b *testing.B) {
	v := seedVocabulary(b)
	AnalyzeQuery("warm up", v)
	b.ReportAllocs()
	for b.Loop() {
		AnalyzeQuery("waht is soft pwoer and who cmae up with it", v)
	}
}
