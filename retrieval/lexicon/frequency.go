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
// sense-tagged corpus (running English text), from cntlist.rev.
//
//go:embed frequency.txt.gz
var frequencyPacked []byte

var (
	freqOnce sync.Once
	freq     map[string]int
)

// Frequency is how many times words with this stem occur in WordNet's
// sense-tagged corpus of running English text: high for everyday words
// ("place", "long"), low or zero for topic words and names.
func Frequency(stem string) int {
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

func unpackFrequency(b []byte) (map[string]int, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("open frequency table: %w", err)
	}
	m := map[string]int{}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		s, c, ok := strings.Cut(sc.Text(), " ")
		n, err := strconv.Atoi(c)
		if !ok || err != nil {
			return nil, fmt.Errorf("frequency table: bad line %q", sc.Text())
		}
		m[s] = n
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read frequency table: %w", err)
	}
	return m, nil
}
