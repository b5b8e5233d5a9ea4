package answer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"paperbot/corpus"
	"paperbot/retrieval"
)

// bodyPaper is a small synthetic paper with a body, written for these
// tests: sentences cite references through Cites, as the readers produce.
func bodyPaper() *corpus.Paper {
	p := &corpus.Paper{
		ID:       "rain-gardens",
		Title:    "Rain Gardens and Street Flooding in Two Small Towns",
		Authors:  []string{"Mira Holt"},
		Abstract: "Street flooding is a growing nuisance in small towns. This study examines whether rain gardens reduce flooding on residential streets. We measured water depth at forty drains over two wet seasons. Streets with rain gardens flooded 30% less often than matched streets. Towns should fund rain gardens where drains overflow.",
		Sections: []corpus.Section{{Heading: "1 Introduction", Level: 1}, {Heading: "2 Methods", Level: 1}, {Heading: "3 Results", Level: 1}, {Heading: "4 Limitations", Level: 1}},
		Body: []corpus.Block{
			{Kind: corpus.BlockParagraph, Section: 0, Sentences: []corpus.BodySentence{
				{Text: "Rain gardens are shallow planted basins that hold runoff from roofs and streets [1].", Cites: []int{1}},
				{Text: "The term bioretention was introduced by Larsen in an early design manual [2].", Cites: []int{2}},
			}},
			{Kind: corpus.BlockParagraph, Section: 1, Sentences: []corpus.BodySentence{
				{Text: "We installed depth loggers at forty storm drains following the protocol of Ortiz [3].", Cites: []int{3}},
				{Text: "Each treated street was matched to a control street of similar slope."},
			}},
			{Kind: corpus.BlockParagraph, Section: 2, Sentences: []corpus.BodySentence{
				{Text: "Streets with rain gardens flooded 30% less often than their matched controls."},
				{Text: "The effect was largest on steep streets, as earlier work on slopes predicted [3, 4].", Cites: []int{3, 4}},
			}},
			{Kind: corpus.BlockParagraph, Section: 3, Sentences: []corpus.BodySentence{
				{Text: "Two wet seasons may not capture a rare extreme storm."},
			}},
		},
		References: []corpus.Reference{
			{N: 1, Raw: "Fenn, A. (2015). Rain gardens for homeowners. Water Press.", Authors: []string{"Fenn, A."}, Year: "2015", Title: "Rain gardens for homeowners"},
			{N: 2, Raw: "Larsen, K. (1994). Bioretention design manual. County Works.", Authors: []string{"Larsen, K."}, Year: "1994", Title: "Bioretention design manual"},
			{N: 3, Raw: "Ortiz, L. (2018). Measuring storm drain depth. Journal of Urban Water, 4, 1-9.", Authors: []string{"Ortiz, L."}, Year: "2018", Title: "Measuring storm drain depth"},
			{N: 4, Raw: "Quinn, R. (2020). Runoff on steep streets. Hydrology Letters, 9, 22-30.", Authors: []string{"Quinn, R."}, Year: "2020", Title: "Runoff on steep streets"},
			{N: 5, Raw: "Vale, S. (2021). Rain gardens and property values. Housing Review, 3, 5-11.", Authors: []string{"Vale, S."}, Year: "2021", Title: "Rain gardens and property values"},
		},
	}
	return p
}

