package study

import (
	"sort"
	"strings"
	"unicode"

	"paperbot/corpus"
)

// Term is a key term or name with where it appears: the references whose
// text contains it, whether the title or the abstract uses it, the first
// sentence of the abstract or body that does, and a sentence of the paper
// that defines it, when one does.
type Term struct {
	Term       string `json:"term"`
	Refs       []int  `json:"refs"`
	InAbstract bool   `json:"in_abstract"`
	InTitle    bool   `json:"in_title,omitempty"`
	// Appears is the first sentence of the abstract or body using the term.
	Appears *Place `json:"appears,omitempty"`
	// Definition is the first sentence of the form "X is/are/refers to/
	// means/is defined as …" (or "We define X as …"), when there is one.
	Definition *Place `json:"definition,omitempty"`
}

// connectors may stand inside a capitalised name ("Belt and Road Initiative").
var connectors = map[string]bool{"and": true, "of": true, "the": true, "for": true}

// generic capitalised words that are not terms on their own.
var generic = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "of": true, "and": true, "on": true, "for": true,
	"retrieved": true, "from": true, "about": true, "us": true, "full": true, "text": true, "how": true,
	"why": true, "is": true, "analysis": true, "president": true, "overview": true, "total": true,
	"three": true, "journal": true, "public": true, "affairs": true, "ministry": true, "people's": true,
	"people’s": true, "republic": true,
}

// Glossary lists key terms and names of a paper: capitalised names and
// recurring word pairs found in its title, abstract and references, each
// with the references whose text contains it. Terms that appear in fewer
// than two places are left out.
func Glossary(p *corpus.Paper) []Term {
	type cand struct {
		display    string
		refs       []int
		abs, title bool
		appears    *Place
		def        *Place
		uses       int  // sentences of the abstract and body using it
		defined    bool // read as the subject of a strong definer
		min        int  // places it must appear in
	}
	places := Places(p)
	cands := map[string]*cand{}
	consider := func(phrase string, minPlaces int) {
		key := strings.ToLower(phrase)
		if _, ok := cands[key]; ok || allGeneric(key) || len([]rune(key)) < 3 {
			return
		}
		c := &cand{display: phrase, abs: containsWord(p.Abstract, phrase), title: containsWord(p.Title, phrase), min: minPlaces}
		for _, r := range p.References {
			if r.ContinuationOf == 0 && r.DuplicateOf == 0 && containsWord(r.Raw, phrase) {
				c.refs = append(c.refs, r.N)
			}
		}
		for i := range places {
			if containsWord(places[i].Text, phrase) {
				if c.appears == nil {
					c.appears = &places[i]
				}
				c.uses++
			}
		}
		c.def = definitionOf(places, phrase)
		cands[key] = c
	}
	texts := []string{p.Title, p.Abstract}
	for _, r := range p.References {
		texts = append(texts, r.Title, r.Venue)
	}
	for _, pl := range places {
		if !pl.Abstract {
			texts = append(texts, pl.Text)
		}
	}
	// Terms the paper itself defines come first: they are glossary terms
	// even when no reference uses them.
	for _, pl := range places {
		if t := subjectDefined(pl.Text); t != "" {
			consider(t, 1)
			if c := cands[strings.ToLower(t)]; c != nil {
				c.defined = true
			}
		}
	}
	for _, t := range texts {
		for _, ph := range capitalisedPhrases(t) {
			consider(ph, 2)
		}
		for _, ph := range wordPairs(t) {
			consider(ph, 3)
		}
	}
	var out []Term
	for _, c := range cands {
		n := len(c.refs)
		if c.abs || c.title {
			n++
		}
		// A term in most references is the paper's subject, not a key term.
		recurs := n >= c.min && len(c.refs) > 0 && len(c.refs)*2 <= len(p.References)
		// A phrase the paper defines is a term when it was read as a
		// definition's subject or is used again: a word pair that once
		// happens to stand before "is a" is not.
		if !recurs && (c.def == nil || !c.defined && c.uses < 2) {
			continue
		}
		out = append(out, Term{Term: c.display, Refs: c.refs, InAbstract: c.abs, InTitle: c.title, Appears: c.appears, Definition: c.def})
	}
	out = dropSubsumed(out)
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Definition != nil) != (out[j].Definition != nil) {
			return out[i].Definition != nil
		}
		if len(out[i].Refs) != len(out[j].Refs) {
			return len(out[i].Refs) > len(out[j].Refs)
		}
		return out[i].Term < out[j].Term
	})
	if len(out) > 20 {
		out = out[:20]
	}
	return out
}

// dropSubsumed removes a term contained in a longer term found in the very
// same references ("Road" inside "Belt and Road").
func dropSubsumed(ts []Term) []Term {
	var out []Term
	for i, t := range ts {
		keep := true
		for j, u := range ts {
			if i != j && len(u.Term) > len(t.Term) && containsFold(u.Term, t.Term) && sameInts(u.Refs, t.Refs) &&
				(t.Definition == nil || u.Definition != nil) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, t)
		}
	}
	return out
}

// capitalisedPhrases returns runs of capitalised words, joined by connectors
// ("Belt and Road Initiative", "Xi Jinping"), up to five words long.
func capitalisedPhrases(text string) []string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-')
	})
	var out, run []string
	flush := func() {
		// Every window of 2–4 words that neither starts nor ends with a connector.
		for i := range run {
			for j := i + 2; j <= len(run) && j <= i+4; j++ {
				if !connectors[strings.ToLower(run[i])] && !connectors[strings.ToLower(run[j-1])] {
					out = append(out, strings.Join(run[i:j], " "))
				}
			}
		}
		run = nil
	}
	for _, w := range words {
		switch {
		case isCapitalised(w) && !isAllCaps(w):
			run = append(run, w)
		case connectors[w] && len(run) > 0:
			run = append(run, w)
		default:
			flush()
		}
	}
	flush()
	return out
}

// wordPairs returns lowercase two-word phrases of content words ("soft power").
func wordPairs(text string) []string {
	// A hyphenated word is one word: "mixed-effects models" pairs as
	// printed, never as "effects models".
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	for i, w := range words {
		words[i] = strings.Trim(w, "-")
	}
	var out []string
	for i := 0; i+1 < len(words); i++ {
		a, b := words[i], words[i+1]
		if len(a) > 3 && len(b) > 3 && !generic[a] && !generic[b] && !connectors[a] && !connectors[b] {
			out = append(out, a+" "+b)
		}
	}
	return out
}

// allGeneric reports whether every word of a lowercase phrase is generic.
func allGeneric(phrase string) bool {
	for _, w := range strings.Fields(phrase) {
		if !generic[w] && !connectors[w] {
			return false
		}
	}
	return true
}

func isCapitalised(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 3
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(norm(s)), strings.ToLower(norm(sub)))
}

// norm folds typographic apostrophes so "Xi’an" matches "Xi'an".
func norm(s string) string { return strings.ReplaceAll(s, "’", "'") }

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
