package retrieval

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/kljensen/snowball/english"

	"paperbot/retrieval/lexicon"
)

// Vocabulary is the words of one paper (or of a library): how often each
// lower-cased word and each index term occurs. It answers "does the paper
// use this term?" and corrects a question's typos against the paper's own
// words. It is immutable once built and safe for concurrent use.
type Vocabulary struct {
	words map[string]int // lower-cased word -> occurrences
	terms map[string]int // index term -> occurrences
	// byLen holds the correction candidates by length in bytes (all ASCII):
	// the paper's words of at least two letters and the stop words.
	byLen [][]candidate
}

// candidate is one word typos may be corrected to.
type candidate struct {
	word string
	freq int
	mask uint32 // letters present (bit 0 = 'a')
}

// letterMask sets bit i for each letter 'a'+i in ASCII-letter word w.
func letterMask(w string) uint32 {
	var m uint32
	for i := 0; i < len(w); i++ {
		m |= 1 << (w[i] - 'a')
	}
	return m
}

// NewVocabulary counts the words of texts.
func NewVocabulary(texts []string) *Vocabulary {
	v := &Vocabulary{words: map[string]int{}, terms: map[string]int{}}
	for _, t := range texts {
		for _, w := range words(t) {
			v.words[w]++
			if s, ok := termOf(w); ok {
				v.terms[s]++
			}
		}
	}
	add := func(w string, f int) {
		if !asciiLetters(w) || len(w) < 2 {
			return
		}
		for len(v.byLen) <= len(w) {
			v.byLen = append(v.byLen, nil)
		}
		v.byLen[len(w)] = append(v.byLen[len(w)], candidate{w, f, letterMask(w)})
	}
	for w, f := range v.words {
		add(w, f)
	}
	// Stop words are always candidates, and frequent ones: "waht" is
	// "what" whatever the paper says.
	for _, w := range stopCandidates {
		if _, ok := v.words[w]; !ok {
			add(w, stopFreq)
		}
	}
	for _, b := range v.byLen {
		slices.SortFunc(b, func(a, b candidate) int { return cmp.Compare(a.word, b.word) })
	}
	return v
}

// stopFreq is the frequency a stop word counts with as a correction when
// the paper does not use it: as common as a word can be.
const stopFreq = 1 << 20

// stopCandidates are the stop words typos are corrected to.
var stopCandidates = func() []string {
	var out []string
	for w := range extraStopWords {
		out = append(out, w)
	}
	for _, w := range snowballStops {
		if english.IsStopWord(w) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}()

// snowballStops lists the common function words of the snowball English
// stop list that students mistype; IsStopWord remains the reference.
var snowballStops = []string{
	"about", "after", "again", "against", "because", "before", "being",
	"between", "both", "does", "doing", "during", "each", "from", "have",
	"having", "here", "into", "more", "most", "only", "other", "over",
	"same", "should", "some", "such", "than", "that", "their", "them",
	"then", "there", "these", "they", "this", "those", "through", "under",
	"until", "very", "were", "what", "when", "where", "which", "while",
	"whom", "with", "your",
}

// HasTerm reports whether the paper uses index term t (a stem).
func (v *Vocabulary) HasTerm(t string) bool { return v.terms[t] > 0 }

// TermCount is how often index term t occurs.
func (v *Vocabulary) TermCount(t string) int { return v.terms[t] }

// HasWord reports whether the paper uses the lower-cased word w.
func (v *Vocabulary) HasWord(w string) bool { return v.words[w] > 0 }

// Correct returns the word a lower-cased question word w was probably meant
// to be, and true, when w is a typo: a word of ASCII letters of at least
// minTypoLen letters that is neither in the paper, nor a stop word, nor an
// English word WordNet knows, within Damerau-Levenshtein distance
// maxEdits(len(w)) of a word of the paper (or a stop word). The nearest
// candidate wins, then one with the same letters (a transposition), then
// the most frequent, then the shortest, then the first alphabetically.
func (v *Vocabulary) Correct(w string) (string, bool) {
	if len(w) < minTypoLen || !asciiLetters(w) || v.words[w] > 0 || IsStopWord(w) {
		return "", false
	}
	s := Stem(w)
	if v.terms[s] > 0 || lexicon.Known(s) || lexicon.Known(w) {
		return "", false
	}
	maxD := maxEdits(len(w))
	mask := letterMask(w)
	best, bestD, bestF := "", maxD+1, -1
	for l := len(w) - maxD; l <= len(w)+maxD; l++ {
		if l < 2 || l >= len(v.byLen) {
			continue
		}
		for _, c := range v.byLen[l] {
			// One edit adds or removes at most two letters from the set
			// of letters used: a cheap bound before the real distance.
			if bits.OnesCount32(mask^c.mask) > 2*bestD {
				continue
			}
			d := damerau(w, c.word, bestD+1) // exact up to bestD
			f := c.freq
			if c.mask == mask && len(c.word) == len(w) {
				f += anagramBonus // swapped letters: "mian" is "main", not "min"
			}
			if d < bestD || (d == bestD && f > bestF) {
				best, bestD, bestF = c.word, d, f
			}
		}
	}
	if bestD > maxD {
		return "", false
	}
	return best, true
}

// anagramBonus ranks a candidate with the same letters and length as the
// typo (a transposition, the commonest slip of fingers) above any other
// at the same distance.
const anagramBonus = 1 << 30

// minTypoLen is the shortest word Correct corrects: three-letter words are
// too often abbreviations and names.
const minTypoLen = 4

// maxEdits is how many edits a typo of n letters may have: one up to six
// letters ("pwoer" is "power"), two from seven ("govenrment").
func maxEdits(n int) int {
	if n < 7 {
		return 1
	}
	return 2
}

// EditDistance is the optimal string alignment distance between a and b
// counted in runes (insertions, deletions, substitutions and
// transpositions of adjacent letters), or limit+1 as soon as it is sure to
// exceed limit. It is the one edit distance of the analyser: typo
// correction here, and the answer engine's cue and language checks.
func EditDistance(a, b string, limit int) int {
	var abuf, bbuf [32]rune
	ra, rb := append(abuf[:0], []rune(a)...), append(bbuf[:0], []rune(b)...)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	// Three rows of the dynamic programme: two back (for transpositions),
	// one back, current.
	var buf [3][33]int
	var pp, p, c []int
	if len(rb)+1 <= len(buf[0]) {
		pp, p, c = buf[0][:len(rb)+1], buf[1][:len(rb)+1], buf[2][:len(rb)+1]
	} else {
		pp, p, c = make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)
	}
	for j := range p {
		p[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		c[0] = i
		rowMin := i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(p[j]+1, c[j-1]+1, p[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, pp[j-2]+1)
			}
			c[j] = d
			rowMin = min(rowMin, d)
		}
		if rowMin > limit {
			return limit + 1
		}
		pp, p, c = p, c, pp
	}
	return min(p[len(rb)], limit+1)
}

// damerau is EditDistance with the limit counted the other way: exact
// below limit, and limit once the distance is sure to reach it.
func damerau(a, b string, limit int) int {
	return min(EditDistance(a, b, limit-1), limit)
}

// asciiLetters reports whether w is made of a-z only.
func asciiLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return len(w) > 0
}
