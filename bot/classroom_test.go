package bot

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"paperbot/corpus"
	"paperbot/internal/store"

	"paperbot/internal/discord"
)

func TestPackLines(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		n     int
		want  []string
	}{
		{"empty", nil, 10, []string{""}},
		{"one page", []string{"ab", "cd"}, 10, []string{"ab\ncd"}},
		{"exact fit", []string{"abcd", "efgh"}, 9, []string{"abcd\nefgh"}},
		{"splits", []string{"abcd", "efgh", "ij"}, 8, []string{"abcd", "efgh\nij"}},
		{"long line cut", []string{"abcdefghijkl"}, 6, []string{"abcde…"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := packLines(tc.lines, tc.n)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			for _, p := range got {
				if utf8.RuneCountInString(p) > tc.n {
					t.Errorf("page over %d: %q", tc.n, p)
				}
			}
		})
	}
}

func TestWithFeedback(t *testing.T) {
	row := func(n int) discordgo.ActionsRow {
		var r discordgo.ActionsRow
		for i := 0; i < n; i++ {
			r.Components = append(r.Components, discordgo.Button{CustomID: "x" + itoa(i)})
		}
		return r
	}
	count := func(comps []discordgo.MessageComponent) (rows, buttons int) {
		for _, c := range comps {
			rows++
			buttons += len(c.(discordgo.ActionsRow).Components)
		}
		return
	}
	for _, tc := range []struct {
		name              string
		in                []discordgo.MessageComponent
		id                string
		wantRows, wantBtn int
	}{
		{"no store id", []discordgo.MessageComponent{row(2)}, "", 1, 2},
		{"joins the row", []discordgo.MessageComponent{row(2)}, "abc", 1, 4},
		{"no other buttons", []discordgo.MessageComponent{}, "abc", 1, 2},
		{"full row", []discordgo.MessageComponent{row(4)}, "abc", 2, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, before := count(tc.in)
			out := withFeedback(tc.in, tc.id)
			if rows, btn := count(out); rows != tc.wantRows || btn != tc.wantBtn {
				t.Fatalf("rows %d buttons %d, want %d %d", rows, btn, tc.wantRows, tc.wantBtn)
			}
			if _, after := count(tc.in); after != before {
				t.Fatal("input modified")
			}
		})
	}
	out := withFeedback([]discordgo.MessageComponent{}, store.NewID())
	for _, c := range out[0].(discordgo.ActionsRow).Components {
		if id := c.(discordgo.Button).CustomID; len(id) > discord.MaxCustomID {
			t.Errorf("custom id too long: %q", id)
		}
	}
}

func TestCheckAttachment(t *testing.T) {
	att := func(name string, size int) *discordgo.MessageAttachment {
		return &discordgo.MessageAttachment{Filename: name, Size: size, URL: "http://127.0.0.1/x"}
	}
	for _, tc := range []struct {
		att  *discordgo.MessageAttachment
		want string
	}{
		{att("paper.txt", 10), ""},
		{att("Paper.PDF", 10), ""},
		{att("paper.docx", 10), "is not a .txt or .pdf file"},
		{att("paper", 10), "is not a .txt or .pdf file"},
		{att("paper.txt", 0), "is empty"},
		{att("paper.txt", 11<<20), "is 11.0 MB; the limit is 10.0 MB"},
		{&discordgo.MessageAttachment{Filename: "a.txt", Size: 3}, "didn't give me a link"},
		{att("**bold** @everyone.txt", 0), "“\\*\\*bold\\*\\* @\u200beveryone.txt” is empty"},
	} {
		err := checkAttachment(tc.att, DefaultMaxUploadBytes)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: unexpected %v", tc.att.Filename, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want %q", tc.att.Filename, err, tc.want)
		}
	}
}

func TestQuizMessageAndVerdict(t *testing.T) {
	q := store.QuizQuestion{ID: store.NewID(), Question: "Which reference reports on the Xi'an summit?",
		Choices: []string{"[8] A", "[3] B", "[12] C", "[1] D"}, Correct: 0, Refs: []int{15}}
	content, comps := quizMessage(q, 1, 3, "summit")
	if !strings.Contains(content, "Quiz question 1 of 3** · topic: summit") || !strings.Contains(content, "**D.** [1] D") {
		t.Fatalf("quiz message:\n%s", content)
	}
	buttons := comps[0].(discordgo.ActionsRow).Components
	if len(buttons) != 4 || buttons[3].(discordgo.Button).CustomID != idQuiz+q.ID+":3" {
		t.Fatalf("quiz buttons: %+v", buttons)
	}
	p := corpus.Default()
	for _, tc := range []struct {
		choice           int
		correct, already bool
		want             string
	}{
		{0, true, false, "✅ Right! **A. [8] A**"},
		{2, false, false, "❌ Not quite: you picked C. The answer is **A. [8] A**."},
		{0, true, true, "already answered this one, and your first answer was right"},
		{1, false, true, "your first answer was not right"},
	} {
		v := quizVerdict(q, tc.choice, tc.correct, tc.already, p)
		if !strings.Contains(v, tc.want) || !strings.Contains(v, "**Source:**\n[15] Nye") {
			t.Errorf("verdict %+v:\n%s", tc, v)
		}
	}
}

