package study

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/corpus"
	"paperbot/internal/lazyre"
)

// Place is one sentence of a paper: of the abstract, or of the body with
// its section heading and page.
type Place struct {
	Text     string `json:"text"`
	Abstract bool   `json:"abstract,omitempty"`
	Section  string `json:"section,omitempty"`
	Page     int    `json:"page,omitempty"`
	// Cites are the reference numbers the sentence's citations resolve to.
	Cites []int `json:"cites,omitempty"`
}

// Label says where the sentence is: "abstract", "§2 Model, p. 3", "p. 3".
func (pl Place) Label() string {
	if pl.Abstract {
		return "abstract"
	}
	var parts []string
	if pl.Section != "" {
		parts = append(parts, SectionLabel(pl.Section))
	}
	if pl.Page > 0 {
		parts = append(parts, fmt.Sprintf("p. %d", pl.Page))
	}
	if len(parts) == 0 {
		return "body"
	}
	return strings.Join(parts, ", ")
}

// SectionLabel marks a numbered heading with "§" ("2.1 Routed layers" →
// "§2.1 Routed layers", "2. Design" → "§2 Design"); others stay as printed.
func SectionLabel(h string) string {
	h = strings.TrimSpace(h)
	if h == "" || h[0] < '0' || h[0] > '9' {
		return h
	}
	num, rest, _ := strings.Cut(h, " ")
	return "§" + strings.TrimSuffix(num, ".") + " " + strings.TrimSpace(rest)
}

// Places lists the sentences of the abstract, then of the body's
// paragraphs and captions (footnotes left out), in reading order.
func Places(p *corpus.Paper) []Place {
	var out []Place
	for _, s := range corpus.Sentences(p.Abstract) {
		out = append(out, Place{Text: s.Text, Abstract: true})
	}
	for _, b := range p.Body {
		if b.Kind == corpus.BlockFootnote {
			continue
		}
		for _, s := range b.Sentences {
			out = append(out, Place{Text: s.Text, Section: p.SectionHeading(b.Section), Page: b.Page, Cites: s.Cites})
		}
	}
	return out
}

// wordIndex returns the byte offset of the first occurrence of phrase in s
// as whole words, its last word possibly in the plural (case and curly
// apostrophes folded), or -1.
func wordIndex(s, phrase string) int {
	ls, lp := strings.ToLower(norm(s)), strings.ToLower(norm(phrase))
	if lp == "" {
		return -1
	}
	for from := 0; from <= len(ls)-len(lp); {
		i := strings.Index(ls[from:], lp)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(ls[:i])
		end := i + len(lp)
		for _, plural := range []string{"s", "es"} { // "tidal gardens" uses "tidal garden"
			if strings.HasPrefix(ls[end:], plural) {
				if r, _ := utf8.DecodeRuneInString(ls[end+len(plural):]); !wordRune(r) {
					end += len(plural)
					break
				}
			}
		}
		after, _ := utf8.DecodeRuneInString(ls[end:])
		if !wordRune(before) && !wordRune(after) {
			return i
		}
		from = i + 1
	}
	return -1
}

func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// containsWord reports whether phrase occurs in s as whole words.
func containsWord(s, phrase string) bool { return wordIndex(s, phrase) >= 0 }

// strongDefiners are the definers that say outright that a term is being
// defined; with them the glossary reads a term nobody declared
// (definedSubject).
const strongDefiners = `is defined as|are defined as|can be defined as|refers to|refer to|means|denotes`

// definerRE matches a definer: the words after a term that a sentence
// defines ("X is defined as …", "X refers to …", "X is a …", "X consists
// of …"), or that name it ("we call X …", "X is known as …").
var definerRE = lazyre.New(`(?i)\b(?:` + strongDefiners +
	`|(?:is|are) (?:defined as|described as|understood as|the ability|a |an |the |those )|refers? to\b|means?\b|denotes?\b|(?:we|i) (?:call|define)\b|represents?\b|consists? of\b|is (?:known|called|termed)\b)`)

// IsDefinition reports whether a sentence reads as a definition of
// something: it holds a definer anywhere. defines is the stricter test of
// whether it defines a given term.
func IsDefinition(sentence string) bool { return definerRE.MatchString(sentence) }

// maxLeadWords is the longest opening phrase before a defined term.
const maxLeadWords = 5

// subjectLead reports whether what stands before a term leaves it the
// sentence's subject: nothing, an article, or an opening phrase ending in
// a comma ("In this paper, the …").
func subjectLead(lead string) bool {
	if len(strings.Fields(lead)) > maxLeadWords || strings.Count(lead, ",") > 1 {
		return false
	}
	if i := strings.LastIndex(lead, ","); i >= 0 {
		lead = lead[i+1:]
	}
	for _, w := range strings.Fields(lead) {
		if w != "the" && w != "a" && w != "an" {
			return false
		}
	}
	return true
}

// definitionOf returns the first sentence that defines term ("X is/are/
// refers to/means/is defined as …", or "We define X as …"), or nil.
func definitionOf(places []Place, term string) *Place {
	for i := range places {
		if defines(places[i].Text, term) {
			return &places[i]
		}
	}
	return nil
}

// defines reports whether sentence defines term: the term is the
// sentence's subject and a definer follows it (after an optional
// parenthesised abbreviation or comma), or the sentence reads "we define
// term as …". A question defines nothing.
func defines(sentence, term string) bool {
	s := norm(sentence)
	if strings.HasSuffix(strings.TrimSpace(s), "?") {
		return false
	}
	i := wordIndex(s, term)
	if i < 0 {
		return false
	}
	lead := strings.ToLower(strings.TrimSpace(s[:i]))
	if strings.HasSuffix(lead, "we define") || strings.HasSuffix(lead, "we define the") {
		rest := strings.ToLower(s[i+len(norm(term)):])
		return strings.HasPrefix(strings.TrimLeft(rest, "“”\"' "), "as ")
	}
	if !subjectLead(lead) {
		return false
	}
	rest := s[i+len(norm(term)):]
	for _, plural := range []string{"es ", "s "} {
		if strings.HasPrefix(rest, plural) {
			rest = rest[len(plural)-1:]
			break
		}
	}
	rest = strings.TrimLeft(rest, "“”\"'")
	rest = strings.TrimLeft(abbrev.ReplaceAllString(rest, ""), " ,")
	loc := definerRE.FindStringIndex(rest)
	return loc != nil && loc[0] == 0
}

// abbrev is a parenthesised abbreviation after a term: " (MoE)".
var abbrev = lazyre.New(`^\s*\([^()]{1,15}\)`)

// definedSubject reads the term a sentence defines with a strong definer
// ("X is defined as", "X refers to", "X means", "X denotes"): one to four
// words at the start of the sentence, after an optional article. "" when
// the sentence defines nothing that way or its subject is a pronoun.
var definedSubject = lazyre.New(`^(?:(?:The|A|An)\s+)?([\p{L}][\p{L}\-’']*(?:\s+[\p{L}][\p{L}\-’']*){0,3})(?:\s+\([^()]{1,15}\))?,?\s+(?:` + strongDefiners + `)\s`)

var pronouns = map[string]bool{"this": true, "that": true, "these": true, "those": true, "it": true, "we": true,
	"our": true, "each": true, "which": true, "there": true, "here": true, "such": true, "what": true, "one": true}

func subjectDefined(sentence string) string {
	m := definedSubject.FindStringSubmatch(norm(sentence))
	if m == nil {
		return ""
	}
	words := strings.Fields(m[1])
	if pronouns[strings.ToLower(words[0])] {
		return ""
	}
	return m[1]
}
