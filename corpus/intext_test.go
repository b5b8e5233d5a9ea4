package corpus

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// numericRefs is a numbered list of 12 entries; [12] is only the URL of [11].
func numericRefs() []Reference {
	var refs []Reference
	for i := 1; i <= 12; i++ {
		refs = append(refs, Reference{N: i, Raw: fmt.Sprintf("A. Author%d, “Title %d,” 2001.", i, i)})
	}
	refs[11].ContinuationOf = 11
	return refs
}

// authorYearRefs is an unnumbered (alphabetical) list as the reader numbers
// it, 1..N in printed order. Some entries have parsed fields, some only the
// raw string (the parser may leave fields empty).
func authorYearRefs() []Reference {
	return []Reference{
		{N: 1, Raw: "Åberg, K. (2015). Cold lakes. Nordic Press.", Authors: []string{"Åberg, K."}, Year: "2015"},
		{N: 2, Raw: "Kim, D., Korbel, J. O., & Gerstein, M. (2007). Variation. Genome Research, 17, 1-9.",
			Authors: []string{"Kim, D.", "Korbel, J. O.", "Gerstein, M."}, Year: "2007"},
		{N: 3, Raw: "Lee, H. (2012). Small samples. Journal of Tests, 4, 2-3.", Authors: []string{"Lee, H."}, Year: "2012"},
		{N: 4, Raw: "Nye, J. S. (2004a). First book. Public Affairs."},
		{N: 5, Raw: "Nye, J. S. (2004b). Second book. Public Affairs."},
		{N: 6, Raw: "Ortiz, R. (2019). A study. Press.", Authors: []string{"Ortiz, R."}, Year: "2019"},
		{N: 7, Raw: "Ortiz, R. (2019). Another study. Press.", Authors: []string{"Ortiz, R."}, Year: "2019"},
		{N: 8, Raw: "Smith, A., & Jones, B. (1999). Pairs. Quarterly, 1, 1.", Authors: []string{"Smith, A.", "Jones, B."}, Year: "1999"},
		{N: 9, Raw: "Smith, A., & Brown, C. (1999). Other pairs. Quarterly, 1, 2.", Authors: []string{"Smith, A.", "Brown, C."}, Year: "1999"},
		{N: 10, Raw: "Smith, A., Wu, L., & Zhou, Q. (2010). Many hands. Review, 3, 4.",
			Authors: []string{"Smith, A.", "Wu, L.", "Zhou, Q."}, Year: "2010"},
		{N: 11, Raw: "van den Berg, P., & Okafor, N. (2016). Particles. Journal, 2, 3.",
			Authors: []string{"van den Berg, P.", "Okafor, N."}, Year: "2016"},
		{N: 12, Raw: "Łukasiewicz M, Dubois A. Vancouver style. Lancet 2018;1:2-3.", Authors: []string{"Łukasiewicz M", "Dubois A"}, Year: "2018"},
		{N: 13, Raw: "World Health Organization. (2020). Report. WHO.", Authors: []string{"World Health Organization"}, Year: "2020"},
		{N: 14, Raw: "Müller, T. (n.d.). Undated. Site.", Authors: []string{"Müller, T."}, Year: "n.d."},
	}
}

type citeCase struct {
	text       string
	cites      []int
	unresolved int
}

var numericCases = []citeCase{
	{"Plain prose has no markers.", nil, 0},
	{"A single marker [3].", []int{3}, 0},
	{"A list [3, 5] and another [1,2].", []int{1, 2, 3, 5}, 0},
	{"An en-dash range [3–7].", []int{3, 4, 5, 6, 7}, 0},
	{"A hyphen range [3-5].", []int{3, 4, 5}, 0},
	{"Semicolons [11; 12] map a continuation to its entry.", []int{11}, 0},
	{"Bracket ranges [3]-[5] and [8]–[9].", []int{3, 4, 5, 8, 9}, 0},
	{"Mixed [1, 4–6; 9].", []int{1, 4, 5, 6, 9}, 0},
	{"Out of the list [13] and [2].", []int{2}, 1},
	{"A range running off the list [10–14].", []int{10, 11}, 2},
	{"An interval [0, 1] is not a citation.", nil, 0},
	{"Decimals [0.5, 2] are not either.", nil, 0},
	{"A descending [5–3] range is not a citation.", nil, 0},
	{"Words in brackets [sic] and years in 2004 are not.", nil, 0},
	{"Glued numbers stay words unless switched on: disease12, trials3–5.", nil, 0},
	{"A locator closes the bracket [4, p. 12] or [5, Fig. 2].", []int{4, 5}, 0},
	{"As shown in Ref. 5 and refs. 3 and 6, ice cracks.", []int{3, 5, 6}, 0},
	{"Refs. 2–4 agree.", []int{2, 3, 4}, 0},
}

var superscriptCases = []citeCase{
	{"Earlier trials reported harm3, and reviews agreed1–2.", []int{1, 2, 3}, 0},
	{"The index rose in 2004, which mattered.", nil, 0},
	{"Words like covid19, or step2. are not markers when out of range: model99.", []int{2}, 0},
	{"Too short a word: mm2, cm3.", nil, 0},
	{"After the mark: detect,1 and reports,2,3 agree.", []int{1, 2, 3}, 0},
	{"At the end of a sentence: fieldwork.4–5", []int{4, 5}, 0},
	{"Decimals 3.5 and et al.,2 in short words are not read.", nil, 0},
}

