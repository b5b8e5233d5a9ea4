package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that the reader never panics, and that whatever it
// returns is self-consistent and formats without panicking.
//
// Run: go test -run=^$ -fuzz=FuzzParse -fuzztime=15s -fuzzminimizetime=1s ./corpus
//
// Without -fuzzminimizetime the fuzzer may spend the whole short run
// minimising its first new input (the seeds are whole papers), so few
// inputs get executed; the run still passes.
func FuzzParse(f *testing.F) {
	f.Add(DefaultText())
	files, _ := filepath.Glob(filepath.Join("testdata", "papers", "*.txt"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"", "References", "References\n1.", "References\n[1]", "References\n1)\n2)",
		"T\n\nReferences\n1. https://x.org/a-\n2. https://x.org/ b\n",
		"T\n\nAbstract: x.\n\nReferences\n1. \"Q,\" 2020.\n1993. \n2. (n.d.).\n",
		"References\n1. Smith, J. (2020). Title? X. Y. Z. doi: 10.1/ab\n3. ]] [[ “ ” ) (\n",
		"References\n1. Nye, J. S. (2021). A. https://doi.org/https://doi.org/10.1080/x\n2. https://doi.org/10.1080/x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.txt", data)
		if err != nil {
			if p != nil || !IsUnreadable(err) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("bad error: %v", err)
			}
			return
		}
		if len(p.References) == 0 || p.ID == "" {
			t.Fatalf("paper without references or id: %+v", p)
		}
		prev := -1
		for i := range p.References {
			r := &p.References[i]
			if r.N <= prev {
				t.Fatalf("numbers not increasing: %d after %d", r.N, prev)
			}
			prev = r.N
			if r.Authors == nil || r.Notes == nil {
				t.Fatal("nil slices")
			}
			if _, err := p.Ref(r.N); err != nil {
				t.Fatal(err)
			}
			if n := utf8.RuneCountInString(r.Short()); n > maxShort {
				t.Fatalf("Short too long: %d", n)
			}
			if i >= 40 {
				continue // formatting is per reference; BibTeX keys scan earlier entries
			}
			for _, s := range Styles {
				out := FormatRef(s, p, r)
				if s == StyleBibTeX && !balanced(out) {
					t.Fatalf("unbalanced bibtex: %s", out)
				}
			}
		}
		for _, s := range Styles {
			_ = FormatPaper(s, p)
		}
		for _, sp := range Sentences(p.Abstract) {
			if p.Abstract[sp.Start:sp.End] != sp.Text {
				t.Fatalf("bad span %+v", sp)
			}
		}
		_ = p.FindRefs(string(data[:min(len(data), 20)]))
	})
}