func TestReviewView(t *testing.T) {
	e, comps := reviewView(nil)
	if !strings.Contains(e.Description, "No answer has been flagged") || len(comps) != 0 {
		t.Fatalf("empty review: %+v %+v", e, comps)
	}
	var flags []store.Flag
	long := strings.Repeat("very long answer text ", 200)
	for i := 0; i < 10; i++ {
		flags = append(flags, store.Flag{
			Answer:  store.AnswerRecord{ID: store.NewID(), ChannelID: "1", PaperID: "p", Question: strings.Repeat("q", 400), Answer: long},
			VoterID: "2", Comment: strings.Repeat("c", 2000), FlaggedAt: time.Unix(1700000000, 0),
		})
	}
	e, comps = reviewView(flags)
	if embedTotal(e) > discord.MaxEmbedTotal || len(e.Fields) == 0 {
		t.Fatalf("review embed over limits: %d characters, %d fields", embedTotal(e), len(e.Fields))
	}
	for _, f := range e.Fields {
		if utf8.RuneCountInString(f.Value) > discord.MaxFieldValue || utf8.RuneCountInString(f.Name) > discord.MaxFieldName {
			t.Fatalf("field over limits: %d/%d", utf8.RuneCountInString(f.Name), utf8.RuneCountInString(f.Value))
		}
	}
	if n := len(comps[0].(discordgo.ActionsRow).Components); n != 5 {
		t.Fatalf("pin buttons: %d, want 5", n)
	}
}

func TestModalValue(t *testing.T) {
	raw := `{"custom_id":"pb:fbm:1","components":[{"type":1,"components":[{"type":4,"custom_id":"comment","value":"wrong ref"}]}]}`
	var data discordgo.ModalSubmitInteractionData
	if err := json.Unmarshal([]byte(raw), &data); err != nil {
		t.Fatal(err)
	}
	if got := modalValue(data, fieldComment); got != "wrong ref" {
		t.Fatalf("modalValue = %q", got)
	}
	if got := modalValue(data, "missing"); got != "" {
		t.Fatalf("missing field = %q", got)
	}
}

func TestPaperChoices(t *testing.T) {
	papers := []corpus.PaperInfo{corpus.InfoOf(corpus.Default()), {ID: "coral-reefs", Title: "Coral reef bleaching"}}
	if got := paperChoices(papers, ""); len(got) != 2 {
		t.Fatalf("all: %d", len(got))
	}
	got := paperChoices(papers, "BLEACH")
	if len(got) != 1 || got[0].Value != "coral-reefs" {
		t.Fatalf("by title: %+v", got)
	}
	opts := []*discordgo.ApplicationCommandInteractionDataOption{{Name: "paper", Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "id", Value: "cor", Focused: true}}}}
	if v := focusedValue(opts); v != "cor" {
		t.Fatalf("focusedValue = %q", v)
	}
}

func TestIngestReport(t *testing.T) {
	p := &corpus.Paper{ID: "p", Title: "A *bold* title", Authors: []string{"Ann Lee", "Bo Ng"},
		Sections:   []corpus.Section{{Heading: "Intro", Level: 1}, {Heading: "Methods", Level: 1}},
		References: make([]corpus.Reference, 3),
		Anomalies:  []string{"reference numbering jumps from 2 to 4"}}
	got := ingestReport(p)
	for _, want := range []string{
		"Added **A \\*bold\\* title** as `p`.", "**Authors:** Ann Lee, Bo Ng", "**Read:** 2 sections, 3 references.",
		"I found no abstract", "**Reader notes** (1):\n- reference numbering jumps from 2 to 4",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	got = ingestReport(&corpus.Paper{ID: "q", Abstract: "Some abstract."})
	for _, want := range []string{"Added **(no title found)** as `q`.", "**Authors:** none found", "**Read:** 0 sections, 0 references.", "nothing unusual"} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
}
