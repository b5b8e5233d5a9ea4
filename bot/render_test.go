package bot

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"paperbot/corpus"
	"paperbot/retrieval"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/study"

	"paperbot/internal/discord"
)

func sampleAnswer() *answer.Answer {
	return &answer.Answer{
		PaperID: "china-soft-power-central-asia",
		Text: "From the abstract: “China's soft power in Central Asia rests on education, media and investment.”\n" +
			"Relevant references:\n[9] Author 2019, A title\n[18] Other 2021, Another title",
		Citations: []int{9, 18},
		Mode:      answer.ModeOffline,
		Passages: []retrieval.Hit{
			{Passage: retrieval.Passage{Kind: retrieval.KindAbstract, Seq: 2, Text: "China's soft power in Central Asia rests on education, media and investment."}, Score: 0.0331, Lexical: 4.2, Vector: 0.61},
			{Passage: retrieval.Passage{Kind: retrieval.KindReference, Ref: 9, Text: "Author 2019, A title. Journal."}, Score: 0.0312, Lexical: 2.5, Vector: 0.44},
			{Passage: retrieval.Passage{Kind: retrieval.KindReference, Ref: 18, Text: "Other 2021, Another title <@&1> @here."}, Score: 0.029, Lexical: 1.1, Vector: 0.39},
		},
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

func TestRenderGolden(t *testing.T) {
	p := corpus.Default()
	refs := p.References
	embed, comps := refsPage(p, refs, refsOrder{}, 0)
	embed2, comps2 := refsPage(p, refs, refsOrder{}, 2)
	cases := map[string]string{
		"answer.golden":           answerText("How does China use soft power?", sampleAnswer()) + "\n",
		"evidence.golden":         jsonOf(t, evidenceEmbed("How does China use soft power?", sampleAnswer(), false)),
		"evidence_details.golden": jsonOf(t, evidenceEmbed("How does China use soft power?", sampleAnswer(), true)),
		"buttons.golden":          jsonOf(t, answerButtons("abc1", sampleAnswer())),
		"refs_page1.golden":       jsonOf(t, map[string]any{"embed": embed, "components": comps}),
		"refs_page3.golden":       jsonOf(t, map[string]any{"embed": embed2, "components": comps2}),
		"paper.golden":            jsonOf(t, paperEmbed(p)),
		"help.golden":             jsonOf(t, helpEmbed(p)),
		"paper_buttons.golden":    jsonOf(t, suggestButtons(p.ID, study.Suggestions(p, study.Glossary(p)))),
		"cite_bibtex.golden": citeText("**Reference [15]** (BIBTEX)", "bibtex",
			corpus.FormatRef(corpus.StyleBibTeX, p, &refs[14])) + "\n",
	}
	for name, got := range cases {
		t.Run(name, func(t *testing.T) { golden(t, name, got) })
	}
	for _, e := range []*discordgo.MessageEmbed{embed, embed2, paperEmbed(p), helpEmbed(p), evidenceEmbed("q", sampleAnswer(), true)} {
		checkEmbed(t, e)
	}
}

func TestGroundingFooter(t *testing.T) {
	abstract := retrieval.Hit{Passage: retrieval.Passage{Kind: retrieval.KindAbstract, Text: "China's soft power in Central Asia rests on education."}}
	tests := []struct {
		name string
		a    answer.Answer
		want string
	}{
		{"abstained", answer.Answer{Abstained: true, Citations: []int{3}}, "Not covered by the paper"},
		{"abstract and refs", answer.Answer{Text: "“China's soft power in Central Asia rests on education.” [9]", Citations: []int{9, 18}, Passages: []retrieval.Hit{abstract}},
			"From the abstract and references [9] [18]"},
		{"one ref", answer.Answer{Text: "x [9]", Citations: []int{9}}, "From reference [9]"},
		{"abstract label", answer.Answer{Text: "Soft power matters [A1]."}, "From the abstract"},
		{"nothing", answer.Answer{Text: "Something."}, "No source cited"},
		{"unverified", answer.Answer{Text: "Something.", Unverified: true}, "No source cited · ⚠️ unverified: no valid citation"},
		{"pinned", answer.Answer{Text: "Pinned.", Mode: answer.ModePinned}, "Answer pinned by an instructor"},
	}
	for _, tc := range tests {
		if got := groundingFooter(&tc.a); got != tc.want {
			t.Errorf("%s: footer %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestFitEmbed(t *testing.T) {
	e := &discordgo.MessageEmbed{
		Title:       strings.Repeat("t", 300),
		Description: strings.Repeat("d [12] ", 1000),
		Footer:      &discordgo.MessageEmbedFooter{Text: strings.Repeat("f", 3000)},
	}
	for i := 0; i < 30; i++ {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: strings.Repeat("n", 300), Value: strings.Repeat("é", 2000)})
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{})
	checkEmbed(t, fitEmbed(e))
}

func checkEmbed(t *testing.T, e *discordgo.MessageEmbed) {
	t.Helper()
	lim := func(what, s string, n int) {
		if c := utf8.RuneCountInString(s); c > n {
			t.Errorf("%s: %d chars > %d", what, c, n)
		}
		if !utf8.ValidString(s) {
			t.Errorf("%s: invalid UTF-8", what)
		}
	}
	lim("title", e.Title, discord.MaxEmbedTitle)
	lim("description", e.Description, discord.MaxEmbedDescription)
	if len(e.Fields) > discord.MaxEmbedFields {
		t.Errorf("%d fields", len(e.Fields))
	}
	for _, f := range e.Fields {
		lim("field name", f.Name, discord.MaxFieldName)
		lim("field value", f.Value, discord.MaxFieldValue)
		if strings.TrimSpace(f.Name) == "" || strings.TrimSpace(f.Value) == "" {
			t.Errorf("empty field %+v", f)
		}
	}
	if e.Footer != nil {
		lim("footer", e.Footer.Text, discord.MaxFooterText)
	}
	if n := embedTotal(e); n > discord.MaxEmbedTotal {
		t.Errorf("embed total %d > %d", n, discord.MaxEmbedTotal)
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"hello world again", 12, "hello world…"},
		{"ééééé", 3, "éé…"},
		{"see [12] now", 7, "see…"},
		{"abc", 0, ""},
		{"abc", 1, "…"},
	}
	for _, tc := range tests {
		if got := truncate(tc.in, tc.n); got != tc.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestCiteChoices(t *testing.T) {
	refs := corpus.Default().References
	tests := []struct {
		partial string
		matched map[int]bool
		first   string
		n       int
	}{
		{"", nil, "paper — cite this paper itself", 25},
		{"2", nil, "2 — ", 11}, // 2, 20-29
		{"[15]", nil, "15 — Nye", 1},
		{"pa", nil, "paper — ", 1},
		{"nye", map[int]bool{10: true, 15: true}, "10 — Nye", 2},
		{"zzz", map[int]bool{}, "", 0},
		{"2", map[int]bool{1: true, 20: true}, "2 — ", 12}, // numbers first, then the other matches
		{"2019", map[int]bool{1: true, 2: true, 6: true, 29: true}, "1 — ", 4},
	}
	for _, tc := range tests {
		got := citeChoices(refs, tc.partial, tc.matched)
		if len(got) != tc.n {
			t.Errorf("%q: %d choices, want %d", tc.partial, len(got), tc.n)
			continue
		}
		if tc.n > 0 && !strings.HasPrefix(got[0].Name, tc.first) {
			t.Errorf("%q: first choice %q, want prefix %q", tc.partial, got[0].Name, tc.first)
		}
		for _, c := range got {
			if utf8.RuneCountInString(c.Name) > discord.MaxChoiceName {
				t.Errorf("choice name too long: %q", c.Name)
			}
		}
	}
}

func TestRefsButtonID(t *testing.T) {
	id := refsButtonID(3, "soft power: asia", "n")
	if len(id) > discord.MaxCustomID {
		t.Fatalf("custom id too long: %q", id)
	}
	page, q, _, ok := parseRefsButtonID(id)
	if !ok || page != 3 || q != "soft power: asia" {
		t.Fatalf("parse(%q) = %d %q %v", id, page, q, ok)
	}
	for _, bad := range []string{"pb:refs:", "pb:refs:x:n:q", "pb:ev:1", "pb:refs:-1:n:q"} {
		if _, _, _, ok := parseRefsButtonID(bad); ok {
			t.Errorf("parse(%q) accepted", bad)
		}
	}
}

func TestStripping(t *testing.T) {
	if got := stripMention("<@42> what is  soft power? <@!42>", "42"); got != "what is soft power?" {
		t.Errorf("stripMention = %q", got)
	}
	bot := "> **Q:** what?\nSoft power [15].\n\n*note*\n-# From reference [15]"
	if got := stripBotChrome(bot); got != "Soft power [15].\n\n*note*" {
		t.Errorf("stripBotChrome = %q", got)
	}
}