var authorYearCases = []citeCase{
	{"In 2004 the idea spread widely.", nil, 0},
	{"Soft power matters (Nye, 2004a).", []int{4}, 0},
	{"Nye (2004b) returned to it.", []int{5}, 0},
	{"Nye (2004a, b) wrote twice.", []int{4, 5}, 0},
	{"Nye (2004) alone is ambiguous.", nil, 1},
	{"Both agree (Smith et al., 2010; Lee 2012).", []int{3, 10}, 0},
	{"Variation is common (Kim, Korbel & Gerstein, 2007).", []int{2}, 0},
	{"Smith and Jones (1999) paired up.", []int{8}, 0},
	{"Smith & Brown (1999) did too.", []int{9}, 0},
	{"(Smith and Jones, 1999) in brackets.", []int{8}, 0},
	{"Smith (1999) without a second author is ambiguous.", nil, 1},
	{"Ortiz (2019) wrote two unlettered studies.", nil, 1},
	{"Folding: (Aberg, 2015) and ÅBERG (2015).", []int{1}, 0},
	{"Particles: van den Berg and Okafor (2016) agree.", []int{11}, 0},
	{"Particles in brackets (van den Berg & Okafor, 2016).", []int{11}, 0},
	{"Vancouver names: (Łukasiewicz and Dubois, 2018).", []int{12}, 0},
	{"Corporate (World Health Organization, 2020).", []int{13}, 0},
	{"Undated (Müller, n.d.).", []int{14}, 0},
	{"Lead-ins (see Lee, 2012; e.g., Kim et al., 2007).", []int{2, 3}, 0},
	{"A review (see Lee, 2012, for a review) agrees.", []int{3}, 0},
	{"Page locators (Lee, 2012, p. 3).", []int{3}, 0},
	{"Possessive: Lee's (2012) sample.", []int{3}, 0},
	{"Unknown authors (Zed, 2001) are counted.", nil, 1},
	{"Months are not authors (March 2004) and labels neither (Table 2, 2004).", nil, 0},
	{"A parenthesis of prose (2004) after a lower-case word is not a citation.", nil, 0},
	{"Numbers in brackets [3] mean nothing in an author–year paper.", nil, 0},
}

func runCiteCases(t *testing.T, name string, r *citeResolver, cases []citeCase) (right int) {
	t.Helper()
	for _, c := range cases {
		cites, un := r.Resolve(c.text)
		if slices.Equal(cites, c.cites) && un == c.unresolved {
			right++
			continue
		}
		t.Errorf("%s: Resolve(%q) = %v, %d unresolved; want %v, %d", name, c.text, cites, un, c.cites, c.unresolved)
	}
	return right
}

func TestResolveCitations(t *testing.T) {
	num := newCiteResolver(numericRefs())
	sup := newCiteResolver(numericRefs())
	sup.superscripts = true
	ay := newCiteResolver(authorYearRefs())
	ay.unnumbered = true
	right := runCiteCases(t, "numeric", num, numericCases) +
		runCiteCases(t, "superscript", sup, superscriptCases) +
		runCiteCases(t, "author-year", ay, authorYearCases)
	total := len(numericCases) + len(superscriptCases) + len(authorYearCases)
	t.Logf("resolver table: %d/%d cases right", right, total)
}

func TestDetectSuperscripts(t *testing.T) {
	r := newCiteResolver(numericRefs())
	r.detectSuperscripts([]string{"A body that cites [3] in brackets.", "and glued words3,"})
	if r.superscripts {
		t.Error("switched on superscripts in a paper that prints brackets")
	}
	r.detectSuperscripts([]string{"No brackets here; harm3, was reported."})
	if !r.superscripts {
		t.Error("left superscripts off in a paper without brackets")
	}
	ay := newCiteResolver(authorYearRefs())
	ay.unnumbered = true
	ay.detectSuperscripts([]string{"no brackets, words3,"})
	if ay.superscripts {
		t.Error("switched on superscripts for an unnumbered list")
	}
}

func TestBlockCountsUnresolved(t *testing.T) {
	r := newCiteResolver(numericRefs())
	b, missed := r.block(BlockParagraph, 2, 0, "First claim [1]. Second claim [2, 40]. No claim here.")
	if missed != 1 || len(b.Sentences) != 3 || b.Section != 2 {
		t.Fatalf("block %+v, missed %d", b, missed)
	}
	if !slices.Equal(b.Sentences[0].Cites, []int{1}) || !slices.Equal(b.Sentences[1].Cites, []int{2}) || b.Sentences[2].Cites != nil {
		t.Errorf("sentences %+v", b.Sentences)
	}
}

func BenchmarkResolveParagraph(b *testing.B) {
	para := strings.Repeat("Earlier work reported the effect [3, 5] and a range of replications [7–9]. "+
		"Others disagreed (Smith et al., 2010; Lee 2012), and Nye (2004a) summarised the debate. ", 4)
	refs := append(numericRefs(), authorYearRefs()...)
	for i := range refs {
		refs[i].N = i + 1
		refs[i].ContinuationOf = 0
	}
	r := newCiteResolver(refs)
	b.SetBytes(int64(len(para)))
	b.ReportAllocs()
	for b.Loop() {
		r.block(BlockParagraph, 0, 0, para)
	}
}
