package corpus

import (
	"slices"
	"strconv"
	"strings"

	"paperbot/internal/lazyre"
)

// citeResolver resolves a paper's in-text citation markers to the numbers
// of its reference list. Build one per paper with newCiteResolver.
//
// It reads numeric markers as printed ("[3]", "[3, 5]", "[3–7]",
// "[11; 12]", "[3]-[5]"), author–year markers ("(Nye, 2004)",
// "Nye (2004a)", "(Smith et al., 2010; Lee 2012)", "Smith and Jones
// (1999)"; intext_authoryear.go) and, when the reader has switched them on,
// superscript-style numbers glued to a word ("disease12,").
type citeResolver struct {
	numbers map[int]int // printed number -> the number to cite (continuations mapped)
	maxN    int         // the largest printed number
	// unnumbered is set when the reference list was not numbered in print
	// (the reader numbered it 1..N): bracketed numbers are then not citations.
	unnumbered bool
	// superscripts switches on glued numbers ("disease12,"); see
	// detectSuperscripts.
	superscripts bool
	ay           authorYearIndex
	// keys maps the lower-cased citation keys of a keyed list ("bel66")
	// to reference numbers (split_keys.go); empty for other lists.
	keys map[string]int
}

// CitesIn returns the reference numbers text cites, resolved as the body's
// in-text citations are (numeric and author–year markers, continuation
// entries mapped to the entry they continue); markers no reference
// matches are left out.
func (p *Paper) CitesIn(text string) []int { return p.Citer()(text) }

// Citer returns CitesIn with the paper's references indexed once, for
// resolving many sentences (the abstract's, one by one).
func (p *Paper) Citer() func(text string) []int {
	r := newCiteResolver(p.References)
	return func(text string) []int {
		cites, _ := r.Resolve(text)
		return cites
	}
}

// newCiteResolver indexes a paper's references.
func newCiteResolver(refs []Reference) *citeResolver {
	r := &citeResolver{numbers: make(map[int]int, len(refs))}
	for _, ref := range refs {
		n := ref.N
		if ref.ContinuationOf != 0 {
			n = ref.ContinuationOf
		}
		r.numbers[ref.N] = n
		r.maxN = max(r.maxN, ref.N)
		if ref.Key != "" {
			if r.keys == nil {
				r.keys = map[string]int{}
			}
			r.keys[strings.ToLower(ref.Key)] = n
		}
	}
	r.ay = newAuthorYearIndex(refs)
	return r
}

// maxRange bounds a printed range ("[3–7]"); a longer one is not expanded
// and counts as one unresolved marker.
const maxRange = 500

var (
	// bracketCite is a bracket of numbers, lists and ranges, optionally
	// followed by "–[n]" ("[3]-[5]").
	// A locator may close it: "[4, p. 12]", "[2, Ch. 3]", "[5, Fig. 2]".
	bracketCite = lazyre.New(`\[(\d{1,5}(?:\s*[-–—]\s*\d{1,5})?(?:\s*[,;]\s*\d{1,5}(?:\s*[-–—]\s*\d{1,5})?)*)(?:\s*,\s*(?i:pp?|ch|chap|sec|sect|fig|eq|thm|table|tab)\.?\s*\d{1,5}(?:\s*[-–]\s*\d{1,5})?)?\](?:\s*[-–—]\s*\[(\d{1,5})\])?`)
	// refWordCite is a citation by the word "Ref." ("as shown in Ref. 5",
	// "refs. 3 and 6", "Refs. 2–4"), as physics papers write it.
	refWordCite = lazyre.New(`\b[Rr]efs?\.\s*(\d{1,4}(?:\s*(?:[-–,]|and|&)\s*\d{1,4})*)\b`)
	refWordAnd  = lazyre.New(`\s*(?:and|&)\s*`)
	// superCite is a lower-case word of three or more letters with numbers
	// glued to it, before or after a punctuation mark: "disease12,",
	// "trials3–5.", "detect,1 but", "fieldwork.4–5 The".
	superCite = lazyre.New(`(?:^|[^\p{L}\p{N}])\p{Ll}{3,}(?:(\d{1,4}(?:[,–-]\d{1,4})*)[.,;:)]|[.,;:)](\d{1,4}(?:[,–-]\d{1,4})*))(?:\s|$)`)
	rangeDash = lazyre.New(`\s*[-–—]\s*`)
)

