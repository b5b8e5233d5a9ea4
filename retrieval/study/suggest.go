package study

import (
	"fmt"
	"strings"
	"unicode"

	"paperbot/corpus"
)

// MaxSuggestions caps the questions Suggestions offers.
const MaxSuggestions = 5

// sectionRoles map words of common section headings to a question about
// what such a section holds. They name parts of a research paper, never
// a paper's subject.
var sectionRoles = []struct {
	words    []string
	question string
}{
	{[]string{"method", "methods", "methodology", "materials", "approach", "design"}, "What method does the paper use?"},
	{[]string{"results", "findings", "evaluation", "experiments"}, "What does the paper find?"},
	{[]string{"conclusion", "conclusions", "discussion"}, "What does the paper conclude?"},
	{[]string{"limitation", "limitations"}, "What are the limitations of the study?"},
}

// Suggestions returns up to MaxSuggestions questions to start from,
// filled into generic templates from the paper's structure: its section
// headings, the reference its body cites most, and the key terms of its
// abstract; terms is the paper's Glossary. The same paper always gives
// the same questions in the same order, so a front end may name one by its
// position.
func Suggestions(p *corpus.Paper, terms []Term) []string {
	// What the sections hold: method first, then results, conclusion.
	var roles []string
	for _, role := range sectionRoles {
		if len(roles) < 2 && hasSectionWord(p, role.words) {
			roles = append(roles, role.question)
		}
	}
	// The reference the paper leans on most: the one its body cites most,
	// or without a body the one with authors that carries most of its key
	// terms.
	var out []string
	n, count := mostCited(p)
	if count < 2 {
		n, count = mostTerms(p, terms)
	}
	if count >= 2 {
		if ref, err := p.Ref(n); err == nil {
			out = append(out, fmt.Sprintf("What does the paper say about [%d] (%s)?", n, refLabel(ref)))
		}
	}
	// Key terms of the title and abstract, most referenced first, one per topic,
	// leaving room for the section questions. Terms and references come
	// first: the offline engine answers them more often (see the test).
	var used []string
	for _, t := range terms {
		if len(out) >= max(2, MaxSuggestions-len(roles)) {
			break
		}
		if (t.InAbstract || t.InTitle) && hasLongWord(t.Term) && !sharesWord(used, t.Term) && !isVenue(p, t.Term) {
			out = append(out, fmt.Sprintf("What does the paper say about %s?", t.Term))
			used = append(used, t.Term)
		}
	}
	out = append(out, roles...)
	return out[:min(len(out), MaxSuggestions)]
}

// isVenue reports whether term names, or is part of the name of, a
// journal two or more references appeared in ("Journal of Statistical
// Software", "Statistical Software"): a place of publication, not a topic
// to ask about. (One venue alone may be a title read into the venue.)
func isVenue(p *corpus.Paper, term string) bool {
	t := strings.ToLower(term)
	n := 0
	for _, r := range p.References {
		if v := strings.ToLower(r.Venue); v != "" && strings.Contains(v, t) {
			n++
		}
	}
	return n >= 2
}

// sharesWord reports whether term shares a word of four letters or more
// with one of terms (compared on their first five letters, so "Asia" and
// "Asian" are one word).
func sharesWord(terms []string, term string) bool {
	key := func(w string) string { return string([]rune(w)[:min(5, len([]rune(w)))]) }
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	}
	for _, w := range words(term) {
		if len([]rune(w)) < 4 {
			continue
		}
		for _, t := range terms {
			for _, u := range words(t) {
				if len([]rune(u)) >= 4 && key(u) == key(w) {
					return true
				}
			}
		}
	}
	return false
}

// hasLongWord reports whether s has a word of four letters or more (a
// term of initials alone makes a poor question).
func hasLongWord(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 4 {
			return true
		}
	}
	return false
}

// hasSectionWord reports whether a section heading has one of words.
func hasSectionWord(p *corpus.Paper, words []string) bool {
	for _, s := range p.Sections {
		for _, w := range strings.FieldsFunc(strings.ToLower(s.Heading), func(r rune) bool {
			return !(r >= 'a' && r <= 'z')
		}) {
			for _, want := range words {
				if w == want {
					return true
				}
			}
		}
	}
	return false
}

// mostCited returns the reference the body's sentences cite most often
// (the lowest number on a tie) and how often.
func mostCited(p *corpus.Paper) (n, count int) {
	counts := map[int]int{}
	for _, b := range p.Body {
		for _, s := range b.Sentences {
			for _, c := range s.Cites {
				counts[c]++
			}
		}
	}
	for ref, c := range counts {
		if c > count || c == count && ref < n {
			n, count = ref, c
		}
	}
	return n, count
}

// mostTerms returns the reference with authors that the most glossary
// terms appear in (the lowest number on a tie) and in how many.
func mostTerms(p *corpus.Paper, terms []Term) (n, count int) {
	counts := map[int]int{}
	for _, t := range terms {
		for _, r := range t.Refs {
			if ref, err := p.Ref(r); err == nil && len(ref.Authors) > 0 {
				counts[r]++
			}
		}
	}
	for ref, c := range counts {
		if c > count || c == count && ref < n {
			n, count = ref, c
		}
	}
	return n, count
}

// refLabel is "Surname Year", or the first words of the title of a
// reference without authors.
func refLabel(r *corpus.Reference) string {
	if len(r.Authors) > 0 {
		s := r.Short()
		if i := strings.Index(s, ", "); i > 0 {
			s = s[:i]
		}
		return strings.Join(strings.Fields(s), " ")
	}
	words := strings.Fields(r.Title)
	if len(words) > 5 {
		return strings.Join(words[:5], " ") + "…"
	}
	return strings.Join(words, " ")
}
