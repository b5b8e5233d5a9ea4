package answer

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"paperbot/corpus"
	"paperbot/retrieval"
)

// Limits of the extractive answer, to keep it readable in a chat.
const (
	maxQuotedSentences = 2
	maxCitedRefs       = 3
)

// offlineAnswer builds the extractive answer: the most relevant abstract
// sentences, marked as coming from the abstract, then the most relevant
// references with their number, first author, year and short title.
func offlineAnswer(pi *paperInfo, ev evidence, hits []retrieval.Hit) *Answer {
	// Relevant passages, most of the question covered first, then by rank.
	var order []int
	for i, h := range hits {
		if ev.relevant(i, h) {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ev.rel[b], ev.rel[a]) })

	var quotes []string
	var refs []int
	meta := ""
	for _, i := range order {
		h := hits[i]
		switch h.Kind {
		case retrieval.KindAbstract:
			if len(quotes) < maxQuotedSentences {
				quotes = append(quotes, "“"+oneLine(h.Text)+"”")
			}
		case retrieval.KindReference:
			if n, ok := pi.citable(h.Ref); ok && len(refs) < maxCitedRefs && !containsInt(refs, n) {
				refs = append(refs, n)
			}
		case retrieval.KindMetadata:
			if i == order[0] {
				meta = oneLine(h.Text)
			}
		}
	}
	var b strings.Builder
	if meta != "" {
		b.WriteString("About the paper: " + meta + "\n")
	}
	if len(quotes) > 0 {
		b.WriteString("From the abstract: " + strings.Join(quotes, " ") + "\n")
	}
	if len(refs) > 0 {
		if len(quotes) > 0 || meta != "" {
			b.WriteString("The paper cites on this:\n")
		} else {
			b.WriteString("The abstract doesn't speak to this directly; the paper cites these sources on it:\n")
		}
		for _, n := range refs {
			b.WriteString(refLine(pi.refs[n]) + "\n")
		}
	}
	return &Answer{
		PaperID:   pi.paper.ID,
		Text:      strings.TrimRight(b.String(), "\n"),
		Citations: nonNil(refs),
		Passages:  nonNilHits(hits),
		Mode:      ModeOffline,
	}
}

// abstention says plainly that the paper does not cover the question.
func abstention(pi *paperInfo, hits []retrieval.Hit) *Answer {
	title := oneLine(pi.paper.Title)
	if title == "" {
		title = pi.paper.ID
	}
	text := fmt.Sprintf("The paper “%s” and its references don't cover that, so I won't guess. "+
		"Try /refs with a keyword to browse the reference list, or /paper for the abstract.", title)
	return &Answer{
		PaperID:   pi.paper.ID,
		Text:      text,
		Citations: []int{},
		Abstained: true,
		Passages:  nonNilHits(hits),
		Mode:      ModeOffline,
	}
}

// refLine renders "[29] Zogg 2019, Cooperation, Co-existence or Clash? …",
// the same label /refs shows.
func refLine(r *corpus.Reference) string {
	return fmt.Sprintf("[%d] %s", r.N, r.Short())
}
