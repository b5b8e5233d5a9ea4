package study

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"paperbot/corpus"
	"paperbot/retrieval"
)

func seedIndex(t *testing.T) (*corpus.Paper, *retrieval.Index) {
	t.Helper()
	p := corpus.Default()
	ix, err := retrieval.Open(context.Background(), retrieval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return p, ix
}

func TestSummary(t *testing.T) {
	p, ix := seedIndex(t)
	claims, err := Summary(context.Background(), ix, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(claims) != len(corpus.Sentences(p.Abstract)) {
		t.Fatalf("got %d claims, want one per abstract sentence", len(claims))
	}
	withRefs := 0
	for _, c := range claims {
		// The abstract cites nothing: no claim may present a reference as
		// the author's support; topic matches are related reading only.
		if len(c.Refs) != 0 {
			t.Errorf("claim %q presents %v as the author's citations", c.Text, c.Refs)
		}
		for _, n := range c.Related {
			r, err := p.Ref(n)
			if err != nil || r.ContinuationOf != 0 {
				t.Errorf("claim %q cites [%d], not a reference of its own", c.Text, n)
			}
		}
		if len(c.Related) > 0 {
			withRefs++
		}
	}
	if withRefs < len(claims)/3 {
		t.Errorf("only %d of %d claims have references", withRefs, len(claims))
	}
	// The visa claim is about the free-visa policy; the Russia claim should
	// find Zogg's China-and-Russia article.
	for _, c := range claims {
		if strings.Contains(c.Text, "Russia") && strings.Contains(c.Text, "power balance") && !contains(c.Related, 29) {
			t.Errorf("claim %q: related %v, want [29] among them", c.Text, c.Related)
		}
	}
}

func TestGlossary(t *testing.T) {
	terms := Glossary(corpus.Default())
	got := map[string][]int{}
	for _, tm := range terms {
		got[strings.ToLower(tm.Term)] = tm.Refs
	}
	for _, want := range []string{"soft power", "central asia summit", "belt and road"} {
		found := false
		for k := range got {
			if strings.Contains(k, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("glossary lacks %q; got %v", want, keysOf(got))
		}
	}
	for _, tm := range terms {
		if len(tm.Refs) == 0 {
			t.Errorf("term %q has no references", tm.Term)
		}
		for _, n := range tm.Refs {
			r, _ := corpus.Default().Ref(n)
			if !containsFold(r.Raw, tm.Term) {
				t.Errorf("term %q: [%d] does not contain it", tm.Term, n)
			}
		}
	}
}

func TestQuiz(t *testing.T) {
	p := corpus.Default()
	qs, err := Quiz(p, 5, "", 42)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 5 {
		t.Fatalf("got %d questions", len(qs))
	}
	again, _ := Quiz(p, 5, "", 42)
	if fmt.Sprint(qs) != fmt.Sprint(again) {
		t.Error("same seed, different quiz")
	}
	for _, q := range qs {
		checkQuestion(t, p, q)
	}
	topical, err := Quiz(p, 3, "Russia", 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range topical {
		if !strings.Contains(q.Explanation, "Russia") {
			t.Errorf("topic Russia gave %q", q.Prompt)
		}
	}
	for _, bad := range []int{0, -1, MaxQuizCount + 1} {
		if _, err := Quiz(p, bad, "", 1); err == nil {
			t.Errorf("count %d accepted", bad)
		}
	}
	if _, err := Quiz(p, 3, "quantum chromodynamics", 1); err != ErrNoQuiz {
		t.Errorf("unmatched topic: err = %v", err)
	}
}

// checkQuestion: four distinct choices; a cloze question's sentence, with
// the answer filled in, is a sentence of the paper that the answer key
// quotes and whose citations it cites; no distractor fits the sentence
// word for word.
func checkQuestion(t *testing.T, p *corpus.Paper, q Question) {
	t.Helper()
	if len(q.Choices) != 4 || q.Answer < 0 || q.Answer >= 4 {
		t.Errorf("malformed question %+v", q)
		return
	}
	seen := map[string]bool{}
	for _, c := range q.Choices {
		if seen[strings.ToLower(c)] {
			t.Errorf("duplicate choice in %+v", q)
		}
		seen[strings.ToLower(c)] = true
	}
	for _, n := range q.Refs {
		if _, err := p.Ref(n); err != nil {
			t.Errorf("answer key cites [%d]: %v", n, err)
		}
	}
	if !strings.Contains(q.Prompt, Blank) {
		if len(q.Refs) == 0 {
			t.Errorf("reference question without a reference: %+v", q)
		}
		return
	}
	src := SourceOf(p, q.Prompt, q.Choices[q.Answer])
	if src == nil {
		t.Errorf("the answer does not complete a sentence of the paper: %+v", q)
		return
	}
	if !strings.Contains(q.Explanation, src.Text) || !strings.Contains(q.Explanation, placeName(*src)) || fmt.Sprint(q.Refs) != fmt.Sprint(append([]int{}, src.Cites...)) {
		t.Errorf("answer key %q (refs %v) does not quote %q with its place and cites %v", q.Explanation, q.Refs, src.Text, src.Cites)
	}
	for i, c := range q.Choices {
		if i != q.Answer && SourceOf(p, q.Prompt, c) != nil {
			t.Errorf("distractor %q also completes the sentence", c)
		}
	}
}

// TestQuizIdeasFromBody: on papers with a body, questions come from the
// paper's statements, never from reference years or authors, and no
// blank falls on a citation marker.
func TestQuizIdeasFromBody(t *testing.T) {
	for _, name := range []string{"sparse-routing", "hedgerow-survey", "tide-ledger", "reading-circles"} {
		p := readTestPaper(t, name)
		for seed := uint64(1); seed <= 5; seed++ {
			qs, err := Quiz(p, 5, "", seed)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, q := range qs {
				checkQuestion(t, p, q)
				if strings.Contains(q.Prompt, "published") || strings.Contains(q.Prompt, "Who wrote") {
					t.Errorf("%s: trivia question %q", name, q.Prompt)
				}
				if i := strings.Index(q.Prompt, Blank); i >= 0 && enclosed(q.Prompt, i) {
					t.Errorf("%s: blank inside a citation: %q", name, q.Prompt)
				}
			}
		}
	}
}

func TestBibliography(t *testing.T) {
	p := corpus.Default()
	r15, _ := p.Ref(15)
	r16, _ := p.Ref(16)
	items := []Cited{{p, r15}, {p, r16}}
	name, data, err := Bibliography("bibtex", items)
	if err != nil || name != "bibliography.bib" || strings.Count(string(data), "@") != 2 {
		t.Fatalf("bibtex: %s %q %v", name, data, err)
	}
	name, data, err = Bibliography("markdown", items)
	if err != nil || name != "bibliography.md" || !strings.Contains(string(data), "- [16] Nye") {
		t.Fatalf("markdown: %s %q %v", name, data, err)
	}
	if _, _, err := Bibliography("bibtex", nil); err == nil {
		t.Error("empty bibliography accepted")
	}
	if _, _, err := Bibliography("docx", items); err == nil {
		t.Error("unknown format accepted")
	}
}

func contains(s []int, n int) bool {
	for _, v := range s {
		if v == n {
			return true
		}
	}
	return false
}

func keysOf(m map[string][]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestRefLabelsAndWhere(t *testing.T) {
	if got := RefLabels([]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}); got != "[1] [2] [3] [4] [5] [6] [7] [8] …" {
		t.Errorf("RefLabels = %q", got)
	}
	for _, c := range []struct {
		t    Term
		want string
	}{
		{Term{Term: "x"}, ""},
		{Term{Term: "x", InAbstract: true}, "abstract"},
		{Term{Term: "x", Refs: []int{4, 15}}, "[4] [15]"},
		{Term{Term: "x", InAbstract: true, Refs: []int{1}}, "abstract, [1]"},
	} {
		if got := c.t.Where(); got != c.want {
			t.Errorf("%+v.Where() = %q, want %q", c.t, got, c.want)
		}
	}
}

func TestExportItems(t *testing.T) {
	p := corpus.Default()
	lookup := func(id string) *corpus.Paper {
		if id == p.ID {
			return p
		}
		return nil
	}
	cited := []PaperRef{{p.ID, 16}, {p.ID, 28}, {p.ID, 2}, {"gone", 4}, {p.ID, 27}, {p.ID, 9}, {p.ID, 99}}
	items := ExportItems(cited, []PaperRef{{p.ID, 9}}, lookup)
	var got []int
	for _, it := range items {
		if it.Ref == nil {
			got = append(got, 0)
		} else {
			got = append(got, it.Ref.N)
		}
	}
	// The paper itself (0) first, then by number; [28] continues [27];
	// [9] left out; an unknown paper and number skipped.
	if fmt.Sprint(got) != "[0 2 16 27]" || References(items) != 3 {
		t.Fatalf("ExportItems = %v", got)
	}
	_, bib, err := Bibliography("bibtex", items)
	if err != nil || !strings.HasPrefix(string(bib), "@article{") || strings.Count(string(bib), "\n@") != 3 || !strings.HasSuffix(string(bib), "}\n") {
		t.Fatalf("bibtex:\n%s", bib)
	}
	if len(ExportItems([]PaperRef{{p.ID, 9}}, []PaperRef{{p.ID, 9}}, lookup)) != 0 {
		t.Error("a paper with no reference left is still exported")
	}
}

// glossaryPaper is a small invented paper whose body defines two terms
// and uses a third without defining it.
const glossaryPaper = `Tidal gardens for coastal schools

Abstract
We describe tidal gardens, planted beds flooded at high tide, and how pupils keep them.

1 Introduction
A tidal garden is a planted bed that the sea floods twice a day [1]. Pupils weigh the silt after each tide [2].
Silt budget refers to the difference between silt brought in and silt carried away. The silt budget grew in spring.

2 Results
Salt marsh plants spread fastest in the lowest beds [2]. This is a surprise.

References
[1] A. Brook, "Gardens the sea waters," Coastal Teaching, vol. 3, pp. 1-9, 2019.
[2] C. Dune, "Silt and salt marsh plants in school gardens," Shore Notes, vol. 8, pp. 10-20, 2021.
`

func TestGlossaryDefinitions(t *testing.T) {
	p, err := corpus.Parse("tidal.txt", []byte(glossaryPaper))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Body) == 0 {
		t.Fatalf("the fixture has no body: %+v", p)
	}
	terms := map[string]Term{}
	for _, tm := range Glossary(p) {
		terms[strings.ToLower(tm.Term)] = tm
	}
	for term, want := range map[string]string{
		"tidal garden": "A tidal garden is a planted bed that the sea floods twice a day [1].",
		"silt budget":  "Silt budget refers to the difference between silt brought in and silt carried away.",
	} {
		tm, ok := terms[term]
		if !ok {
			t.Errorf("glossary lacks defined term %q; has %v", term, keysOfTerms(terms))
			continue
		}
		if tm.Definition == nil || tm.Definition.Text != want || tm.Definition.Section != "1 Introduction" {
			t.Errorf("%q: definition %+v, want %q in 1 Introduction", term, tm.Definition, want)
		}
	}
	for _, tm := range terms {
		if tm.Definition != nil && !containsWord(tm.Definition.Text, tm.Term) {
			t.Errorf("%q defined by a sentence that does not use it: %q", tm.Term, tm.Definition.Text)
		}
		if tm.InAbstract != containsWord(p.Abstract, tm.Term) || tm.InTitle != containsWord(p.Title, tm.Term) {
			t.Errorf("%q: in abstract %v, in title %v", tm.Term, tm.InAbstract, tm.InTitle)
		}
		if tm.Appears != nil && !containsWord(tm.Appears.Text, tm.Term) {
			t.Errorf("%q said to appear in %q", tm.Term, tm.Appears.Text)
		}
	}
	if tm, ok := terms["salt marsh"]; ok && tm.Definition != nil {
		t.Errorf("salt marsh is used, not defined: %+v", tm.Definition)
	}
	if !defines("Tidal gardens are the beds that the sea floods.", "tidal garden") {
		t.Error("a plural subject is not read as defining the term")
	}
	for _, s := range []string{"This is a surprise.", "The silt budget grew in spring.", "Is a silt budget useful?"} {
		if defines(s, "silt budget") || defines(s, "surprise") {
			t.Errorf("%q taken as a definition", s)
		}
	}
}

// TestGlossaryNeverClaimsAbsentPlaces: the default paper's title says
// "soft power", its abstract never does.
func TestGlossaryNeverClaimsAbsentPlaces(t *testing.T) {
	p := corpus.Default()
	for _, tm := range Glossary(p) {
		if tm.InAbstract != containsWord(p.Abstract, tm.Term) {
			t.Errorf("%q: in abstract = %v", tm.Term, tm.InAbstract)
		}
		if strings.EqualFold(tm.Term, "soft power") && strings.Contains(tm.Where(), "abstract") {
			t.Errorf("soft power said to be in the abstract: %s", tm.Where())
		}
		for _, n := range tm.Refs {
			r, _ := p.Ref(n)
			if !containsWord(r.Raw, tm.Term) {
				t.Errorf("%q: [%d] does not use it as a word", tm.Term, n)
			}
		}
	}
}

func keysOfTerms(m map[string]Term) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestClaimLike(t *testing.T) {
	for s, want := range map[string]bool{
		"Current relations between the two neighbours are cooperative rather than competitive.":       true,
		"Therefore, we can advance a more comprehensive definition of the idea as:":                   false,
		"Reagent 0.207 mmol, 1.1 equiv., base 0.066 ml, 0.376 mmol, 2 equiv. were added at 0 C.":      false,
		"Why do the two neighbours cooperate rather than compete with each other?":                    false,
		"This is why the two neighbours cooperate rather than compete with each other in the region.": false,
	} {
		if got := claimLike(s); got != want {
			t.Errorf("claimLike(%q) = %v, want %v", s, got, want)
		}
	}
}
