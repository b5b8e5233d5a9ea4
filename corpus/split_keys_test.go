package corpus

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"paperbot/corpus/pdftext"
)

// keyedPaper is a short paper of our own whose list opens each entry with
// a citation key (LaTeX's alpha style), one entry wrapped over two lines.
const keyedPaper = `Caching Strategies for Small Web Servers

Ana Ruiz

Abstract
We compare three caching strategies for small web servers. Least-recently-used caching halves median latency.

1 Introduction
Caching is an old idea [Bel66]. Least-recently-used eviction is the usual choice [ONe93, Jia02].
Adaptive replacement improves on it for scans [Meg03]. A survey [Xyz99] is not in the list.

References
[Bel66] L. A. Belady. A study of replacement algorithms for a virtual-storage computer.
IBM Systems Journal, 5(2):78–101, 1966.
[Jia02] S. Jiang and X. Zhang. LIRS: an efficient low inter-reference recency set replacement policy. In SIGMETRICS, pages 31–42, 2002.
[Meg03] N. Megiddo and D. S. Modha. ARC: a self-tuning, low overhead replacement cache. In FAST, 2003.
[ONe93] E. J. O'Neil, P. E. O'Neil, and G. Weikum. The LRU-K page replacement algorithm for database disk buffering. In SIGMOD, pages 297–306, 1993.
`

func TestKeyedList(t *testing.T) {
	p, err := Parse("keyed.txt", []byte(keyedPaper))
	if err != nil {
		t.Fatal(err)
	}
	checkKeyed(t, p)
	var cites [][]int
	for _, b := range p.Body {
		for _, s := range b.Sentences {
			cites = append(cites, s.Cites)
		}
	}
	want := [][]int{{1}, {2, 4}, {3}, nil}
	if !slices.EqualFunc(cites, want, func(a, b []int) bool { return slices.Equal(a, b) }) {
		t.Errorf("cites %v, want %v", cites, want)
	}
	if !slices.ContainsFunc(p.Anomalies, func(a string) bool { return strings.HasPrefix(a, "1 in-text citation marker could not be resolved") }) {
		t.Errorf("the unknown key [Xyz99] is not counted in the notes: %v", p.Anomalies)
	}
}

func checkKeyed(t *testing.T, p *Paper) {
	t.Helper()
	var keys []string
	for _, r := range p.References {
		keys = append(keys, r.Key)
	}
	if !slices.Equal(keys, []string{"Bel66", "Jia02", "Meg03", "ONe93"}) {
		t.Fatalf("keys %v (anomalies %v)", keys, p.Anomalies)
	}
	if r := p.References[0]; r.N != 1 || r.Year != "1966" || !strings.HasPrefix(r.Title, "A study of replacement algorithms") || strings.Contains(r.Raw, "[Bel66]") {
		t.Errorf("entry 1: %+v", r)
	}
	if !slices.ContainsFunc(p.Anomalies, func(a string) bool { return strings.Contains(a, "keyed ([Bel66]") }) {
		t.Errorf("no note on the keyed list: %v", p.Anomalies)
	}
}

func TestKeyedListPDF(t *testing.T) {
	if !pdftext.Available() {
		if os.Getenv("CI") != "" {
			t.Fatal("needs pdftotext (poppler-utils); CI must have it")
		}
		t.Skip("needs pdftotext (poppler-utils)")
	}
	ls := strings.Split(strings.TrimSpace(keyedPaper), "\n")
	at := slices.Index(ls, "References")
	var front []string
	for _, l := range ls[:at] {
		if l != "" {
			front = append(front, l)
		}
	}
	pdf := pdftext.MakePDF([][]string{front, ls[at:]})
	p, err := ParsePDF(context.Background(), "keyed.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	checkKeyed(t, p)
}
