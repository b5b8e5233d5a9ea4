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
		[]string{"Cristiano De Marchis", "Thiago Santos Monteiro", "Cristina Simon-Martinez", "Silvia Conforto", "Alireza Gharabaghi"}, 49, 0},
	{"pischalnikov-2018-lcls2-cavity-tuner-test.pdf",
		"Tuner Testing of a Dressed 3.9 GHz Cavity for LCLS-II at Fermilab",
		[]string{"Y. Pischalnikov", "S. Aderhold", "J. P. Holzbauer", "T. Khabiboulline", "W. Schappert", "J. C. Yun", "C. Contreras"}, 5, 0},
	{"branchi-2014-smart-cities-analysis-matrix.pdf",
		"Analysis Matrix for Smart Cities",
		[]string{"Pablo E. Branchi", "Carlos Fernández-Valdivielso", "Ignacio R. Matias"}, 23, 0},
	{"webb-2017-vespa-selective-pressure.pdf",
		"VESPA: Very large-scale Evolutionary and Selective Pressure Analyses",
		[]string{"Andrew E. Webb", "Thomas A. Walsh", "Mary J. O’Connell"}, 24, 0},
	{"douglas-2014-ace-n-domain-inhibitors.pdf",
		"Fragment-based design for the development of N-domain-selective angiotensin-1-converting enzyme inhibitors",
		[]string{"Ross G. Douglas", "Rajni K. Sharma", "Geoffrey Masuyer", "Lizelle Lubbe", "Ismael Zamora", "K. Ravi Acharya", "Kelly Chibale", "Edward D. Sturrock"}, 52, 4},
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

// sidePanelWords are what a journal prints beside the text (dates,
// licence, correspondence) and never belong in an abstract.
var sidePanelWords = []string{"Submitted", "Accepted", "Published", "Citation:", "Creative Commons", "Correspondence", "Corresponding author", "licence", "©"}

// TestPDFPapers checks each test PDF against what is printed in it: title,
// authors in order, the printed reference count (a supplement's list
// apart), an abstract free of side-panel and body text, and sections.
func TestPDFPapers(t *testing.T) {
	needSharedPDFs(t)
	for _, c := range pdfTruth {
		t.Run(c.file, func(t *testing.T) {
			p := readSharedPDF(t, c.file)
			if p.Title != c.title {
				t.Errorf("title %q, want %q", p.Title, c.title)
			}
			if strings.Join(p.Authors, "; ") != strings.Join(c.authors, "; ") {
				t.Errorf("authors %q, want %q", p.Authors, c.authors)
			}
			if len(p.References) != c.refs || len(p.SupplementReferences) != c.suppRefs {
				t.Errorf("references %d (supplement %d), want %d (%d); notes %q", len(p.References), len(p.SupplementReferences), c.refs, c.suppRefs, p.Anomalies)
			}
			for i, r := range p.References {
				if r.N != i+1 {
					t.Errorf("reference %d is numbered %d", i+1, r.N)
					break
				}
			}
			for _, w := range sidePanelWords {
				if strings.Contains(p.Abstract, w) {
					t.Errorf("abstract holds side-panel text %q: %s", w, p.Abstract)
				}
			}
			// The abstract ends where the body begins: no section heading inside it.
			for _, s := range p.Sections {
				if len(s.Heading) > 6 && strings.Contains(p.Abstract, s.Heading+" ") {
					t.Errorf("abstract runs into section %q", s.Heading)
				}
			}
			if a := strings.TrimSpace(p.Abstract); a != "" && !strings.ContainsAny(a[len(a)-1:], ".?!") {
				t.Errorf("abstract does not end a sentence (keywords or body glued on?): …%s", a[max(0, len(a)-80):])
			}
			if len(p.Abstract) < 400 {
				t.Errorf("abstract too short (%d bytes): %q", len(p.Abstract), p.Abstract)
			}
			if len(p.Sections) < 4 {
				t.Errorf("%d sections found: %+v", len(p.Sections), p.Sections)
			}
			for _, s := range p.Sections {
				if s.Page < 1 || s.Level < 1 {
					t.Errorf("section %+v has no page or level", s)
				}
			}
			paras := 0
			for _, b := range p.Body {
				if b.Kind == BlockParagraph {
					paras++
				}
			}
			if paras < 10 {
				t.Errorf("%d body paragraphs", paras)
			}
		})
	}
}

// BenchmarkReadLayout20Pages reads a 20-page PDF's layout (the 16-page
// PeerJ paper and the first 4 pages of the BMC paper) without running
// pdftotext: its output is read once and cached.
func BenchmarkReadLayout20Pages(b *testing.B) {
	needSharedPDFs(b)
	webb := layoutXHTML(b, "webb-2017-vespa-selective-pressure.pdf")
	bmc := layoutXHTML(b, "demarchis-2016-multicontact-fes-hand-opening.pdf")
	// Splice: the webb document's pages, then four pages of the other.
	end := strings.LastIndex(string(webb), "</doc>")
	var extra []string
	rest := string(bmc)
	for len(extra) < 4 {
		i := strings.Index(rest, "<page ")
		j := strings.Index(rest, "</page>")
		if i < 0 || j < 0 {
			b.Fatal("fewer than 4 pages")
		}
		extra = append(extra, rest[i:j+len("</page>")])
		rest = rest[j+len("</page>"):]
	}
	xhtml := []byte(string(webb[:end]) + strings.Join(extra, "\n") + string(webb[end:]))
	doc, err := pdftext.ParseLayout(xhtml)
	if err != nil || len(doc.Pages) != 20 {
		b.Fatalf("pages %d, err %v", len(doc.Pages), err)
	}
	b.SetBytes(int64(len(xhtml)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := pdftext.LayoutFromXHTML(xhtml)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ReadLayout("bench.pdf", doc); err != nil {
			b.Fatal(err)
		}
	}
}
