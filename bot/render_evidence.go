package bot

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"paperbot/retrieval"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/study"
)

// idEvidenceDetails toggles the scores of an evidence view:
// pb:evd:<answer id>:1 shows them, :0 hides them.
const idEvidenceDetails = "pb:evd:"

// maxEvidencePassages caps the passages one evidence view lists.
const maxEvidencePassages = 10

// evidenceEmbed lists the passages an answer was built from, in the order
// the answer uses them (those it does not quote after, as "also
// retrieved"), each with where it is in the paper and the words of the
// question in bold. Retrieval scores appear only with details.
func evidenceEmbed(question string, a *answer.Answer, details bool) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       "Evidence",
		Description: "Passages behind the answer to: " + truncate(echoQuestion(question), 300),
		Color:       colorPaper,
	}
	if len(a.Passages) == 0 {
		e.Description += "\n\nNo passage was retrieved."
	}
	terms := map[string]bool{}
	for _, t := range retrieval.Terms(question) {
		terms[t] = true
	}
	for i, o := range answerOrder(a) {
		if i == maxEvidencePassages {
			break
		}
		h := a.Passages[o.index]
		name := fmt.Sprintf("%d. %s", i+1, evidencePlace(h))
		if !o.used {
			name += " · also retrieved, not quoted"
		}
		value := highlight(truncate(oneLine(h.Text), 600), terms)
		if details {
			value += fmt.Sprintf("\n-# score %.3f · lexical %.2f · vector %.3f", h.Score, h.Lexical, h.Vector)
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: truncate(name, 256), Value: value})
	}
	footer := "In the order the answer uses them; words of your question in bold. “Details” shows the search scores."
	if details {
		footer = "Scores: fused rank (higher is better); lexical is BM25 (word match), vector is cosine similarity (meaning)."
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	return fitEmbed(e)
}

// evidenceButtons is the details toggle of an evidence view.
func evidenceButtons(id string, details bool) []discordgo.MessageComponent {
	if id == "" {
		return []discordgo.MessageComponent{}
	}
	label, next := "Details", "1"
	if details {
		label, next = "Hide details", "0"
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: label, Style: discordgo.SecondaryButton, CustomID: idEvidenceDetails + id + ":" + next},
	}}}
}

// evidencePlace says where a passage is: "Abstract", "§2 Model, p. 3",
// "Caption · §3 Results", "Reference [15]", "Paper details".
func evidencePlace(h retrieval.Hit) string {
	switch h.Kind {
	case retrieval.KindReference:
		return fmt.Sprintf("Reference [%d]", h.Ref)
	case retrieval.KindAbstract:
		return "Abstract"
	case retrieval.KindMetadata:
		return "Paper details"
	}
	where := study.Place{Section: h.Section, Page: h.Page}.Label()
	if h.Kind == retrieval.KindCaption {
		return "Caption · " + where
	}
	return where
}

// passageUse is one passage of an answer: its index in Answer.Passages,
// whether the answer quotes or cites it, and where in the text it does.
type passageUse struct {
	index int
	used  bool
	at    int
}

// answerOrder orders an answer's passages as its text uses them: a
// sentence by where the answer quotes it, a reference by where it is first
// cited; passages the text does not use follow in retrieval order.
func answerOrder(a *answer.Answer) []passageUse {
	text := oneLine(a.Text)
	out := make([]passageUse, len(a.Passages))
	for i, h := range a.Passages {
		at := -1
		if h.Kind == retrieval.KindReference {
			at = strings.Index(text, fmt.Sprintf("[%d]", h.Ref))
		} else if probe := leadWords(oneLine(h.Text), 8); probe != "" {
			at = strings.Index(text, probe)
		}
		out[i] = passageUse{index: i, used: at >= 0, at: at}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].used != out[j].used {
			return out[i].used
		}
		return out[i].used && out[i].at < out[j].at
	})
	return out
}

// leadWords is the first n words of s ("" when s has fewer than three),
// enough to find a quoted sentence in an answer.
func leadWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) < 3 {
		return ""
	}
	return strings.Join(w[:min(n, len(w))], " ")
}

// highlight escapes text for Discord and puts in bold the words whose
// index term is one of terms (retrieval.Terms of the question).
func highlight(text string, terms map[string]bool) string {
	var b strings.Builder
	for len(text) > 0 {
		i := strings.IndexFunc(text, isWordRune)
		if i < 0 {
			b.WriteString(mdEscaper.Replace(text))
			break
		}
		b.WriteString(mdEscaper.Replace(text[:i]))
		text = text[i:]
		j := strings.IndexFunc(text, func(r rune) bool { return !isWordRune(r) })
		if j < 0 {
			j = len(text)
		}
		word := text[:j]
		text = text[j:]
		if matches(word, terms) {
			b.WriteString("**" + mdEscaper.Replace(word) + "**")
		} else {
			b.WriteString(mdEscaper.Replace(word))
		}
	}
	return safe(b.String())
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// matches reports whether a word's index term is among terms.
func matches(word string, terms map[string]bool) bool {
	if len(terms) == 0 || utf8.RuneCountInString(word) < 2 {
		return false
	}
	for _, t := range retrieval.Terms(word) {
		if terms[t] {
			return true
		}
	}
	return false
}
