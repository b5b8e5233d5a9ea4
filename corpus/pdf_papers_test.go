package corpus

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"paperbot/corpus/pdftext"
)

// sharedPapers is where the test PDFs live (see ../shared/papers/README.md).
const sharedPapers = "../../shared/papers"

// needSharedPDFs skips when the test PDFs or pdftotext are missing, but
// fails when CI is set: CI has both.
func needSharedPDFs(t testing.TB) {
	t.Helper()
	_, errTool := exec.LookPath(pdftext.Tool)
	_, errDir := os.Stat(sharedPapers)
	if errTool == nil && errDir == nil {
		return
	}
	msg := fmt.Sprintf("needs pdftotext (poppler-utils) and %s: tool %v, papers %v", sharedPapers, errTool, errDir)
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

var (
	pdfCacheMu sync.Mutex
	pdfCache   = map[string][]byte{}
)

// layoutXHTML runs pdftotext -bbox-layout once per paper per test binary.
func layoutXHTML(t testing.TB, name string) []byte {
	t.Helper()
	pdfCacheMu.Lock()
	defer pdfCacheMu.Unlock()
	if b, ok := pdfCache[name]; ok {
		return b
	}
	out, err := exec.Command(pdftext.Tool, "-bbox-layout", "-enc", "UTF-8", "-q", filepath.Join(sharedPapers, name), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", name, err)
	}
	pdfCache[name] = out
	return out
}

func readSharedPDF(t *testing.T, name string) *Paper {
	t.Helper()
	doc, err := pdftext.LayoutFromXHTML(layoutXHTML(t, name))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ReadLayout(name, doc)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// pdfTruth is what ../shared/papers/README.md and the printed papers say.
var pdfTruth = []struct {
	file     string
	title    string
	authors  []string
	refs     int // entries in the paper's own printed list
	suppRefs int // entries in a supplement's own list
}{
	{"demarchis-2016-multicontact-fes-hand-opening.pdf",
		"Multi-contact functional electrical stimulation for hand opening: electrophysiologically driven identification of the optimal stimulation site",
		[]string{"Cristiano De Marchis", "Thiago Santos Monteiro", "Cristina Simon-Martinez", "Silvia Conforto", "Alireza Gharabaghi"}, 0, 0},
	{"pischalnikov-2018-lcls2-cavity-tuner-test.pdf",
		"Tuner Testing of a Dressed 3.9 GHz Cavity for LCLS-II at Fermilab",
		[]string{"Y. Pischalnikov", "S. Aderhold", "J. P. Holzbauer", "T. Khabiboulline", "W. Schappert", "J. C. Yun", "C. Contreras"}, 5, 0},
	{"branchi-2014-smart-cities-analysis-matrix.pdf",
		"Analysis Matrix for Smart Cities",
		[]string{"Pablo E. Branchi", "Carlos Fernández-Valdivielso", "Ignacio R. Matias"}, 23, 0},
	{"webb-2017-vespa-selective-pressure.pdf",
		"VESPA: Very large-scale Evolutionary and Selective Pressure Analyses",
		[]string{"Andrew E. Webb", "Thomas A. Walsh", "Mary J. O’Connell"}, 0, 0},
	{"douglas-2014-ace-n-domain-inhibitors.pdf",
		"Fragment-based design for the development of N-domain-selective angiotensin-1-converting enzyme inhibitors",
		[]string{"Ross G. Douglas", "Rajni K. Sharma", "Geoffrey Masuyer", "Lizelle Lubbe", "Ismael Zamora", "K. Ravi Acharya", "Kelly Chibale", "Edward D. Sturrock"}, 0, 0},
}

// TestPDFGolden writes what the reader makes of each test PDF; the files
// are read by eye when regenerated with -update.
func TestPDFGolden(t *testing.T) {
	needSharedPDFs(t)
	for _, c := range pdfTruth {
		t.Run(c.file, func(t *testing.T) {
			p := readSharedPDF(t, c.file)
			got := goldenPDF(p)
			path := filepath.Join("testdata", "golden", "pdf", strings.TrimSuffix(c.file, ".pdf")+".txt")
			if *update {
				old, _ := os.ReadFile(path)
				head := ""
				if i := strings.IndexByte(string(old), '\n'); i > 0 && strings.HasPrefix(string(old), "# checked") {
					head = string(old[:i+1])
				}
				if head == "" {
					head = "# checked: NOT YET REVIEWED\n"
				}
				if err := os.WriteFile(path, []byte(head+got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			w := string(want)
			if i := strings.IndexByte(w, '\n'); i >= 0 && strings.HasPrefix(w, "# checked") {
				w = w[i+1:]
			}
			if w != got {
				t.Errorf("%s differs from the reading; rerun with -update and review the diff", path)
			}
		})
	}
}

func goldenPDF(p *Paper) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", p.Title)
	for _, a := range p.Authors {
		fmt.Fprintf(&b, "author: %s\n", a)
	}
	for _, a := range p.Affiliations {
		fmt.Fprintf(&b, "affiliation: %s\n", a)
	}
	fmt.Fprintf(&b, "abstract: %s\n", p.Abstract)
	for _, s := range p.Sections {
		fmt.Fprintf(&b, "section: %d p%d %s\n", s.Level, s.Page, s.Heading)
	}
	for _, bl := range p.Body {
		first := ""
		if len(bl.Sentences) > 0 {
			first = bl.Sentences[0].Text
		}
		fmt.Fprintf(&b, "block: %s p%d [%s] %q\n", bl.Kind, bl.Page, p.SectionHeading(bl.Section), first)
	}
	fmt.Fprintf(&b, "references: %d\n", len(p.References))
	for _, r := range p.References {
		fmt.Fprintf(&b, "ref %d: %s\n", r.N, r.Raw)
	}
	fmt.Fprintf(&b, "supplement references: %d\n", len(p.SupplementReferences))
	for _, r := range p.SupplementReferences {
		fmt.Fprintf(&b, "supplement ref %d: %s\n", r.N, r.Raw)
	}
	for _, a := range p.Anomalies {
		fmt.Fprintf(&b, "note: %s\n", a)
	}
	return b.String()
}
