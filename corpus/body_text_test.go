package corpus

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

const bodyPaper = `Tides of the Inner Harbour

R. Quill

Abstract

We measure tides in a small harbour and compare two gauges.

Keywords: tides, gauges

1. Introduction

Harbour tides have been measured for a long time [1], and the gauges
we use are cheap [2, 3]. Some earlier records are lost [9].

Short line kept as text
because it continues the sentence above it without a blank line.

2. Methods

2.1 Gauges

Each gauge was read twice a day by volun-
teers who wrote the level on a card [3]–[4].

Figure 1. The two gauges side by side [2].

Table 2: Readings per month.

Limitations

The cards were sometimes wet.
1. This numbered line is a list item, not a section.

3 Results

The gauges agreed within a centimetre.

References

[1] A. Brook, “Old tide tables,” Harbour Notes, vol. 2, pp. 1-4, 1901.
[2] C. Dune, “Cheap gauges,” in Proc. Coastal Workshop, 2010, pp. 5-9.
[3] E. Fjord, “Reading cards,” Sea Letters, vol. 7, no. 1, pp. 10-12, 2015.
[4] G. Hythe, “Wet paper,” Sea Letters, vol. 8, no. 2, pp. 3-6, 2016.
`

func TestReadBody(t *testing.T) {
	p, err := Parse("tides.txt", []byte(bodyPaper))
	if err != nil {
		t.Fatal(err)
	}
	if p.Abstract != "We measure tides in a small harbour and compare two gauges." || len(p.References) != 4 {
		t.Fatalf("abstract %q, %d references", p.Abstract, len(p.References))
	}
	var heads []string
	for _, s := range p.Sections {
		heads = append(heads, fmt.Sprintf("%d %s", s.Level, s.Heading))
	}
	want := []string{"1 1. Introduction", "1 2. Methods", "2 2.1 Gauges", "1 Limitations", "1 3 Results"}
	if !slices.Equal(heads, want) {
		t.Errorf("sections %q, want %q", heads, want)
	}
	type got struct {
		kind    BlockKind
		section int
		text    string
		cites   []int
	}
	var sents []got
	for _, b := range p.Body {
		for _, s := range b.Sentences {
			sents = append(sents, got{b.Kind, b.Section, s.Text, s.Cites})
		}
	}
	wantSents := []got{
		{BlockParagraph, 0, "Harbour tides have been measured for a long time [1], and the gauges we use are cheap [2, 3].", []int{1, 2, 3}},
		{BlockParagraph, 0, "Some earlier records are lost [9].", nil},
		{BlockParagraph, 0, "Short line kept as text because it continues the sentence above it without a blank line.", nil},
		{BlockParagraph, 2, "Each gauge was read twice a day by volunteers who wrote the level on a card [3]–[4].", []int{3, 4}},
		{BlockCaption, 2, "Figure 1. The two gauges side by side [2].", []int{2}},
		{BlockCaption, 2, "Table 2: Readings per month.", nil},
		{BlockParagraph, 3, "The cards were sometimes wet.", nil},
		{BlockParagraph, 3, "1. This numbered line is a list item, not a section.", nil},
		{BlockParagraph, 4, "The gauges agreed within a centimetre.", nil},
	}
	if len(sents) != len(wantSents) {
		t.Fatalf("%d body sentences, want %d: %+v", len(sents), len(wantSents), sents)
	}
	for i, w := range wantSents {
		g := sents[i]
		if g.kind != w.kind || g.section != w.section || g.text != w.text || !slices.Equal(g.cites, w.cites) {
			t.Errorf("sentence %d = %+v, want %+v", i, g, w)
		}
	}
	if !slices.Contains(p.Anomalies, "1 in-text citation marker could not be resolved to the reference list") {
		t.Errorf("anomalies %q lack the unresolved count", p.Anomalies)
	}
}

func TestHeadingRules(t *testing.T) {
	cases := []struct {
		line         string
		alone, glued bool
		level        int // 0: not a heading
	}{
		{"1 Introduction", true, false, 1},
		{"1 Introduction", false, true, 1},
		{"INTRODUCTION", false, false, 1},
		{"MATERIALS AND METHODS", true, false, 1},
		{"STUDY AREA", false, false, 0},
		{"STUDY AREA", true, false, 1},
		{"Methods", false, false, 1},
		{"Why Samples Drift", true, false, 1},
		{"Why Samples Drift", false, false, 0},
		{"Data collection", false, true, 1},
		{"Data collection", false, false, 0},
		{"The results were clear and the samples did not drift", true, false, 0},
		{"we then stopped", true, false, 0},
		{"Figure 2. Gauges", true, false, 0},
		{"In 2004 the rules changed", true, false, 0},
		{"Results.", true, false, 0},
		{"See [4] for details", true, false, 0},
		{"II. RELATED WORK", true, false, 1},
		{"07 Accelerator Notes", true, false, 0},
	}
	for _, c := range cases {
		var st headingState
		_, level, ok := st.heading(c.line, c.alone, c.glued)
		if !ok {
			level = 0
		}
		if level != c.level {
			t.Errorf("heading(%q, alone=%v) level %d, want %d", c.line, c.alone, level, c.level)
		}
	}
}

