package answer

import (
	"context"
	"slices"
	"strings"
	"testing"

	"paperbot/corpus"
)

// Real English words are read as written, never as typos of question
// words or of the paper's words.
func TestDictionaryWordsAreNotTypos(t *testing.T) {
	qq := analyze("how big are the cities")
	if !slices.Contains(qq.focus, "cities") {
		t.Errorf("focus %v lost “cities” (read as a typo of “cited”)", qq.focus)
	}
	if qq := analyze("What does LTS stand for?"); !slices.Contains(qq.focus, "lts") || qq.intent != IntentDefine {
		t.Errorf("acronym question read as intent %s, focus %v", qq.intent, qq.focus)
	}
}

// A misspelt question word is framing; a real word one letter from one
// ("wheat", "what") is a topic.
func TestMisspeltFrameWords(t *testing.T) {
	if qq := analyze("wat is the yield ratio"); slices.Contains(qq.focus, "wat") {
		t.Errorf("focus %v kept the misspelt “what”", qq.focus)
	}
	if qq := analyze("what is the wheat yield"); !slices.Contains(qq.focus, "wheat") {
		t.Errorf("focus %v lost “wheat”", qq.focus)
	}
	if qq := analyze("who invnted the term"); qq.intent != IntentCoined {
		t.Errorf("misspelt “invented” read as intent %s", qq.intent)
	}
}

// The words of a recognised question phrase are framing, not a topic,
// and common phrasings reach their structural intent.
func TestQuestionPhrases(t *testing.T) {
	for q, want := range map[string]Intent{
		"what was the research question":                   IntentAim,
		"what was the hypothesis":                          IntentAim,
		"who funded the study":                             IntentFunding,
		"what's planned for future versions":               IntentFuture,
		"when did it come out":                             IntentVenue,
		"whos the first author":                            IntentAuthors,
		"which refs are about muscle atrophy":              IntentWhichSource,
		"what do they cite for electrode size":             IntentWhichSource,
		"who ran the survey":                               IntentAuthors,
		"how did the researchers carry out the experiment": IntentMethod,
		"how were the trials designed":                     IntentMethod,
		"what questions was the study trying to answer":    IntentAim,
		"what do the authors plan to study next":           IntentFuture,
		"what are the weak spots of this paper":            IntentLimitations,
		"a brief overview please":                          IntentAbout,
		"what's their method":                              IntentMethod,
		"whats the methodology":                            IntentMethod,
		"what is the overall approach of the study":        IntentMethod,
		"what's their method basically":                    IntentMethod,
		"what's their aim":                                 IntentAim,
		"what're the limitations":                          IntentLimitations,
		"what's the weakest part of the argument":          IntentLimitations,
		"strongest vs weakest swimmers, who improved more": IntentCompare,
		"explain the results in simple terms":              IntentFindings,
		"give me the takeaways":                            IntentFindings,
		"what evidence do they give?":                      IntentMethod,
		"what are the key terms I should know?":            IntentTerms,
		"can u tell me what this paper is about pls":       IntentAbout,
		"could you explain what the article is saying":     IntentAbout,
		"how many references are there?":                   IntentWhichSource,
		"summarize it in two sentences":                    IntentAbout,
		"main concepts of the paper":                       IntentTerms,
		"is this a randomised trial?":                      IntentMethod,
	} {
		qq := analyze(q)
		if qq.intent != want {
			t.Errorf("%q: intent %s, want %s", q, qq.intent, want)
		}
		if want.isMeta() && len(qq.focus) > 0 {
			t.Errorf("%q: focus %v, want none", q, qq.focus)
		}
	}
}

// Forms of the words that only frame a question ("studied", "showed",
// "described") are no part of its focus, as the words themselves are not.
func TestFrameWordFormsLeaveTheFocus(t *testing.T) {
	for q, want := range map[string][]string{
		"what crop was studied":               {"crop"},
		"which towns were studied":            {"towns"},
		"what was described about irrigation": {"irrigation"},
		"what did the trial show about rain":  {"trial", "rain"},
	} {
		if got := analyze(q).focus; !slices.Equal(got, want) {
			t.Errorf("%q: focus %q, want %q", q, got, want)
		}
	}
}

