package lexicon

//go:generate go run ./gen -frequency frequency.txt

import (
	_ "embed"
	"strconv"
	"strings"
)

// frequencyTable is how often each stem is tagged in WordNet's
// sense-tagged corpus (running English text), from cntlist.rev: sorted
// lines "stem count", searched in place like the synonym table.
//
//go:embed frequency.txt
var frequencyTable string

// Frequency is how many times words with this stem occur in WordNet's
// sense-tagged corpus of running English text: high for everyday words
// ("place", "long"), low or zero for topic words and names.
func Frequency(stem string) int {
	row, ok := find(frequencyTable, stem)
	if !ok {
		return 0
	}
	_, c, _ := strings.Cut(row, " ")
	n, _ := strconv.Atoi(c)
	return n
}
