package bot

import (
	"regexp"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
)

// TestE2EEvidenceView: "Show evidence" lists the passages in the order the
// answer uses them, each with its section and the question's words in
// bold, and no scores until "Details" is pressed.
func TestE2EEvidenceView(t *testing.T) {
	eng, err := bodyEngine()
	if err != nil {
		t.Fatal(err)
	}
	e := startBot(t, eng, nil)
	defer e.checkRules()
	_, st := e.slash("ask", map[string]any{"question": "How does the gate choose experts for each token?"})
	ans := st.Original
	if ans == nil || !strings.Contains(ans.Content, "gate") {
		t.Fatalf("answer: %+v", ans)
	}
	_, st = e.inject(discordtest.Button(buttonID(t, ans, "Show evidence"), ans.ID, nil, "", ""))
	if st.Original == nil || len(st.Original.Embeds) != 1 {
		t.Fatalf("evidence: %+v", st.Original)
	}
	fields := st.Original.Embeds[0].Fields
	t.Logf("answer:\n%s", ans.Content)
	// The passages the answer quotes come first, in the order it quotes them.
	last := -1
	for _, f := range fields {
		if scoreRE.MatchString(f.Name+f.Value) || strings.Contains(f.Value, "lexical") {
			t.Errorf("scores in the main view: %s: %s", f.Name, f.Value)
		}
		if strings.Contains(f.Name, "also retrieved") {
			last = 1 << 30
			continue
		}
		probe := strings.ReplaceAll(f.Value, "**", "")
		probe = strings.Join(strings.Fields(probe)[:min(6, len(strings.Fields(probe)))], " ")
		at := strings.Index(ans.Content, probe)
		if !strings.Contains(f.Name, "Reference") {
			if at < 0 || at < last {
				t.Errorf("passage %q (%s) not in answer order (at %d after %d)", probe, f.Name, at, last)
			}
			last = at
		}
	}
	var sawSection, sawBold bool
	for _, f := range fields {
		sawSection = sawSection || strings.Contains(f.Name, "§2.1 Routed layers")
		sawBold = sawBold || strings.Contains(f.Value, "**gate**") || strings.Contains(f.Value, "**experts**")
	}
	if !sawSection || !sawBold {
		t.Errorf("want a passage from §2.1 Routed layers and the question's words in bold: %+v", fieldsText(fields))
	}
	_, st2 := e.inject(discordtest.Button(buttonID(t, st.Original, "Details"), st.Original.ID, nil, "", ""))
	if st2.AckType != discordgo.InteractionResponseUpdateMessage {
		t.Fatalf("Details: ack type %d, want 7", st2.AckType)
	}
	m := e.srv.Message(st.Original.ID)
	if m == nil || len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Fields[0].Value, "score ") || buttonID(t, m, "Hide details") == "" {
		t.Fatalf("after Details: %+v", m)
	}
}

// scoreRE finds a retrieval score as the details show it ("score 0.033").
var scoreRE = regexp.MustCompile(`score \d`)

func fieldsText(fs []*discordgo.MessageEmbedField) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Name + ": " + f.Value + "\n")
	}
	return b.String()
}
