package answer

import (
	"fmt"
	"strings"
	"testing"

	"paperbot/corpus"
	"paperbot/retrieval"
)

// partPaper is a synthetic paper with captions and subsections, written
// for these tests.
func partPaper() *corpus.Paper {
	para := func(sec int, texts ...string) corpus.Block {
		b := corpus.Block{Kind: corpus.BlockParagraph, Section: sec, Page: sec + 1}
		for _, t := range texts {
			b.Sentences = append(b.Sentences, corpus.BodySentence{Text: t})
		}
		return b
	}
	return &corpus.Paper{ID: "orchard", Title: "Netting and Hail Damage in Apple Orchards",
		Abstract: "Hail damages apples every summer. We compared netted and open rows in three orchards. Netting cut damaged fruit by half.",
		Sections: []corpus.Section{{Heading: "1. Introduction", Level: 1}, {Heading: "2. Results", Level: 1},
			{Heading: "2.1 Damage", Level: 2}, {Heading: "2.2 Yield", Level: 2}, {Heading: "3. Discussion", Level: 1}},
		Body: []corpus.Block{
			para(0, "Hail is the costliest weather risk for apple growers.", "Nets are spread over the rows before flowering."),
			para(2, "Netted rows had 11% damaged fruit against 23% in open rows (Fig. 2).", "The difference held in all three orchards."),
			{Kind: corpus.BlockCaption, Section: 2, Page: 3, Sentences: []corpus.BodySentence{{Text: "Figure 2. Share of damaged fruit in netted and open rows."}, {Text: "Bars show the mean of three orchards."}}},
			para(3, "Yield per tree did not differ between netted and open rows.", "Fruit under nets coloured later."),
			{Kind: corpus.BlockCaption, Section: 3, Page: 4, Sentences: []corpus.BodySentence{{Text: "Table 1. Yield per tree by orchard."}}},
			para(4, "Nets halve hail damage without costing yield.", "Their price is the main obstacle for small growers."),
		},
		References: []corpus.Reference{{N: 1, Raw: "Ames, R. (2019). Hail and fruit. Orchard Notes, 3, 1-9.", Authors: []string{"Ames, R."}, Year: "2019", Title: "Hail and fruit"}},
	}
}

// TestPartsOfThePaper: a figure or table is answered by its caption and
// the sentence referring to it, a section by the opening of each of its
// paragraphs (its subsections included), and a part the paper lacks is
// said to be missing.
func TestPartsOfThePaper(t *testing.T) {
	p := partPaper()
	e := engineFor(t, p)
	for _, c := range []struct {
		q        string
		want     []string
		not      []string
		abstains bool
	}{
		{"what does figure 2 show?", []string{"Share of damaged fruit", "Bars show the mean", "11% damaged fruit"}, nil, false},
		{"explain table 1", []string{"Yield per tree by orchard"}, []string{"Figure 2"}, false},
		{"what does section 2 say?", []string{"Netted rows had 11%", "Yield per tree did not differ"}, []string{"The difference held"}, false},
		{"summarise the discussion section", []string{"Nets halve hail damage"}, nil, false},
		{"summarize the introduction", []string{"costliest weather risk"}, nil, false},
		{"what does figure 5 show?", []string{"no caption of Figure 5"}, nil, true},
		{"what is in the limitations section?", []string{"no limitations section"}, nil, true},
	} {
		a := askOK(t, e, p.ID, c.q)
		if a.Intent != string(IntentPart) || a.Abstained != c.abstains {
			t.Errorf("%s: intent %s, abstained %v", c.q, a.Intent, a.Abstained)
		}
		for _, w := range c.want {
			if !strings.Contains(a.Text, w) {
				t.Errorf("%s: missing %q:\n%s", c.q, w, a.Text)
			}
		}
		for _, w := range c.not {
			if strings.Contains(a.Text, w) {
				t.Errorf("%s: has %q:\n%s", c.q, w, a.Text)
			}
		}
	}
	// A question on a topic within a figure is a question on the topic.
	a := askOK(t, e, p.ID, "what does figure 2 say about yield per tree?")
	if a.Intent == string(IntentPart) {
		t.Errorf("read as a question about the figure:\n%s", a.Text)
	}
}

// "Why?" after an answer is answered by the reason the paper gives right
// after what was said, not by saying it again.
func TestWhyFollowUpGivesTheReason(t *testing.T) {
	p := &corpus.Paper{ID: "valley-shops", Title: "Evening Trade in a Mountain Valley",
		Abstract: "Market towns in the valley were surveyed in 2022. Shops in the valley closed early in winter. To save fuel, owners switched off their generators at dusk. Trade moved to the mornings."}
	e := engineFor(t, p)
	history := []Turn{{Role: "user", Text: "when did the shops close?"}, {Role: "assistant", Text: "The paper says shops in the valley closed early in winter."}}
	a := askOK(t, e, p.ID, "why?", history...)
	if !strings.Contains(a.Text, "To save fuel") || strings.Contains(a.Text, "closed early") {
		t.Errorf("want the reason, not the statement again:\n%s", a.Text)
	}
}

