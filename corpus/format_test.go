package corpus

import (
	"flag"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"paperbot/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenPapers are the papers whose every citation is pinned.
func goldenPapers(t *testing.T) []*Paper {
	t.Helper()
	out := []*Paper{Default()}
	for _, c := range paperCases {
		p, err := ParseFile(filepath.Join("testdata", "papers", c.file))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// TestGolden pins every format's output for every reference and for the
// paper itself. Run `go test ./corpus -run TestGolden -update` after an
// intended change and review the diff.
func TestGolden(t *testing.T) {
	for _, p := range goldenPapers(t) {
		for _, s := range Styles {
			var b strings.Builder
			fmt.Fprintf(&b, "# %s — %s\n\n## paper\n%s\n", p.ID, s, FormatPaper(s, p))
			for _, r := range p.References {
				fmt.Fprintf(&b, "\n## [%d]\n%s\n", r.N, FormatRef(s, p, &r))
			}
			path := filepath.Join("testdata", "golden", p.ID+"."+string(s)+".golden")
			testutil.Golden(t, path, b.String(), *update)
		}
	}
}

var badOutput = regexp.MustCompile(`undefined|\(\)|\(\s*\)|, ,|,\.|\.\.|,\s*$|""|\[\]|  |null|<nil>`)

// TestFormatsDegradeGracefully checks every citation of every paper and of
// sparse references for the marks of missing fields.
func TestFormatsDegradeGracefully(t *testing.T) {
	var refs []*Reference
	papers := goldenPapers(t)
	for _, p := range papers {
		for i := range p.References {
			refs = append(refs, &p.References[i])
		}
	}
	sparse := []*Reference{
		{N: 1},
		{N: 2, Title: "Only a title"},
		{N: 3, Authors: []string{"Nye, J. S."}},
		{N: 4, URL: "https://example.org/x_{y}%"},
		{N: 5, Year: "2020", Venue: "Press"},
		{N: 6, Title: "Ends with a question?", Authors: []string{"A. Smith", "B. Jones", "C. Lee", "D. Kim", "E. Wu", "F. Li", "G. Ng"}},
		{N: 7, Title: "Special & chars: 50% of $5 #1 under_score {braces} ~ ^ \\", Authors: []string{"World Health Organization"}},
		{N: 8, Title: "Dated", Accessed: "sometime last spring", URL: "https://example.org"},
	}
	refs = append(refs, sparse...)
	for _, s := range Styles {
		for _, r := range refs {
			out := FormatRef(s, papers[0], r)
			if out == "" && (r.Title != "" || len(r.Authors) > 0) {
				t.Errorf("%s [%d]: empty output", s, r.N)
			}
			check := out
			if s == StyleBibTeX {
				check = strings.ReplaceAll(out, "{{", "{") // title protection braces are intended
				if !balanced(out) {
					t.Errorf("bibtex [%d] unbalanced braces:\n%s", r.N, out)
				}
			}
			if loc := badOutput.FindStringIndex(strings.ReplaceAll(check, "\n  ", "\n")); loc != nil && !strings.Contains(r.Raw, check[loc[0]:loc[1]]) && !strings.Contains(r.Title, check[loc[0]:loc[1]]) {
				t.Errorf("%s [%d]: suspicious %q in %q", s, r.N, check[loc[0]:loc[1]], out)
			}
		}
	}
	for _, p := range papers {
		for _, s := range Styles {
			if out := FormatPaper(s, p); out == "" || badOutput.MatchString(strings.ReplaceAll(out, "{{", "{")) && s != StyleBibTeX {
				t.Errorf("%s paper %s: %q", s, p.ID, out)
			}
		}
	}
	if got := FormatPaper(StyleAPA, &Paper{Title: "Bare"}); got != "Bare. (n.d.)." {
		t.Errorf("bare paper APA = %q", got)
	}
}

// balanced reports whether the braces of a BibTeX entry are balanced,
// ignoring escaped \{ and \}.
func balanced(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

func TestBibTeXEscapingAndKeys(t *testing.T) {
	r := &Reference{N: 7, Title: "Special & chars: 50% of $5 #1 under_score {braces} ~ ^ \\", Authors: []string{"World Health Organization"}, Year: "2020"}
	out := FormatRef(StyleBibTeX, nil, r)
	for _, want := range []string{
		"@misc{worldhealth2020special,",
		`title = {{Special \& chars: 50\% of \$5 \#1 under\_score \{braces\} \textasciitilde{} \textasciicircum{} \textbackslash{}}}`,
		"author = {{World Health Organization}}",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	p := Default()
	keys := map[string]int{}
	re := regexp.MustCompile(`^@\w+\{([^,]+),`)
	for _, r := range p.References {
		m := re.FindStringSubmatch(FormatRef(StyleBibTeX, p, &r))
		if m == nil {
			t.Fatalf("[%d] no key", r.N)
		}
		if prev, dup := keys[m[1]]; dup {
			t.Errorf("key %q used by [%d] and [%d]", m[1], prev, r.N)
		}
		keys[m[1]] = r.N
	}
	if r, _ := p.Ref(15); !strings.HasPrefix(FormatRef(StyleBibTeX, p, r), "@book{nye2004soft,") {
		t.Errorf("[15] key: %s", FormatRef(StyleBibTeX, p, r))
	}
}

// An edited book cited by its editors keeps them marked as editors in
// every format.
func TestEditedBookCitation(t *testing.T) {
	p := parseRefs(t, "T\n\nReferences\n1. Halvorsen, K. (Ed.). (2014). Coastal towns and their harbours. Bergen: Fjord Press.\n2. Ruiz, M., & Park, J. (Eds.). (2009). Reading the tides. Lisbon: Mar Editora.\n")
	if len(p.References) != 2 {
		t.Fatalf("got %d entries", len(p.References))
	}
	if r := p.References[0]; len(r.Authors) != 0 || len(r.Editors) != 1 || r.Short() != "Halvorsen (ed.) 2014, Coastal towns and their harbours" {
		// The annotation of the training data keeps editors apart from
		// authors, and so does the reference: the citations print them.
		t.Errorf("[1] authors %q editors %q short %q", r.Authors, r.Editors, r.Short())
	}
	for i, want := range map[int][]string{
		0: {"K. Halvorsen, Ed., ", "Halvorsen, K. (Ed.). (2014).", "Halvorsen, K., editor.", "editor = {Halvorsen, K.}"},
		1: {"M. Ruiz and J. Park, Eds., ", "Ruiz, M., & Park, J. (Eds.). (2009).", "Ruiz, M., and J. Park, editors.", "editor = {Ruiz, M. and Park, J.}"},
	} {
		r := &p.References[i]
		for k, style := range []Style{StyleIEEE, StyleAPA, StyleMLA, StyleBibTeX} {
			if out := FormatRef(style, p, r); !strings.Contains(out, want[k]) {
				t.Errorf("[%d] %v: %q lacks %q", r.N, style, out, want[k])
			}
		}
	}
}

// A corporate author opening an entry, which the labeller reads as the
// publisher, is the entry's author.
func TestOrgAuthorBeforeYear(t *testing.T) {
	p := parseRefs(t, "T\n\nReferences\n1. Northern Coast University Press (2016) Style guide for field reports. Available at: https://press.example.org/guide (Accessed: 3 March 2019).\n2. Berg, A. (2010). Fjords. Oslo: Nordic Press.\n")
	if len(p.References) != 2 {
		t.Fatalf("got %d entries", len(p.References))
	}
	if r := p.References[0]; len(r.Authors) != 1 || r.Authors[0] != "Northern Coast University Press" || r.Venue != "" || r.Title != "Style guide for field reports" {
		t.Errorf("[1] authors %q venue %q title %q", r.Authors, r.Venue, r.Title)
	}
	if r := p.References[1]; len(r.Authors) != 1 || r.Venue != "Nordic Press" {
		t.Errorf("[2] authors %q venue %q", r.Authors, r.Venue)
	}
}

func TestParseStyle(t *testing.T) {
	for in, want := range map[string]Style{"ieee": StyleIEEE, "APA": StyleAPA, " mla ": StyleMLA, "bibtex": StyleBibTeX, "bib": StyleBibTeX} {
		if got, err := ParseStyle(in); err != nil || got != want {
			t.Errorf("ParseStyle(%q) = %q, %v", in, got, err)
		}
	}
	_, err := ParseStyle("chicago")
	if err == nil || !strings.Contains(err.Error(), "use one of ieee, apa, mla, bibtex") {
		t.Errorf("ParseStyle(chicago) err = %v", err)
	}
}

func TestAccessedAs(t *testing.T) {
	for _, c := range []struct{ style, in, want string }{
		{"ieee", "17 April 2024", "Apr. 17, 2024"},
		{"apa", "17 April 2024", "April 17, 2024"},
		{"mla", "5 September 2023", "5 Sept. 2023"},
		{"iso", "March 5, 2021", "2021-03-05"},
		{"mla", "sometime", "sometime"},
		{"iso", "sometime", ""},
	} {
		if got := accessedAs(c.style, c.in); got != c.want {
			t.Errorf("accessedAs(%s, %q) = %q, want %q", c.style, c.in, got, c.want)
		}
	}
}
