package study

import (
	"slices"
	"sort"

	"paperbot/corpus"
)

// CiteContext is where a paper cites one of its references: read from the
// body sentences whose resolved citations include it, never guessed from
// shared words. A paper without a body (the default paper) gives an empty
// context unless its abstract prints the number in brackets.
type CiteContext struct {
	Ref int `json:"ref"`
	// Count is how many sentences of the body cite the reference.
	Count int `json:"count"`
	// Sections are the headings of the sections those sentences are in,
	// in reading order, each once ("" stands for text before the first
	// heading and is left out).
	Sections []string `json:"sections"`
	// First is the first citing sentence of the body, with the heading and
	// page where it is; empty when the body never cites the reference.
	First        string `json:"first,omitempty"`
	FirstSection string `json:"first_section,omitempty"`
	FirstPage    int    `json:"first_page,omitempty"`
	// InAbstract is true when the abstract prints the number as a bracketed
	// citation ("[3]", "[2, 3]", "[2–4]").
	InAbstract bool `json:"in_abstract,omitempty"`
}

// Known reports whether the paper says anything about where it cites the
// reference.
func (c CiteContext) Known() bool { return c.Count > 0 || c.InAbstract }

// CitationContext returns where p cites reference n. A continuation entry
// is mapped to the entry it continues, as the body's citations are.
func CitationContext(p *corpus.Paper, n int) CiteContext {
	n = ownEntry(p, n)
	all := CitationContexts(p)
	for _, c := range all {
		if c.Ref == n {
			return c
		}
	}
	return CiteContext{Ref: n, Sections: []string{}}
}

// CitationContexts returns the citation context of every reference of its
// own (not a continuation or duplicate), in reference-number order.
func CitationContexts(p *corpus.Paper) []CiteContext {
	byRef := map[int]*CiteContext{}
	var out []*CiteContext
	for _, r := range p.References {
		if r.ContinuationOf != 0 || r.DuplicateOf != 0 {
			continue
		}
		c := &CiteContext{Ref: r.N, Sections: []string{}}
		byRef[r.N] = c
		out = append(out, c)
	}
	for _, b := range p.Body {
		heading := p.SectionHeading(b.Section)
		for _, s := range b.Sentences {
			for _, n := range s.Cites {
				c, ok := byRef[ownEntry(p, n)]
				if !ok {
					continue
				}
				if c.Count == 0 {
					c.First, c.FirstSection, c.FirstPage = s.Text, heading, b.Page
				}
				c.Count++
				if heading != "" && (len(c.Sections) == 0 || !slices.Contains(c.Sections, heading)) {
					c.Sections = append(c.Sections, heading)
				}
			}
		}
	}
	for _, n := range p.CitesIn(p.Abstract) {
		if c, ok := byRef[ownEntry(p, n)]; ok {
			c.InAbstract = true
		}
	}
	res := make([]CiteContext, len(out))
	for i, c := range out {
		res[i] = *c
	}
	sort.SliceStable(res, func(i, j int) bool { return res[i].Ref < res[j].Ref })
	return res
}

// ByCitations orders contexts by how often the body cites them (most
// first), then by reference number.
func ByCitations(cs []CiteContext) []CiteContext {
	out := append([]CiteContext(nil), cs...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Ref < out[j].Ref
	})
	return out
}

// ownEntry maps a continuation entry to the entry it continues.
func ownEntry(p *corpus.Paper, n int) int {
	for range 4 { // chains are short; the bound guards a malformed cycle
		r, err := p.Ref(n)
		if err != nil || r.ContinuationOf == 0 {
			return n
		}
		n = r.ContinuationOf
	}
	return n
}
