package corpus

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// citeResolver resolves a paper's in-text citation markers to the numbers
// of its reference list. Build one per paper with newCiteResolver.
type citeResolver struct {
	numbers map[int]int // printed number -> the number to cite (continuations mapped)
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
	}
	return r
}

var bracketCite = regexp.MustCompile(`\[(\d{1,5}(?:\s*[,;]\s*\d{1,5})*)\]`)

// Resolve returns the reference numbers a sentence cites (ascending, no
// duplicates) and how many citation markers in it could not be resolved.
//
// This first version reads bracketed numbers ("[3]", "[3, 5]"); ranges,
// author–year citations and superscripts are the reader's next step.
func (r *citeResolver) Resolve(sentence string) (cites []int, unresolved int) {
	for _, m := range bracketCite.FindAllStringSubmatch(sentence, -1) {
		for _, f := range strings.FieldsFunc(m[1], func(c rune) bool { return c == ',' || c == ';' || c == ' ' }) {
			n, err := strconv.Atoi(f)
			if err != nil {
				continue
			}
			if to, ok := r.numbers[n]; ok {
				cites = append(cites, to)
			} else {
				unresolved++
			}
		}
	}
	slices.Sort(cites)
	return slices.Compact(cites), unresolved
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
