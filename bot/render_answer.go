package bot

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"paperbot/retrieval"
	"paperbot/retrieval/answer"
)

// Custom-id prefixes of the bot's buttons. Every custom id starts with
// "pb:" so other apps' components are never mistaken for ours.
const (
	idEvidence = "pb:ev:"   // pb:ev:<answer id>
	idCite     = "pb:cs:"   // pb:cs:<answer id>
	idRefs     = "pb:refs:" // pb:refs:<page>:<query or #key>
)

// streamingMark is appended to a message while its answer is still coming.
const streamingMark = " …"

// abstractLabelRE finds abstract passage labels such as [A2].
var abstractLabelRE = regexp.MustCompile(`\[A\d+\]`)

// answerText renders an answer as message content: an optional quote of
// the question, the answer, a note, and the grounding footer as Discord
// subtext. The answer and note go through the sanitiser (safe), so only
// the bot writes the quote and subtext lines. Mentions are neutralised. The result may exceed 2,000
// characters; SplitMessage it before sending.
func answerText(question string, a *answer.Answer) string {
	var b strings.Builder
	if q := oneLine(question); q != "" {
		b.WriteString("> **Q:** " + truncate(echoQuestion(q), 300) + "\n")
	}
	b.WriteString(safe(strings.TrimSpace(a.Text)))
	if a.Note != "" {
		b.WriteString("\n\n*" + safe(strings.TrimSpace(a.Note)) + "*")
	}
	b.WriteString("\n-# " + groundingFooter(a))
	return Neutralize(b.String())
}

// streamingText is the partial answer shown while a model writes it.
func streamingText(question, soFar string) string {
	var b strings.Builder
	if q := oneLine(question); q != "" {
		b.WriteString("> **Q:** " + truncate(echoQuestion(q), 300) + "\n")
	}
	b.WriteString(safe(strings.TrimSpace(soFar)))
	b.WriteString(streamingMark)
	return Neutralize(truncate(b.String(), MaxContent))
}

// groundingFooter tells how grounded an answer is, for example "From the
// abstract and references [9] [18]" or "Not covered by the paper".
func groundingFooter(a *answer.Answer) string {
	if a.Abstained {
		return "Not covered by the paper"
	}
	var src []string
	if usesAbstract(a) {
		src = append(src, "the abstract")
	}
	if n := len(a.Citations); n > 0 {
		labels := make([]string, n)
		for i, c := range a.Citations {
			labels[i] = "[" + strconv.Itoa(c) + "]"
		}
		word := "reference "
		if n > 1 {
			word = "references "
		}
		src = append(src, word+strings.Join(labels, " "))
	}
	var out string
	switch {
	case len(src) == 0 && a.Mode == answer.ModePinned:
		out = "Answer pinned by an instructor"
	case len(src) == 0:
		out = "No source cited"
	default:
		out = "From " + strings.Join(src, " and ")
	}
	if a.Mode == answer.ModePinned && len(src) > 0 {
		out += " · pinned by an instructor"
	}
	if a.Unverified {
		out += " · ⚠️ unverified: no valid citation"
	}
	return out
}

// usesAbstract reports whether the answer draws on the abstract: it quotes
// an abstract passage or cites an abstract label.
func usesAbstract(a *answer.Answer) bool {
	if abstractLabelRE.MatchString(a.Text) {
		return true
	}
	text := strings.ToLower(oneLine(a.Text))
	for _, h := range a.Passages {
		if h.Kind != retrieval.KindAbstract {
			continue
		}
		snippet := []rune(strings.ToLower(oneLine(h.Text)))
		if len(snippet) > 40 {
			snippet = snippet[:40]
		}
		if len(snippet) >= 12 && strings.Contains(text, string(snippet)) {
			return true
		}
	}
	return false
}

// answerButtons are the "Show evidence" and "Cite sources" buttons of the
// answer stored under id.
func answerButtons(id string, a *answer.Answer) []discordgo.MessageComponent {
	if id == "" || len(a.Passages) == 0 && len(a.Citations) == 0 {
		return []discordgo.MessageComponent{}
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Show evidence", Style: discordgo.SecondaryButton, CustomID: idEvidence + id,
			Disabled: len(a.Passages) == 0, Emoji: &discordgo.ComponentEmoji{Name: "🔎"}},
		discordgo.Button{Label: "Cite sources", Style: discordgo.SecondaryButton, CustomID: idCite + id,
			Disabled: len(a.Citations) == 0, Emoji: &discordgo.ComponentEmoji{Name: "📚"}},
	}}}
}

// oneLine collapses all whitespace runs to single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