const authorYearPaper = `Rivers and Reading Groups

T. Marsh

Abstract

A short study of how reading groups discuss rivers.

1 Introduction

Groups read slowly (Åberg, 2015; Ortiz & Lee, 2019), and Nye (2004a)
argued that they read twice. Nye (2004b) disagreed with himself.
Others were never found (Zed, 2001).

References

Åberg, K. (2015). Cold lakes. Nordic Press.
Nye, J. S. (2004a). First book on reading. Public Affairs.
Nye, J. S. (2004b). Second book on reading, with a title that wraps
  onto a second line. Public Affairs.
Ortiz, R., & Lee, H. (2019). Groups that read. Journal of Groups, 3(2),
  10–19. https://doi.org/10.1000/groups.3
`

func TestUnnumberedAuthorYearPaper(t *testing.T) {
	p, err := Parse("rivers.txt", []byte(authorYearPaper))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.References) != 4 {
		t.Fatalf("%d references: %+v", len(p.References), p.References)
	}
	for i, r := range p.References {
		if r.N != i+1 {
			t.Errorf("entry %d numbered %d", i+1, r.N)
		}
	}
	if r := p.References[2]; !strings.Contains(r.Raw, "wraps onto a second line") {
		t.Errorf("[3] raw %q", r.Raw)
	}
	var all []int
	for _, b := range p.Body {
		for _, s := range b.Sentences {
			all = append(all, s.Cites...)
		}
	}
	if !slices.Equal(all, []int{1, 2, 4, 3}) {
		t.Errorf("cites by sentence %v, want [1 2 4 3]", all)
	}
	if !slices.Contains(p.Anomalies, "1 in-text citation marker could not be resolved to the reference list") ||
		!slices.Contains(p.Anomalies, "the reference list is not numbered; its entries are numbered 1–4 in printed order") {
		t.Errorf("anomalies %q", p.Anomalies)
	}
}

func TestUnnumberedWithoutIndent(t *testing.T) {
	lines := strings.Split(`Brook, A. (1901). Old tide tables. Harbour Notes, 2,
1-4.
Dune, C., & Fjord, E. (2010). Cheap gauges: A survey of
Coastal Instruments and their makers. Sea Letters, 7, 5-9.
World Meteorological Organization. (2012). Guide to gauges. WMO.
Hythe, G. (n.d.). Wet paper. Retrieved from https://example.org/wet`, "\n")
	es := splitUnnumbered(lines)
	if len(es) != 4 {
		t.Fatalf("%d entries: %+v", len(es), es)
	}
	if !strings.HasPrefix(es[1].text, "Dune") || !strings.HasSuffix(es[1].text, "Sea Letters, 7, 5-9.") || es[3].n != 4 {
		t.Errorf("entries %+v", es)
	}
}

// TestUnnumberedTwentyAuthors: APA 7 prints up to 20 authors, so the year
// of such an entry stands far from the start of its line; the entry is
// still one of its own, not a continuation of the one before (the
// bibliographic data of a real 20-author article).
func TestUnnumberedTwentyAuthors(t *testing.T) {
	lines := strings.Split(`Ardener, S. (1964). The comparative study of rotating credit associations. Journal of the Royal Anthropological Institute, 94(2), 201-229.
Hirshkowitz, M., Whiton, K., Albert, S. M., Alessi, C., Bruni, O., DonCarlos, L., Hazen, N., Herman, J., Katz, E. S., Kheirandish-Gozal, L., Neubauer, D. N., O'Donnell, A. E., Ohayon, M., Peever, J., Rawding, R., Sachdeva, R. C., Setters, B., Vitiello, M. V., Ware, J. C., & Adams Hillard, P. J. (2015). National Sleep Foundation's sleep time duration recommendations: Methodology and results summary. Sleep Health, 1(1), 40-43.
Geertz, C. (1962). The rotating credit association: A middle rung in development. Economic Development and Cultural Change, 10(3), 241-263.`, "\n")
	es := splitUnnumbered(lines)
	if len(es) != 3 || !strings.HasPrefix(es[1].text, "Hirshkowitz") {
		t.Fatalf("%d entries: %+v", len(es), es)
	}
	// A sentence that runs on past 300 characters is not a list of names.
	if onlyNames("Smith, J., who wrote about tides and much else besides, ") {
		t.Error("onlyNames accepted a sentence")
	}
}

// TestLongNumberedList reads a generated list of 20,000 entries: numbers
// above 9,999 start entries of their own.
func TestLongNumberedList(t *testing.T) {
	if testing.Short() {
		t.Skip("long list")
	}
	var b strings.Builder
	b.WriteString("A Long List\n\nAbstract\n\nA paper that cites a lot.\n\nReferences\n\n")
	// 20,000 entries (five-digit numbers) without the race detector, as
	// CI's load step runs it; 2,000 under it, where labelling each entry
	// costs ten times as much and proves nothing more.
	n := 20000
	if raceEnabled {
		n = 2000
	}
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "[%d] A. Writer%d, “Entry number %d,” Long Journal, vol. %d, pp. 1-2, 2001.\n", i, i, i, i%90+1)
	}
	p, err := Parse("long.txt", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.References) != n {
		t.Fatalf("%d references, want %d", len(p.References), n)
	}
	for i, r := range p.References {
		if r.N != i+1 || len(r.Raw) > 200 {
			t.Fatalf("entry %d: n %d, %d bytes", i+1, r.N, len(r.Raw))
		}
	}
	if r := p.References[n-1]; r.Title != fmt.Sprintf("Entry number %d", n) {
		t.Errorf("last entry %+v", r)
	}
}
