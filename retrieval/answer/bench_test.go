package answer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"paperbot/corpus"
	"paperbot/retrieval"
)

// BenchmarkAsk is one offline answer on the default paper, question to
// rendered text (retrieval with the offline embedder, abstention, extract).
// It also reports the median and 99th percentile latency.
func BenchmarkAsk(b *testing.B) {
	e := newTestEngine(b, Options{})
	qs := []string{
		"Are China and Russia competing there?",
		"What does soft power mean?",
		"What happened at the first China-Central Asia summit?",
		"What is the capital of Brazil?",
	}
	benchQuestions(b, e, "", append(qs, "What is this paper about?", "Which sources discuss soft power?", "waht is soft pwoer"))
}

// BenchmarkAskLongPaper is one offline answer on a synthetic paper of about
// twenty pages (600 body sentences, 60 references). Target: p50 ≤ 10 ms.
func BenchmarkAskLongPaper(b *testing.B) {
	p := bodyPaper()
	p.ID = "long-paper"
	words := strings.Fields("drain storm runoff basin soil plant slope street roof gutter depth flood season logger sensor curb " +
		"clay gravel mulch overflow pipe culvert rainfall intensity volume meter budget council resident survey map model")
	var blocks []corpus.Block
	for i := 0; i < 600; i++ {
		w := func(k int) string { return words[(i*7+k*13)%len(words)] }
		s := corpus.BodySentence{Text: fmt.Sprintf("The %s near the %s changed the %s and the %s by %d%% in block %d.", w(1), w(2), w(3), w(4), i%97, i)}
		if i%3 == 0 {
			s.Cites = []int{1 + i%60}
		}
		blocks = append(blocks, corpus.Block{Kind: corpus.BlockParagraph, Section: (i / 150) % len(p.Sections), Sentences: []corpus.BodySentence{s}})
	}
	p.Body = blocks
	for n := 6; n <= 60; n++ {
		p.References = append(p.References, corpus.Reference{N: n, Raw: fmt.Sprintf("Author%d, A. (2010). On %s and %s. Journal, 1, 1-2.", n, words[n%len(words)], words[(n*5)%len(words)]),
			Authors: []string{fmt.Sprintf("Author%d, A.", n)}, Year: "2010", Title: fmt.Sprintf("On %s and %s", words[n%len(words)], words[(n*5)%len(words)])})
	}
	ix, err := retrieval.Open(context.Background(), retrieval.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := ix.Add(context.Background(), p); err != nil {
		b.Fatal(err)
	}
	e := New(corpus.NewLibrary(p), ix, Options{})
	benchQuestions(b, e, p.ID, []string{
		"How did the culvert change the rainfall intensity?",
		"Which sources discuss clay and gravel?",
		"What are the main findings?",
		"What did Napoleon say about gutters?",
	})
}

func benchQuestions(b *testing.B, e *Engine, paperID string, qs []string) {
	ctx := context.Background()
	var lat []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := e.Ask(ctx, Request{PaperID: paperID, Question: qs[i%len(qs)]}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	slices.Sort(lat)
	if n := len(lat); n > 0 {
		b.ReportMetric(float64(lat[n/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(lat[n*99/100].Microseconds()), "p99-µs")
	}
}