// The label of a structured abstract gives the role of its sentences.
func TestStructuredAbstractLabels(t *testing.T) {
	for text, want := range map[string]Role{
		"Methods: A set-up with thirty electrodes was applied.": RoleMethod,
		"Results.":                                 RoleResult,
		"Conclusions: The approach works.":         RoleConclusion,
		"Objective: to test whether X predicts Y.": RoleAim,
	} {
		if got, _, ok := labelRole(text); !ok || got != want {
			t.Errorf("labelRole(%q) = %s, %v; want %s", text, got, ok, want)
		}
	}
	if _, bare, _ := labelRole("Results."); !bare {
		t.Error("a label alone is not marked bare")
	}
	if !isSignpost("This section is divided into three main sub-sections.") || isSignpost("The section of the nerve was cut.") {
		t.Error("signposts misread")
	}
}

// A which-source answer on one clause of a sentence citing several
// groups quotes that clause with its own marker only.
func TestClauseExcerpt(t *testing.T) {
	pi := newPaperInfo(bodyPaper())
	text := "Studies have shown effects in disorders such as floods [1], storms [2], steep slopes [3, 4] or drains [5]."
	got, ok := clauseExcerpt(pi, text, []int{3, 4})
	want := "Studies have shown effects in disorders such as floods … steep slopes [3, 4] …"
	if !ok || got != want {
		t.Errorf("clauseExcerpt = %q, %v; want %q", got, ok, want)
	}
}

// "Tell me more about the second source" finds the source an earlier
// answer named by author and year.
func TestMentionedRefsAuthorYear(t *testing.T) {
	pi := newPaperInfo(bodyPaper())
	got := pi.mentionedRefs("Ortiz (2018) and Quinn (2020) measured it.")
	if !slices.Equal(got, []int{3, 4}) {
		t.Errorf("mentionedRefs = %v, want [3 4]", got)
	}
}

// Limitations come from a section of that name; a recommendation from a
// sentence that recommends.
func TestRoleAnswersOnBody(t *testing.T) {
	pi := newPaperInfo(bodyPaper())
	a := metaAnswer(pi, analyze("What are the limitations?"), nil)
	if a.Abstained || !containsPhrase(normalizeForMatch(a.Text), "rare extreme storm") {
		t.Errorf("limitations answer: %q", a.Text)
	}
	a = metaAnswer(pi, analyze("Who funded the study?"), nil)
	if !containsPhrase(normalizeForMatch(a.Text), "doesn't say who funded") {
		t.Errorf("funding answer: %q", a.Text)
	}
}

// A question that names the paper and nothing else is answered with what
// the paper is about; "the approach to X" stays a question about X.
func TestPaperOnlyQuestions(t *testing.T) {
	e := newTestEngine(t, Options{})
	for _, q := range []string{"What is this paper trying to say?", "so what does the article say"} {
		a, err := e.Ask(context.Background(), Request{Question: q})
		if err != nil {
			t.Fatal(err)
		}
		if a.Abstained || !strings.Contains(a.Text, "From the abstract") {
			t.Errorf("%q: %q", q, a.Text)
		}
	}
	if qq := analyze("what are the main concepts of water pricing"); qq.intent == IntentTerms {
		t.Errorf("a topic's concepts read as the paper's key terms")
	}
	if qq := analyze("what's the approach to water pricing"); qq.intent == IntentMethod {
		t.Errorf("a topic's approach read as the paper's method")
	}
	// "what's X" is read as "what is X" by the patterns and the model.
	if a, b := analyze("what's the belt and road initiative?"), analyze("what is the belt and road initiative?"); a.intent != b.intent || a.intent != IntentDefine {
		t.Errorf("what's: %s, what is: %s, want both %s", a.intent, b.intent, IntentDefine)
	}
}

// Funding stated as a contract in a footnote is found.
func TestFundingUnderContract(t *testing.T) {
	if !fundingRe.MatchString("This manuscript has been authored by an operator under Contract No. AB-12 with a national agency.") {
		t.Error("contract footnote not read as funding")
	}
}

// A sentence saying the study overcomes others' limitations is no
// limitation of the study.
func TestOvercomeIsNoLimitation(t *testing.T) {
	if r := sentenceRole("The approach proposed here overcomes potential limitations of earlier methods.", 1, 3); r == RoleLimitation {
		t.Error("read as a limitation")
	}
	if r := sentenceRole("Due to space limitations we used monopolar recordings.", 1, 3); r != RoleLimitation {
		t.Errorf("role %s, want limitation", r)
	}
}