func newBodyEngine(t testing.TB) *Engine {
	t.Helper()
	ix, err := retrieval.Open(context.Background(), retrieval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := bodyPaper()
	if err := ix.Add(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return New(corpus.NewLibrary(p), ix, Options{})
}

// TestBodyCitesWhatTheAuthorCited: every citation of an answer drawn from
// body sentences is one of the cites of a sentence it quotes; other
// references are labelled as further reading.
func TestBodyCitesWhatTheAuthorCited(t *testing.T) {
	e := newBodyEngine(t)
	for _, q := range []string{
		"Why was the effect largest on steep streets?",
		"What are rain gardens?",
		"How did they measure water depth at the drains?",
		"Who introduced the term bioretention?",
		"Which sources discuss steep streets?",
	} {
		t.Run(q, func(t *testing.T) {
			a, err := e.Ask(context.Background(), Request{PaperID: "rain-gardens", Question: q})
			if err != nil {
				t.Fatal(err)
			}
			if a.Abstained {
				t.Fatalf("declined:\n%s", a.Text)
			}
			allowed := map[int]bool{}
			for _, h := range a.Passages {
				for _, n := range h.Cites {
					allowed[n] = true
				}
			}
			for _, n := range a.Citations {
				if !allowed[n] {
					t.Errorf("cites [%d], which no used passage cites:\n%s", n, a.Text)
				}
			}
			for _, line := range strings.Split(a.Text, "\n") {
				for _, n := range citedNumbers(line) {
					if slices.Contains(a.Related, n) && !strings.HasPrefix(line, "Further reading") {
						t.Errorf("related [%d] shown outside the further-reading line: %q", n, line)
					}
				}
			}
			if len(strings.Fields(a.Text)) > MaxAnswerWords {
				t.Errorf("answer too long: %d words", len(strings.Fields(a.Text)))
			}
		})
	}
}

func TestBodyQuoteCarriesItsCites(t *testing.T) {
	e := newBodyEngine(t)
	a, err := e.Ask(context.Background(), Request{PaperID: "rain-gardens", Question: "Was the effect largest on steep streets?"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "predicted [3, 4]") || fmt.Sprint(a.Citations) != "[3 4]" {
		t.Errorf("want the sentence with its own cites [3, 4], got %v:\n%s", a.Citations, a.Text)
	}
}

func TestBodyMetaFromSections(t *testing.T) {
	e := newBodyEngine(t)
	for q, want := range map[string]string{
		"What method did the author use?": "measured water depth",
		"What are the limitations?":       "rare extreme storm",
		"What are the main findings?":     "30% less often",
		"Who wrote this paper?":           "Mira Holt",
		"What is [3] about?":              "Ortiz",
	} {
		a, err := e.Ask(context.Background(), Request{PaperID: "rain-gardens", Question: q})
		if err != nil {
			t.Fatal(err)
		}
		if a.Abstained || !strings.Contains(a.Text, want) {
			t.Errorf("%s: want %q, got (intent %s):\n%s", q, want, a.Intent, a.Text)
		}
	}
}

func TestFollowUpOrdinalSource(t *testing.T) {
	e := newBodyEngine(t)
	hist := []Turn{{Role: "user", Text: "Which sources discuss steep streets?"}, {Role: "assistant", Text: "The paper's sources: [3] Ortiz 2018 and [4] Quinn 2020."}}
	a, err := e.Ask(context.Background(), Request{PaperID: "rain-gardens", Question: "and the second source?", History: hist})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Quinn") {
		t.Errorf("want the second source [4] Quinn, got:\n%s", a.Text)
	}
}

func TestDeclineSaysWhatIsNearby(t *testing.T) {
	e := newBodyEngine(t)
	a, err := e.Ask(context.Background(), Request{PaperID: "rain-gardens", Question: "What did Napoleon say about rain gardens?"})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Abstained || !strings.Contains(a.Text, "“napoleon”") {
		t.Errorf("want a decline naming napoleon, got:\n%s", a.Text)
	}
}

// "How many schools" is answered by the sentence that counts schools
// ("in 24 primary schools"), before others that hold the word and some
// number.
func TestHowManyCountsTheFocus(t *testing.T) {
	p := &corpus.Paper{ID: "tutoring", Title: "Tutoring in Schools",
		Abstract: "Pupils in tutored schools gained 9 more words per minute than pupils in control schools, and schools with 2 tutors gained most. " +
			"Schools and pupils in tutored schools were followed for 16 weeks. " +
			"The trial ran in 24 primary schools. Gains were largest for weak readers."}
	e := engineFor(t, p)
	a := askOK(t, e, p.ID, "how many schools were in it")
	first, _, _ := strings.Cut(a.Text, "” “")
	if a.Abstained || !strings.Contains(first, "24 primary schools") {
		t.Errorf("want the count of schools first:\n%s", a.Text)
	}
}

// TestHowLongStatesALength: a question asking how long is answered with
// a sentence stating a length of time, even when the sentence holding
// more of its words states none.
func TestHowLongStatesALength(t *testing.T) {
	p := &corpus.Paper{ID: "pupil-sleep", Title: "Sleep of Pupils on School Nights",
		Abstract: "We asked pupils about their sleep on school nights and on free days.",
		Sections: []corpus.Section{{Heading: "1 Methods", Level: 1}, {Heading: "2 Results", Level: 1}},
		Body: []corpus.Block{
			{Kind: corpus.BlockParagraph, Section: 0, Sentences: []corpus.BodySentence{
				{Text: "Weekend sleep was discussed with the families at each school visit."},
				{Text: "Pupils kept a diary of bedtimes for a fortnight."},
			}},
			{Kind: corpus.BlockParagraph, Section: 1, Sentences: []corpus.BodySentence{
				{Text: "On free days the mean sleep was 9 hours 5 minutes."},
				{Text: "Bedtimes were later for older pupils."},
			}},
		},
		References: []corpus.Reference{{N: 1, Raw: "Lund, P. (2019). Sleep diaries. Sleep Notes, 2, 1-4.", Year: "2019", Title: "Sleep diaries"}},
	}
	e := engineFor(t, p)
	a := askOK(t, e, p.ID, "how long do they sleep on weekends?")
	first, _, _ := strings.Cut(a.Text, "\n")
	if a.Abstained || !strings.Contains(first, "9 hours 5 minutes") {
		t.Errorf("want the length of sleep first:\n%s", a.Text)
	}
}

// TestFutureWorkIsNoLimitation: what the authors will do next is a plan,
// not a limitation of the study; what future work should do is.
func TestFutureWorkIsNoLimitation(t *testing.T) {
	p := &corpus.Paper{ID: "roof-dust", Title: "Dust on Roof Panels",
		Abstract: "We measured dust on eight roof panels for one year.",
		Sections: []corpus.Section{{Heading: "1 Methods", Level: 1}, {Heading: "2 Future Work", Level: 1}},
		Body: []corpus.Block{
			{Kind: corpus.BlockParagraph, Section: 0, Sentences: []corpus.BodySentence{{Text: "Each panel was weighed before and after a week outdoors."}}},
			{Kind: corpus.BlockParagraph, Section: 1, Sentences: []corpus.BodySentence{{Text: "Future work will test coatings on the same roofs."}}},
		},
		References: []corpus.Reference{{N: 1, Raw: "Lund, P. (2019). Dust. Roof Notes, 2, 1-4.", Year: "2019", Title: "Dust"}},
	}
	e := engineFor(t, p)
	a := askOK(t, e, p.ID, "what are the limitations of the study?")
	if !strings.Contains(a.Text, "doesn't state any limitations") || strings.Contains(a.Text, "coatings") {
		t.Errorf("a plan read as a limitation:\n%s", a.Text)
	}
	if got := bodyRole("Future research should test the coatings in a wetter climate."); got != RoleLimitation {
		t.Errorf("what future research should do: role %q", got)
	}
}

// TestFigureLabelsNeverQuoted: a figure's axis labels read as a line of
// the body ("24 26 28 30 22 Days (Intercept) 230 240") are never quoted
// as what the paper says.
func TestFigureLabelsNeverQuoted(t *testing.T) {
	p := &corpus.Paper{ID: "sleep-days", Title: "Reaction Times over Days of Lost Sleep",
		Abstract: "We measured reaction times over ten days of restricted sleep.",
		Sections: []corpus.Section{{Heading: "1 Methods", Level: 1}, {Heading: "2 Conclusion", Level: 1}},
		Body: []corpus.Block{
			{Kind: corpus.BlockParagraph, Section: 0, Sentences: []corpus.BodySentence{{Text: "Reaction times were recorded each morning."}}},
			{Kind: corpus.BlockParagraph, Section: 1, Sentences: []corpus.BodySentence{
				{Text: "24 26 28 30 22 Days (Intercept) 230 240 250 260 270 6 20 30"},
				{Text: "Reaction times grew longer with every day of lost sleep."},
			}},
		},
		References: []corpus.Reference{{N: 1, Raw: "Lund, P. (2019). Sleep. Sleep Notes, 2, 1-4.", Year: "2019", Title: "Sleep"}},
	}
	e := engineFor(t, p)
	a := askOK(t, e, p.ID, "what did they conclude?")
	if strings.Contains(a.Text, "Intercept") || !strings.Contains(a.Text, "grew longer") {
		t.Errorf("figure labels quoted:\n%s", a.Text)
	}
}

// An overview of a paper whose abstract sentences are long stays within
// the words a student reads in a chat; a summary asked for may be longer.
func TestOverviewWithinBudget(t *testing.T) {
	long := func(topic string) string {
		return "In this part the study considers " + topic + " together with the many circumstances, actors, tools, habits and constraints that shape it in the towns and villages of the valley, and it sets out how each of them was described, counted and compared over the three seasons of fieldwork. "
	}
	p := &corpus.Paper{ID: "valley", Title: "Water, Work and Weather in a Mountain Valley",
		Abstract: long("water use") + long("seasonal work") + long("weather records") + long("market prices")}
	e := engineFor(t, p)
	for q, limit := range map[string]int{"what is this paper about": MaxAnswerWords, "summarize the paper": MaxSummaryWords} {
		a := askOK(t, e, p.ID, q)
		if n := len(strings.Fields(a.Text)); a.Abstained || n > limit || !strings.Contains(a.Text, "water use") {
			t.Errorf("%s: %d words (limit %d):\n%s", q, n, limit, a.Text)
		}
	}
}

// "Where was the study done?" is answered by the sentences naming the
// study's place, not by the introduction's places of other studies, and
// "when" and "how long" by its dates; a paper naming no place says so and
// how the study was done.
func TestStudySite(t *testing.T) {
	p := &corpus.Paper{ID: "goats", Title: "Shade Sails and Heat Stress in Dairy Goats",
		Abstract: "Heat stress lowers milk yield in goats. We fitted shade sails over two of four paddocks and recorded panting scores of 60 goats through one summer. Goats under shade panted less.",
		Sections: []corpus.Section{{Heading: "1 Introduction", Level: 1}, {Heading: "2 Methods", Level: 1}, {Heading: "3 Results", Level: 1}},
		Body: []corpus.Block{
			{Kind: corpus.BlockParagraph, Section: 0, Sentences: []corpus.BodySentence{
				{Text: "Earlier trials in Spain found that shade raised milk yield [1].", Cites: []int{1}},
			}},
			{Kind: corpus.BlockParagraph, Section: 1, Sentences: []corpus.BodySentence{
				{Text: "The trial was carried out at the Northfield College farm near Ashby from June to August 2023."},
				{Text: "Panting was scored twice a day in the Gaussian model of Table 2."},
				{Text: "The 60 goats were 3.5 ± 1.2 years old and were recruited from two herds."},
				{Text: "We interviewed 12 farm workers aged 25 to 60 about the sails."},
			}},
			{Kind: corpus.BlockParagraph, Section: 2, Sentences: []corpus.BodySentence{
				{Text: "Goats under shade panted less on hot afternoons."},
			}},
		},
		References: []corpus.Reference{{N: 1, Raw: "Ames, R. (2019). Shade for goats. Goat Care, 3, 1-9.", Authors: []string{"Ames, R."}, Year: "2019", Title: "Shade for goats"}},
	}
	e := engineFor(t, p)
	for _, q := range []string{"Where was the study conducted?", "where did they run the trial", "In which country was the experiment done?", "where was this done?", "which country?", "what town was studied?"} {
		a := askOK(t, e, p.ID, q)
		if a.Intent != string(IntentSetting) || !strings.Contains(a.Text, "Northfield College farm") || strings.Contains(a.Text, "Spain") || strings.Contains(a.Text, "Gaussian") {
			t.Errorf("%s: intent %s\n%s", q, a.Intent, a.Text)
		}
	}
	for q, want := range map[string]string{"how old were the workers?": "aged 25 to 60", "how many workers took part?": "12 farm workers", "what's the sample?": "12 farm workers"} {
		a := askOK(t, e, p.ID, q)
		if a.Intent != string(IntentSetting) || !strings.Contains(a.Text, want) {
			t.Errorf("%s: intent %s\n%s", q, a.Intent, a.Text)
		}
	}
	for _, q := range []string{"when was the trial carried out?", "how long did the trial run?"} {
		a := askOK(t, e, p.ID, q)
		if a.Intent != string(IntentSetting) || !strings.Contains(a.Text, "June to August 2023") || strings.Contains(a.Text, "years old") {
			t.Errorf("%s: intent %s\n%s", q, a.Intent, a.Text)
		}
	}
	// Not a question about the study's setting: who wrote it, a source,
	// a fact, a count of what the paper never mentions.
	for _, q := range []string{"where are the authors from", "where does the idea of shade come from", "where in the paddock were the sails", "how many students took part?", "how long did that take?", "where was that?"} {
		a := askOK(t, e, p.ID, q)
		if a.Intent == string(IntentSetting) {
			t.Errorf("%s: read as a question about the study's place", q)
		}
	}
	e2 := newBodyEngine(t)
	a, err := e2.Ask(t.Context(), Request{PaperID: "rain-gardens", Question: "where was the study done?"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "doesn't name a place") {
		t.Errorf("no place named, yet:\n%s", a.Text)
	}
}

// A numeric citation group ("(6, 13, 16)") states no quantity: "mesh
// size of the panel?" is answered by the sentence giving the size, not by
// one citing three works about sizes.
func TestCiteGroupIsNoQuantity(t *testing.T) {
	p := &corpus.Paper{ID: "nets", Title: "Escape Panels in Trawl Nets",
		Abstract: "We fitted escape panels to trawl nets.",
		Sections: []corpus.Section{{Heading: "1 Introduction", Level: 1}, {Heading: "2 Gear", Level: 1}},
		Body: []corpus.Block{
			{Kind: corpus.BlockParagraph, Section: 0, Sentences: []corpus.BodySentence{
				{Text: "Results of escape panels vary with the mesh size of the panel (2, 3).", Cites: []int{2, 3}},
			}},
			{Kind: corpus.BlockParagraph, Section: 1, Sentences: []corpus.BodySentence{
				{Text: "The panel was made of square netting with a mesh size of 40 mm."},
			}},
		},
		References: []corpus.Reference{
			{N: 1, Raw: "Ames, R. (2019). Nets. Fish Notes, 3, 1-9.", Authors: []string{"Ames, R."}, Year: "2019", Title: "Nets"},
			{N: 2, Raw: "Bell, S. (2015). Mesh size of escape panels. Fish Notes, 1, 2-9.", Authors: []string{"Bell, S."}, Year: "2015", Title: "Mesh size of escape panels"},
			{N: 3, Raw: "Cole, T. (2017). Panel mesh. Gear Review, 4, 5-8.", Authors: []string{"Cole, T."}, Year: "2017", Title: "Panel mesh"},
		},
	}
	e := engineFor(t, p)
	a := askOK(t, e, p.ID, "mesh size of the panel?")
	first, _, _ := strings.Cut(a.Text, "\n")
	if !strings.Contains(first, "40 mm") {
		t.Errorf("want the size first:\n%s", a.Text)
	}
}

// "What does X mean?" finds the paper's own definition of X ("X is
// defined as …") even when X is in so many sentences that retrieval ranks
// the definition low.
func TestOwnDefinitionFound(t *testing.T) {
	var sents []corpus.BodySentence
	for i := range 40 {
		sents = append(sents, corpus.BodySentence{Text: fmt.Sprintf("The dust index of roof %d rose by %d points in week %d.", i+1, i%7+1, i%12+1)})
	}
	sents = append(sents, corpus.BodySentence{Text: "The dust index is defined as the share of light a dirty module loses against a clean one [1].", Cites: []int{1}})
	p := &corpus.Paper{ID: "dust", Title: "Dust on Roofs", Abstract: "We tracked the dust index of forty roofs.",
		Sections:   []corpus.Section{{Heading: "1 Results", Level: 1}},
		Body:       []corpus.Block{{Kind: corpus.BlockParagraph, Section: 0, Sentences: sents}},
		References: []corpus.Reference{{N: 1, Raw: "Ames, R. (2019). Dust. Solar Notes, 3, 1-9.", Authors: []string{"Ames, R."}, Year: "2019", Title: "Dust"}},
	}
	e := engineFor(t, p)
	a := askOK(t, e, p.ID, "what does dust index mean")
	if !strings.Contains(a.Text, "is defined as") || !slices.Contains(a.Citations, 1) {
		t.Errorf("want the paper's definition with [1]:\n%s", a.Text)
	}
}

// A question on what the paper only plans or did not do is declined,
// saying what the paper does say; a question on its plans is answered.
func TestNotReportedIsDeclined(t *testing.T) {
	p := &corpus.Paper{ID: "roofs", Title: "Dust on Roofs", Abstract: "We measured soiling on eight roofs for a year.",
		Sections: []corpus.Section{{Heading: "1 Results", Level: 1}, {Heading: "2 Future Work", Level: 1}},
		Body: []corpus.Block{
			{Kind: corpus.BlockParagraph, Section: 0, Sentences: []corpus.BodySentence{{Text: "Soiling cost the roofs 7.8% of their energy."}}},
			{Kind: corpus.BlockParagraph, Section: 1, Sentences: []corpus.BodySentence{{Text: "Future work will also test anti-soiling coatings on the same roofs."}}},
		},
	}
	e := engineFor(t, p)
	a := askOK(t, e, p.ID, "how well did the anti-soiling coatings work on the roofs")
	if !a.Abstained || !strings.Contains(a.Text, "doesn't report that") || !strings.Contains(a.Text, "Future work will also test") {
		t.Errorf("want a decline saying it is future work:\n%s", a.Text)
	}
	a = askOK(t, e, p.ID, "will they test anti-soiling coatings?")
	if a.Abstained {
		t.Errorf("a question on the paper's plans was declined:\n%s", a.Text)
	}
}
