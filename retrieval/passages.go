package retrieval

import (
	"fmt"
	"strconv"
	"strings"

	"paperbot/corpus"
)

// PassagesFor splits a paper into retrievable passages, in this order:
//   - one passage per abstract sentence (Seq 1, 2, ... with byte offsets
//     into the abstract);
//   - one passage per sentence of the body (KindBody, or KindCaption for
//     figure and table captions), in reading order, with its section,
//     page and the reference numbers it cites;
//   - one passage per reference: Text is the raw entry as printed, Keywords
//     its parsed title, authors, venue and year plus the words of its URL;
//     a continuation entry (seed [28] is only the URL of [27]) is folded into
//     the entry it continues instead of becoming a passage of its own;
//   - one metadata passage: title, authors and the paper's own citation.
//
// IDs are "<paperID>/abstract/<seq>", "<paperID>/body/<seq>",
// "<paperID>/caption/<seq>", "<paperID>/ref/<n>" and
// "<paperID>/meta". A nil paper gives no passages.
func PassagesFor(p *corpus.Paper) []Passage {
	if p == nil {
		return nil
	}
	var out []Passage
	var cites func(string) []int
	for i, s := range corpus.Sentences(p.Abstract) {
		text := strings.TrimSpace(s.Text)
		if text == "" {
			continue
		}
		var cs []int
		if strings.ContainsAny(text, "[(0123456789") {
			// The references an abstract sentence cites, as a body
			// sentence's (most abstracts cite nothing).
			if cites == nil {
				cites = p.Citer()
			}
			cs = cites(text)
		}
		out = append(out, Passage{
			Cites:   cs,
			ID:      fmt.Sprintf("%s/abstract/%d", p.ID, i+1),
			PaperID: p.ID,
			Kind:    KindAbstract,
			Seq:     i + 1,
			Start:   s.Start,
			End:     s.End,
			Text:    text,
		})
	}

	out = append(out, bodyPassages(p)...)

	// Continuation entries lend their URL words to the entry they continue.
	extra := map[int][]string{}
	for _, r := range p.References {
		if r.ContinuationOf != 0 {
			extra[r.ContinuationOf] = append(extra[r.ContinuationOf], referenceKeywords(r)...)
		}
	}
	seq := 0
	seen := map[int]bool{}
	for _, r := range p.References {
		if r.ContinuationOf != 0 || seen[r.N] {
			continue
		}
		seen[r.N] = true
		seq++
		kw := append(referenceKeywords(r), extra[r.N]...)
		out = append(out, Passage{
			ID:       fmt.Sprintf("%s/ref/%d", p.ID, r.N),
			PaperID:  p.ID,
			Kind:     KindReference,
			Ref:      r.N,
			Seq:      seq,
			Cites:    []int{r.N},
			Text:     strings.Join(strings.Fields(r.Raw), " "),
			Keywords: strings.Join(dedupe(kw), " "),
		})
	}

	out = append(out, Passage{
		ID:      p.ID + "/meta",
		PaperID: p.ID,
		Kind:    KindMetadata,
		Seq:     1,
		Text:    metadataText(p),
	})
	return out
}

// referenceKeywords are the parsed fields of a reference and its URL words.
func referenceKeywords(r corpus.Reference) []string {
	var kw []string
	for _, f := range []string{r.Title, strings.Join(r.Authors, " "), r.Venue, r.Year} {
		if f = strings.TrimSpace(f); f != "" {
			kw = append(kw, f)
		}
	}
	if r.DOI != "" {
		kw = append(kw, "doi "+r.DOI)
	}
	kw = append(kw, URLWords(r.URL)...)
	if r.URL == "" {
		// The reader may not have parsed a URL: take it from the raw text.
		for _, f := range strings.Fields(r.Raw) {
			if strings.HasPrefix(f, "http://") || strings.HasPrefix(f, "https://") {
				kw = append(kw, URLWords(f)...)
			}
		}
	}
	return kw
}

// metadataText describes the paper itself: title, authors, venue, DOI.
func metadataText(p *corpus.Paper) string {
	var b strings.Builder
	b.WriteString("Title: ")
	b.WriteString(strings.TrimSpace(p.Title))
	if len(p.Authors) > 0 {
		b.WriteString(". Author(s): ")
		b.WriteString(strings.Join(p.Authors, ", "))
	}
	if c := p.Citation; c != nil {
		var parts []string
		add := func(label, v string) {
			if v = strings.TrimSpace(v); v != "" {
				parts = append(parts, label+v)
			}
		}
		add("", c.Journal)
		add("vol. ", c.Volume)
		add("no. ", c.Issue)
		add("pp. ", c.Pages)
		add("", strings.TrimSpace(c.Month+" "+c.Year))
		add("doi: ", c.DOI)
		if len(parts) > 0 {
			b.WriteString(". Published in ")
			b.WriteString(strings.Join(parts, ", "))
		}
	}
	b.WriteString(". The paper has ")
	b.WriteString(strconv.Itoa(len(p.References)))
	b.WriteString(" references.")
	return b.String()
}

// dedupe drops repeated strings, keeping the first of each.
func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// indexText is what a passage is embedded and lexically indexed as.
func indexText(p Passage) string {
	if p.Keywords == "" {
		return p.Text
	}
	return p.Text + "\n" + p.Keywords
}

// bodyPassages makes one passage per body sentence. Body and caption
// passages are numbered separately, from 1, in reading order.
func bodyPassages(p *corpus.Paper) []Passage {
	var out []Passage
	seq := map[Kind]int{}
	for _, b := range p.Body {
		kind, prefix := KindBody, "body"
		if b.Kind == corpus.BlockCaption {
			kind, prefix = KindCaption, "caption"
		}
		for _, s := range b.Sentences {
			text := strings.TrimSpace(s.Text)
			if text == "" {
				continue
			}
			seq[kind]++
			out = append(out, Passage{
				ID:      fmt.Sprintf("%s/%s/%d", p.ID, prefix, seq[kind]),
				PaperID: p.ID,
				Kind:    kind,
				Seq:     seq[kind],
				Section: p.SectionHeading(b.Section),
				Page:    b.Page,
				Cites:   s.Cites,
				Text:    text,
			})
		}
	}
	return out
}
