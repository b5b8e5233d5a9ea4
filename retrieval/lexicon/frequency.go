package lexicon

//go:generate go run ./gen -frequency frequency.txt.gz

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// frequencyPacked is how often each stem is tagged in WordNet's
// sense-tagged corpus (running English text), from cntlist.rev: all its
// tags and those of noun senses.
//
//go:embed frequency.txt.gz
var frequencyPacked []byte

// counts are the tags of one stem: all, and those of noun senses.
type counts struct{ all, nouns int }

var (
	freqOnce sync.Once
	freq     map[string]counts
)

// Frequency is how many times words with this stem occur in WordNet's
// sense-tagged corpus of running English text: high for everyday words
// ("place", "long"), low or zero for topic words and names.
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

func countsOf(stem string) counts {
	freqOnce.Do(func() {
		m, err := unpackFrequency(frequencyPacked)
		if err != nil {
			// Embedded at build time; a broken table is a build defect,
			// caught by the package's tests.
			panic(fmt.Sprintf("lexicon: %v", err))
		}
		freq = m
	})
	return freq[stem]
}

func unpackFrequency(b []byte) (map[string]counts, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("open frequency table: %w", err)
	}
	m := map[string]counts{}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 {
			return nil, fmt.Errorf("frequency table: bad line %q", sc.Text())
		}
		n, err1 := strconv.Atoi(f[1])
		k, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || k > n {
			return nil, fmt.Errorf("frequency table: bad line %q", sc.Text())
		}
		m[f[0]] = counts{all: n, nouns: k}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read frequency table: %w", err)
	}
	return m, nil
}