// "How is X different from Y" is a comparison of X and Y, the comparison
// word belonging to neither side.
func TestDifferentFromIsCompare(t *testing.T) {
	qq := analyze("how is peer tutoring different from group teaching")
	if qq.intent != IntentCompare {
		t.Fatalf("intent %s, want compare", qq.intent)
	}
	if qq.compare != [2]string{"peer tutoring", "group teaching"} {
		t.Errorf("sides %q", qq.compare)
	}
}

// A comparison of two works of the reference list, each named by its
// year and its author, answers with the two entries.
func TestCompareTwoReferences(t *testing.T) {
	e := newTestEngine(t, Options{})
	a, err := e.Ask(t.Context(), Request{Question: "How does Nye's 2011 book compare with his 2021 article?"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Abstained || !slices.Equal(a.Citations, []int{10, 16}) {
		t.Errorf("citations %v, want [10 16]:\n%s", a.Citations, a.Text)
	}
}

// A follow-up that names a topic word of its own asks about that topic,
// not in the earlier question's way; one of everyday words only asks on
// the earlier topic.
func TestFollowUpWithItsOwnTopic(t *testing.T) {
	e := newTestEngine(t, Options{})
	p, err := e.Paper("")
	if err != nil {
		t.Fatal(err)
	}
	pi := e.info(p)
	history := []Turn{{Role: "user", Text: "What are the limitations?"}, {Role: "assistant", Text: "The paper doesn't state any."}}
	qq := analyze("why did they look at Kyrgyzstan?")
	pi.resolveFollowUp(&qq, history)
	if qq.intent != IntentFact {
		t.Errorf("own-topic follow-up read as %s, want fact", qq.intent)
	}
	qq = analyze("why does that matter?")
	pi.resolveFollowUp(&qq, history)
	if qq.intent != IntentLimitations {
		t.Errorf("everyday follow-up read as %s, want the earlier limitations", qq.intent)
	}
}

// Vancouver-style names ("Darriba D") are read family name first; names
// with a comma as before.
func TestVancouverNames(t *testing.T) {
	for in, want := range map[string][2]string{
		"Darriba D":        {"darriba", "D. Darriba"},
		"Alvarez-Ponce D":  {"alvarez-ponce", "D. Alvarez-Ponce"},
		"Taboada GL":       {"taboada", "G. L. Taboada"},
		"Nye, J. S.":       {"nye", "J. S. Nye"},
		"National Reading": {"reading", "National Reading"},
	} {
		if got := surname(in); got != want[0] {
			t.Errorf("surname(%q) = %q, want %q", in, got, want[0])
		}
		if got := displayName(in); got != want[1] {
			t.Errorf("displayName(%q) = %q, want %q", in, got, want[1])
		}
	}
	if qq := analyze("who made ProtTest"); qq.intent != IntentCoined || !slices.Equal(qq.focus, []string{"prottest"}) {
		t.Errorf("intent %s focus %v, want coined [prottest]", qq.intent, qq.focus)
	}
}

// A which-source question that names no topic is answered with the
// reference list: its size and the references the text cites most.
func TestSourcesOverview(t *testing.T) {
	ctx := context.Background()
	a, err := newBodyEngine(t).Ask(ctx, Request{Question: "What sources did the author use?"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Abstained || !strings.Contains(a.Text, "lists 5 references") || !strings.Contains(a.Text, "[3] Ortiz 2018, Measuring storm drain depth (cited 2×)") || !slices.Equal(a.Citations, []int{3}) {
		t.Errorf("body paper: %q cites %v", a.Text, a.Citations)
	}
	a, err = newTestEngine(t, Options{}).Ask(ctx, Request{Question: "what are the main sources?"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Abstained || !strings.Contains(a.Text, "lists 29 references") || strings.Contains(a.Text, "cites most") {
		t.Errorf("default paper: %q", a.Text)
	}
}

// "What are the key terms?" names the terms /glossary finds and quotes
// the paper's definition of one.
func TestTermsAnswer(t *testing.T) {
	a, err := newTestEngine(t, Options{}).Ask(context.Background(), Request{Question: "What are the key terms I should know?"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Abstained || !strings.HasPrefix(a.Text, "Key terms of the paper: ") || !strings.Contains(a.Text, "soft power") || !strings.Contains(a.Text, "/glossary") {
		t.Errorf("%q", a.Text)
	}
}

// A quoted sentence that ends with a colon is quoted with what follows
// it, and list bullets the text layer gathered are left out of a quote.
func TestColonContinuation(t *testing.T) {
	p := bodyPaper()
	p.Body = append(p.Body, corpus.Block{Kind: corpus.BlockParagraph, Section: 2, Sentences: []corpus.BodySentence{
		{Text: "Drain overflow was scored on three criteria:"},
		{Text: "- - - Depth; Duration; Debris left behind."},
	}})
	pi := newPaperInfo(p)
	r := newReply(pi)
	for i, ps := range pi.passages {
		if ps.Text == "Drain overflow was scored on three criteria:" {
			r.quotes([]int{i})
		}
	}
	want := "“Drain overflow was scored on three criteria:” “Depth; Duration; Debris left behind.”"
	if !strings.Contains(r.b.String(), want) {
		t.Errorf("got %q, want it to hold %q", r.b.String(), want)
	}
}

// In a conversation, "What is this paper trying to say?" names the paper
// itself: it is no follow-up of the question before.
func TestPaperOnlyQuestionInConversation(t *testing.T) {
	hist := []Turn{{Role: "user", Text: "What are the key terms?"}, {Role: "assistant", Text: "Key terms of the paper: soft power."}}
	a, err := newTestEngine(t, Options{}).Ask(context.Background(), Request{Question: "What is this paper trying to say?", History: hist})
	if err != nil {
		t.Fatal(err)
	}
	if a.Abstained || strings.HasPrefix(a.Text, "Key terms") || !strings.Contains(a.Text, "From the abstract") {
		t.Errorf("%q", a.Text)
	}
}

// "Summarise it in one sentence" quotes one sentence.
func TestAskedLength(t *testing.T) {
	for q, want := range map[string]int{"summarize it in one sentence": 1, "main findings in 2 lines": 2, "what is soft power": 0, "in a nutshell": 0} {
		if got := analyze(q).length; got != want {
			t.Errorf("%q: length %d, want %d", q, got, want)
		}
	}
	a, err := newTestEngine(t, Options{}).Ask(context.Background(), Request{Question: "Summarize the paper in one sentence"})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(a.Text, "“") - 1; n != 1 { // the title is quoted too
		t.Errorf("%d sentences quoted: %q", n, a.Text)
	}
}

// Aims stated in the common forms of academic English are aims, in the
// body as in the abstract; a goal of someone else is not the paper's.
func TestStatedAims(t *testing.T) {
	for _, s := range []string{
		"This study has two main aims: to map the wetlands and to count the birds.",
		"The project had three objectives: mapping, counting and reporting.",
		"Our primary objective was to estimate the cost of repairs.",
		"The specific aims of this study were to date the pottery and to trace its clay.",
		"We set out to test whether shade reduces heat stress in goats.",
		"The survey was designed to capture seasonal changes in commuting.",
		"This study therefore asked three questions.",
	} {
		if r := bodyRole(s); r != RoleAim {
			t.Errorf("%q: role %s, want aim", s, r)
		}
	}
	if r := bodyRole("The goal of the ministry was to cut waiting lists."); r == RoleAim {
		t.Error("someone else's goal read as the paper's aim")
	}
}

// Common study-group phrasings of questions about the paper itself.
func TestStudyGroupPhrasings(t *testing.T) {
	for q, want := range map[string]Intent{
		"what type of study is this?":                IntentMethod,
		"what sort of evidence do they use?":         IntentMethod,
		"what problem does this paper address?":      IntentAim,
		"what gap in the literature does it fill?":   IntentAim,
		"why does this research matter?":             IntentConclusion,
		"what would you criticise about this study?": IntentLimitations,
		"are there any flaws with the study design?": IntentLimitations,
		"what are the key results in numbers?":       IntentFindings,
		"when did the authors publish this?":         IntentVenue,
	} {
		if got := analyze(q).intent; got != want {
			t.Errorf("%q: intent %s, want %s", q, got, want)
		}
	}
}

// Two-letter question words with a letter left out ("hw", "wy") and a
// misspelt "many" frame the question; two-letter topics stay topics.
func TestShortFrameTypos(t *testing.T) {
	for _, w := range []string{"hw", "wy", "mnay", "hwo"} {
		if !typoOfFrame(w) {
			t.Errorf("%q not read as a misspelt question word", w)
		}
	}
	for _, w := range []string{"ai", "uk", "eu"} {
		if typoOfFrame(w) {
			t.Errorf("%q read as a misspelt question word", w)
		}
	}
}

// The words that only carry a comparison are no topic of it.
func TestComparativesAreNoTopic(t *testing.T) {
	qq := analyze("safe vs severe drying, which is better for yield")
	if qq.intent != IntentCompare {
		t.Fatalf("intent %s", qq.intent)
	}
	for _, w := range qq.focus {
		if w == "better" {
			t.Errorf("focus %q keeps %q", qq.focus, w)
		}
	}
	for w, want := range map[string]bool{"higher": true, "steeper": true, "safest": true, "easier": true, "bigger": true,
		"farmer": false, "water": false, "paper": false, "interest": false, "computer": false} {
		if got := isComparative(w); got != want {
			t.Errorf("isComparative(%q) = %v, want %v", w, got, want)
		}
	}
}

// The study named as a question's frame ("in the trial") is no topic of
// it when the question names something else; alone it stays.
func TestStudyFrameIsNoTopic(t *testing.T) {
	if qq := analyze("how many hauls were in the trial"); !slices.Equal(qq.focus, []string{"hauls"}) {
		t.Errorf("focus %q, want [hauls]", qq.focus)
	}
	if qq := analyze("what went wrong in the trial"); !slices.Contains(qq.focus, "trial") {
		t.Errorf("focus %q lost its only topic", qq.focus)
	}
}

// "Came out best" asks no date: without a word of publication a question
// is no venue question.
func TestCameOutBestIsNoVenue(t *testing.T) {
	for _, q := range []string{"which cleaning plan came out best", "which method came out on top"} {
		if in := analyze(q).intent; in == IntentVenue {
			t.Errorf("%q read as a venue question", q)
		}
	}
	for _, q := range []string{"when did it come out", "what journal is it in"} {
		if in := analyze(q).intent; in != IntentVenue {
			t.Errorf("%q: intent %s, want venue", q, in)
		}
	}
}

// "Supported by" funds something only with a funder after it.
func TestLooseSupportIsNoFunding(t *testing.T) {
	if !looseSupportOnly("Reviews attribute the gap to infrastructure, supported by land-use patterns and traffic calming [13].") {
		t.Error("read as funding")
	}
	for _, s := range []string{"This study was supported by the German Federal Ministry for Education and Research.", "AG was also supported by grants from the Research Council.", "The work was supported by the Wellcome Trust."} {
		if looseSupportOnly(s) {
			t.Errorf("%q not read as funding", s)
		}
	}
}

// More study-group phrasings: "is the author biased?" asks no name,
// "explain like I'm 5" asks for the gist, "different" only compares, and
// the challenges of a named topic are no limitations of the paper.
func TestMorePhrasings(t *testing.T) {
	if in := analyze("is the author biased?").intent; in == IntentAuthors {
		t.Error("'is the author biased?' read as who wrote it")
	}
	if in := analyze("explain like i'm 5").intent; in != IntentAbout {
		t.Errorf("'explain like i'm 5': intent %s, want about", in)
	}
	qq := analyze("how is china's approach different from russia's?")
	if slices.Contains(qq.focus, "different") {
		t.Errorf("focus %q keeps the comparison word", qq.focus)
	}
	if in := analyze("what are the challenges China faces?").intent; in == IntentLimitations {
		t.Error("a named topic's challenges read as the paper's limitations")
	}
	if in := analyze("what are the limitations of the study?").intent; in != IntentLimitations {
		t.Errorf("limitations of the study: intent %s", in)
	}
}

// "What is the role of X?" asks what the paper says of X's part, not
// what X is: the frame's words leave the focus and the question is no
// definition; "play" as a topic stays.
func TestRoleFrame(t *testing.T) {
	for q, want := range map[string]string{
		"What is the role of Russia?":                   "russia",
		"what's Russia's role":                          "russia",
		"What role does trade play?":                    "trade",
		"what is the importance of education":           "education",
		"what does the paper say about children's play": "children play",
	} {
		qq := analyze(q)
		if got := strings.Join(qq.focus, " "); got != want {
			t.Errorf("%q: focus %q, want %q", q, got, want)
		}
		if qq.intent == IntentDefine {
			t.Errorf("%q: read as a definition question", q)
		}
	}
}

// "Did it help X?" asks whether the paper reports an effect on X: the
// effect verb is dropped from the focus when the paper does not use it
// itself (in this paper "help" would be read as the "assist" of
// "teaching assistant"); in a question that is no yes-or-no question it
// stays.
func TestEffectFrame(t *testing.T) {
	p := repoPaper(t, "../../testdata/papers/cross-age-paired-reading.txt")
	e := engineFor(t, p)
	a := askOK(t, e, p.ID, "did it help comprehension?")
	if a.Abstained || !strings.Contains(a.Text, "comprehension") {
		t.Errorf("did it help comprehension?\n%s", a.Text)
	}
	pi := e.info(p)
	qq := analyze("how did the assistant help the tutors?")
	var words []string
	for _, m := range focusOf(pi, qq) {
		words = append(words, m.word)
	}
	if !slices.Contains(words, "help") {
		t.Errorf("a how-question lost its verb: %v", words)
	}
}

// The form or reader a summary is asked for ("in bullet points", "a 3
// sentence summary", "for a 10 year old") names no topic.
func TestSummaryForm(t *testing.T) {
	for _, q := range []string{"bullet point summary please", "summarize in bullet points", "give me a 3 sentence summary", "summarize for a 10 year old"} {
		if qq := analyze(q); qq.intent != IntentAbout || len(qq.focus) > 0 {
			t.Errorf("%q: intent %s, focus %v", q, qq.intent, qq.focus)
		}
	}
	if qq := analyze("what did they find for 10 year olds"); !slices.Contains(qq.focus, "year") {
		t.Errorf("a topic lost: focus %v", qq.focus)
	}
}

// "So phones are bad for sleep?" asks what the paper says of phones and
// sleep, though it never says "bad".
func TestEvaluativeYesNo(t *testing.T) {
	p := repoPaper(t, "../../testdata/eval/tune2-papers/teen-phones-sleep.txt")
	if a := askOK(t, engineFor(t, p), p.ID, "so phones are bad for sleep?"); a.Abstained {
		t.Errorf("declined:\n%s", a.Text)
	}
}

// A lower-case abbreviation of the paper one letter from a question word
// ("awd" and "and") is the paper's word, not a typo.
func TestPaperWordNoTypo(t *testing.T) {
	p := repoPaper(t, "../../testdata/eval/tune2-papers/rice-awd-irrigation.txt")
	e := engineFor(t, p)
	if qq := analyzeIn("what is awd?", e.info(p).words); !slices.Contains(qq.focus, "awd") {
		t.Errorf("focus %v", qq.focus)
	}
	if a := askOK(t, e, p.ID, "what does awd mean"); a.Abstained || !strings.Contains(a.Text, "AWD") {
		t.Errorf("declined:\n%s", a.Text)
	}
}

// "What is AWD?" is answered first with the sentence that introduces the
// abbreviation after its expansion.
func TestAcronymDefinition(t *testing.T) {
	p := repoPaper(t, "../../testdata/eval/tune2-papers/rice-awd-irrigation.txt")
	a := askOK(t, engineFor(t, p), p.ID, "what is AWD?")
	first, _, _ := strings.Cut(a.Text, "\n")
	if !strings.Contains(first, "Alternate wetting and drying (AWD)") {
		t.Errorf("first line %q\n%s", first, a.Text)
	}
}

// "What is TideKit?" of a paper that presents it ("We present TideKit,
// software that …") quotes that sentence first.
func TestPresentedTermDefinition(t *testing.T) {
	p := &corpus.Paper{ID: "tidekit", Title: "TideKit: Harbour Tide Tables at Scale",
		Abstract: "Tide tables for small harbours are still kept by hand. TideKit may be downloaded from our website. We present TideKit, software that predicts harbour tides from a year of gauge readings. TideKit ran on forty harbours. TideKit matched printed tables within ten centimetres."}
	a := askOK(t, engineFor(t, p), p.ID, "what is tidekit?")
	if !strings.HasPrefix(a.Text, "From the abstract: “We present TideKit") {
		t.Errorf("answer:\n%s", a.Text)
	}
}
