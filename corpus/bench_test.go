package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paperbot/corpus/refparse"
)

// synthetic builds a paper with n references mixing the seed's styles.
func synthetic(n int) []byte {
	var b strings.Builder
	b.WriteString("A Synthetic Paper\n\nA. Author\n\nAbstract\n\n")
	b.WriteString(strings.Repeat("This is a sentence of the abstract. ", 30))
	b.WriteString("\n\nReferences\n\n")
	for i := 1; i <= n; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "%d. Author%d, A. B. (2019). A title about topic %d. Journal of Things, %d(2), 1-13.\nhttps://doi.org/https://doi.org/10.1000/abc.%d\n", i, i, i, i%40, i)
		case 1:
			fmt.Fprintf(&b, "%d. Some organisation report number %d. (2023). The Ministry of Examples. Retrieved 17 April 2024 from\nhttps://www.example.org/reports/%d/index.html\n", i, i, i)
		case 2:
			fmt.Fprintf(&b, "%d. Smith, J., & Doe, A. (2020). Wrapped title that goes on\nand on over two lines %d. Public Affairs.\n", i, i)
		default:
			fmt.Fprintf(&b, "%d. Zogg, B. (2019). Question? Answer %d in Central Asia. The Diplomat. Retrieved 5 March 2024 from https://thediplomat.com/2019/11/x-%d/\n", i, i, i)
		}
	}
	return []byte(b.String())
}

// BenchmarkParse/seed reads the embedded default paper, whose entries'
// labels come from the build-time cache (default_labels.go); seed-labelled
// reads the same text with the labeller run on every entry, as for any
// uploaded paper.
func BenchmarkParse(b *testing.B) {
	for _, c := range []struct {
		name string
		data []byte
	}{{"seed", DefaultText()}, {"seed-labelled", DefaultText()}, {"synthetic500", synthetic(500)}, {"body", bodyText(b)}} {
		b.Run(c.name, func(b *testing.B) {
			if c.name == "seed-labelled" {
				cached := defaultLabels
				defaultLabels = func() map[string]refparse.Labelled { return nil }
				defer func() { defaultLabels = cached }()
			}
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse("bench.txt", c.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// bodyText is a synthetic paper with a body and author–year citations.
func bodyText(b *testing.B) []byte {
	d, err := os.ReadFile(filepath.Join("testdata", "papers", "reading-circles.txt"))
	if err != nil {
		b.Fatal(err)
	}
	return d
}

func TestSynthetic500(t *testing.T) {
	p, err := Parse("s.txt", synthetic(500))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.References) != 500 || p.References[499].N != 500 {
		t.Fatalf("got %d references", len(p.References))
	}
	if r := p.References[3]; r.DOI != "10.1000/abc.4" || r.Year != "2019" {
		t.Errorf("[4] %+v", r)
	}
}
