package answer

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// termSet is a set of stemmed content words.
type termSet map[string]bool

// contentTerms splits text into lower-case words (letters and digits; URLs
// and hyphenated words fall apart into their words), drops stop words and
// question words, and stems the rest. Order follows the text, without
// duplicates.
func contentTerms(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	seen := map[string]bool{}
	var out []string
	for _, w := range words {
		if utf8.RuneCountInString(w) < 2 || stopWords[w] {
			continue
		}
		s := stem(w)
		if s == "" || seen[s] || stopWords[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// stemCache memoises stems: the same words recur in every passage and
// question. It stops growing at maxStemCache words.
var stemCache = struct {
	sync.RWMutex
	m map[string]string
}{m: map[string]string{}}

const maxStemCache = 50000

// stem returns the snowball English stem of a lower-case ASCII word; other
// words are kept as they are.
func stem(w string) string {
	if !isASCII(w) {
		return w
	}
	stemCache.RLock()
	s, ok := stemCache.m[w]
	stemCache.RUnlock()
	if ok {
		return s
	}
	s = english.Stem(w, false)
	stemCache.Lock()
	if len(stemCache.m) < maxStemCache {
		stemCache.m[w] = s
	}
	stemCache.Unlock()
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func newTermSet(text string) termSet {
	ts := termSet{}
	for _, t := range contentTerms(text) {
		ts[t] = true
	}
	return ts
}

// has reports whether the set holds term, or (for terms of five letters or
// more) a longer word that starts with it: "kyrgyz" finds "kyrgyzstan".
func (ts termSet) has(term string) bool {
	if ts[term] {
		return true
	}
	if len(term) < 5 {
		return false
	}
	for t := range ts {
		if len(t) > len(term) && strings.HasPrefix(t, term) {
			return true
		}
	}
	return false
}

// vocabulary holds document frequencies over one paper's passages, to weigh
// question words by how telling they are.
type vocabulary struct {
	n  int
	df map[string]int
}

func newVocabulary(sets []termSet) vocabulary {
	v := vocabulary{n: len(sets), df: map[string]int{}}
	for _, s := range sets {
		for t := range s {
			v.df[t]++
		}
	}
	return v
}

// idf is the BM25 inverse document frequency; a word the paper never uses
// gets the highest weight.
func (v vocabulary) idf(term string) float64 {
	df := float64(v.df[term])
	n := float64(v.n)
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// stopWords are English function words plus words that only frame a
// question ("what does the paper say about ...").
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
a about above actual actually after again against all also am an and any are aren as at
be because been before being below between both but by can cannot could couldn
did didn do does doesn doing don down during each either else even ever every few for from further
get gets getting give given gives go going got had hadn has hasn have haven having he her here hers herself him himself his how however
i if in into is isn it its itself just kind know let like ll me mean means meant might more most much must my myself
no nor not now of off on once one only or other our ours ourselves out over own please
re really s same say says said shall she should shouldn so some such t tell than that the their theirs them themselves then there these they this those through thus to too
under until up us ve very was wasn way we were weren what whats when where which while who whom whose why will with won would wouldn
you your yours yourself yourselves
paper papers article study explain describe show shows anything something thing things think thinks
`) {
		m[w] = true
	}
	return m
}()