// Resolve returns the reference numbers a sentence cites (ascending, no
// duplicates) and how many citation markers in it could not be resolved.
// Each number of a numeric marker and each year of an author–year marker
// is one marker.
func (r *citeResolver) Resolve(sentence string) (cites []int, unresolved int) {
	add := func(n int) {
		if to, ok := r.numbers[n]; ok {
			cites = append(cites, to)
		} else {
			unresolved++
		}
	}
	bracketed := false
	if !r.unnumbered {
		for _, m := range bracketCite.FindAllStringSubmatch(sentence, -1) {
			items, ok := numberItems(m[1], m[2])
			if !ok {
				continue
			}
			bracketed = true
			for _, it := range items {
				if it[1]-it[0] > maxRange {
					unresolved++
					continue
				}
				for n := it[0]; n <= it[1]; n++ {
					add(n)
				}
			}
		}
		for _, m := range refWordCite.FindAllStringSubmatch(sentence, -1) {
			items, ok := numberItems(refWordAnd.ReplaceAllString(m[1], ","), "")
			if !ok {
				continue
			}
			bracketed = true
			for _, it := range items {
				for n := it[0]; n <= min(it[1], it[0]+maxRange); n++ {
					add(n)
				}
			}
		}
	}
	ay, un := r.ay.resolve(sentence)
	cites = append(cites, ay...)
	unresolved += un
	if len(r.keys) > 0 {
		kc, kun := r.keyCites(sentence)
		cites = append(cites, kc...)
		unresolved += kun
	}
	if r.superscripts && !bracketed && len(ay) == 0 && un == 0 {
		cites = append(cites, r.superscriptCites(sentence)...)
	}
	slices.Sort(cites)
	return slices.Compact(cites), unresolved
}

// numberItems reads the inside of a bracket ("3, 5–7") and an optional
// closing "[n]" of a "[3]-[5]" range into inclusive [lo, hi] items. A
// bracket holding 0, a number with a leading zero or a descending range is
// not a citation ("[0, 1]" is an interval).
func numberItems(inside, rangeEnd string) ([][2]int, bool) {
	var items [][2]int
	for _, f := range strings.FieldsFunc(inside, func(c rune) bool { return c == ',' || c == ';' }) {
		ends := rangeDash.Split(strings.TrimSpace(f), 2)
		lo, ok := citeNumber(ends[0])
		if !ok {
			return nil, false
		}
		hi := lo
		if len(ends) == 2 {
			if hi, ok = citeNumber(ends[1]); !ok || hi < lo {
				return nil, false
			}
		}
		items = append(items, [2]int{lo, hi})
	}
	if rangeEnd != "" && len(items) > 0 {
		hi, ok := citeNumber(rangeEnd)
		last := &items[len(items)-1]
		if !ok || hi < last[1] {
			return nil, false
		}
		last[1] = hi
	}
	return items, len(items) > 0
}

// citeNumber parses a printed reference number: 1 or more, no leading zero.
func citeNumber(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" || s[0] == '0' {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// superscriptCites reads numbers glued to a word. A group counts only when
// every number in it is a reference of the list and its ranges ascend;
// anything else is left alone (it is not counted as unresolved either:
// "covid19," or "step2." are words, not markers).
func (r *citeResolver) superscriptCites(sentence string) []int {
	var out []int
	for _, m := range superCite.FindAllStringSubmatch(sentence, -1) {
		out = append(out, r.groupCites(m[1]+m[2])...)
	}
	return out
}

// groupCites resolves a group of numbers not in brackets ("12,14–16"): all
// of them, when every number is a reference of the list and its ranges
// ascend; otherwise none.
func (r *citeResolver) groupCites(inside string) []int {
	items, ok := numberItems(inside, "")
	if !ok {
		return nil
	}
	var group []int
	for _, it := range items {
		if it[1]-it[0] > maxRange {
			return nil
		}
		for n := it[0]; n <= it[1]; n++ {
			to, found := r.numbers[n]
			if !found {
				return nil
			}
			group = append(group, to)
		}
	}
	return group
}

// detectSuperscripts switches superscript-style numbers on for a paper
// whose list is numbered and whose body (its paragraphs) prints no
// bracketed citation at all: then "disease12," is a citation, not a word.
func (r *citeResolver) detectSuperscripts(paragraphs []string) {
	if r.unnumbered || len(r.numbers) == 0 {
		return
	}
	for _, p := range paragraphs {
		for _, m := range bracketCite.FindAllStringSubmatch(p, -1) {
			if _, ok := numberItems(m[1], m[2]); ok {
				return
			}
		}
	}
	r.superscripts = true
}

// block splits a paragraph, caption or footnote into sentences and resolves
// each sentence's citations. It returns the block and the number of
// unresolved markers, for the reader's notes.
func (r *citeResolver) block(kind BlockKind, section, page int, text string) (Block, int) {
	b := Block{Kind: kind, Section: section, Page: page}
	missed := 0
	for _, s := range Sentences(text) {
		cites, un := r.Resolve(s.Text)
		missed += un
		b.Sentences = append(b.Sentences, BodySentence{Text: s.Text, Cites: cites})
	}
	return b, missed
}