// An author's works of one year (or without a year) are listed in the
// reference list's order, the same on every run.
func TestCoinedWorksInListOrder(t *testing.T) {
	p := &corpus.Paper{ID: "tuners", Title: "Blade Tuners for Cavities", Abstract: "We tested a blade tuner on a cavity."}
	for n := 1; n <= 8; n++ {
		title := fmt.Sprintf("Blade tuner design note %d", n)
		if n > 2 {
			// Works of the author on other things, listed with the
			// others as the author's.
			title = fmt.Sprintf("Cryostat cooling report %d", n)
		}
		p.References = append(p.References, corpus.Reference{N: n, Raw: "T. Quill, " + title + ".",
			Authors: []string{"T. Quill"}, Year: "n.d.", Title: title})
	}
	e := engineFor(t, p)
	var first string
	for range 20 {
		a := askOK(t, e, p.ID, "who came up with the blade tuner")
		if first == "" {
			first = a.Text
			last := -1
			for n := 1; n <= 8; n++ {
				i := strings.Index(a.Text, fmt.Sprintf("[%d]", n))
				if i < last {
					t.Errorf("works not in list order:\n%s", a.Text)
				}
				last = i
			}
		} else if a.Text != first {
			t.Fatalf("answer changed between runs:\n%s\n---\n%s", first, a.Text)
		}
	}
}

// "Who came up with X?" is answered by the sentence crediting someone
// with X, even one saying "It was first proposed by …" after the
// sentence naming X, with the reference that attribution cites.
func TestAttributedIdea(t *testing.T) {
	p := &corpus.Paper{ID: "shade", Title: "Shade and Goats", Abstract: "We studied shade for goats.",
		Sections: []corpus.Section{{Heading: "1 Introduction", Level: 1}},
		Body: []corpus.Block{{Kind: corpus.BlockParagraph, Section: 0, Sentences: []corpus.BodySentence{
			{Text: "The panting index is defined as breaths per minute over resting breaths."},
			{Text: "It was first proposed by Ames [1] for sheep, and it is now used for goats too [2].", Cites: []int{1, 2}},
		}}},
		References: []corpus.Reference{
			{N: 1, Raw: "Ames, R. (1971). Breathing of sheep. Farm Notes, 3, 1-9.", Authors: []string{"Ames, R."}, Year: "1971", Title: "Breathing of sheep"},
			{N: 2, Raw: "Bell, S. (2015). The panting index in goats. Goat Review, 1, 2-9.", Authors: []string{"Bell, S."}, Year: "2015", Title: "The panting index in goats"},
		},
	}
	e := engineFor(t, p)
	a := askOK(t, e, p.ID, "who came up with the panting index?")
	if !strings.Contains(a.Text, "first proposed by Ames") || len(a.Citations) != 1 || a.Citations[0] != 1 {
		t.Errorf("want Ames [1] only:\n%s\ncitations %v", a.Text, a.Citations)
	}
}

// "The results section" is the section headed Results, not an earlier
// one of the same kind ("2.3 Analysis").
func TestSectionByItsWord(t *testing.T) {
	secs := []corpus.Section{{Heading: "1. Introduction", Level: 1}, {Heading: "2. Methods", Level: 1}, {Heading: "2.3 Analysis", Level: 2}, {Heading: "3. Results", Level: 1}}
	qq := analyze("what is in the results section?")
	p := qq.partOf()
	if p.kind != partSection {
		t.Fatalf("not read as a section question: %+v", p)
	}
	if i := findSection(secs, p); i != 3 {
		t.Errorf("section %d, want 3 (3. Results)", i)
	}
}

// Sentences of one section in a row share its label.
func TestQuotesShareTheirPlace(t *testing.T) {
	pi := newPaperInfo(bodyPaper())
	var intro []int
	for i, ps := range pi.passages {
		if ps.Kind == retrieval.KindBody && ps.Section == "1 Introduction" {
			intro = append(intro, i)
		}
	}
	if len(intro) != 2 {
		t.Fatalf("introduction sentences %v", intro)
	}
	r := newReply(pi)
	r.quotes(intro)
	if got := r.b.String(); strings.Count(got, "In “1 Introduction”") != 1 || strings.Count(got, "\n") != 0 {
		t.Errorf("want one line with one label:\n%s", got)
	}
}
