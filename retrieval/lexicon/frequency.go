package lexicon

//go:generate go run ./gen -frequency frequency.txt

import (
	_ "embed"
	"strconv"
	"strings"
)

// frequencyTable is how often each stem is tagged in WordNet's
// sense-tagged corpus (running English text), from cntlist.rev: sorted
// lines "stem all nouns" (all its tags and those of noun senses),
// searched in place like the synonym table.
//
//go:embed frequency.txt
var frequencyTable string

// counts are the tags of one stem: all, and those of noun senses.
type counts struct{ all, nouns int }

// Frequency is how many times words with this stem occur in WordNet's
// sense-tagged corpus of running English text: high for everyday words
// ("place", "long"), low or zero for topic words and names. An irregular
// form the corpus does not count ("kept", "thrown") has its base word's.
func Frequency(stem string) int {
	return countsOf(stem).all
}

// NounShare is the share of the tags of stem in WordNet's sense-tagged
// corpus that are noun senses, in [0, 1]: near 1 for things ("school",
// "battery"), near 0 for words that describe or relate ("huge", "pick",
// "earlier"); 0 for a stem the corpus does not tag.
func NounShare(stem string) float64 {
	c := countsOf(stem)
	if c.all == 0 {
		return 0
	}
	return float64(c.nouns) / float64(c.all)
}

// countsOf reads the line of stem; a stem not listed has no tags.
func countsOf(stem string) counts {
	row, ok := find(frequencyTable, stem)
	if !ok {
		return counts{}
	}
	f := strings.Fields(row)
	if len(f) != 3 {
		return counts{}
	}
	n, _ := strconv.Atoi(f[1])
	k, _ := strconv.Atoi(f[2])
	return counts{all: n, nouns: k}
}
