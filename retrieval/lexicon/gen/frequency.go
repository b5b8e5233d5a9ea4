package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// minCount is the fewest tags a stem needs to be in the frequency table;
// rarer words are treated as never seen.
const minCount = 2

// buildFrequency reads the sense-tagged corpus counts under dir
// (cntlist.rev) and returns the gzipped frequency table: how common a word
// is in running English text, and how many of its tags are noun senses,
// which the answer engine uses to tell a question's generic words from its
// topic and the things it asks about from how it describes them.
func buildFrequency(dir string) ([]byte, error) {
	path := filepath.Join(dir, "cntlist.rev")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open counts: %w", err)
	}
	defer f.Close()
	counts, nouns := map[string]int{}, map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 3 {
			continue
		}
		lemma, key, ok := strings.Cut(fs[0], "%")
		if !ok || !letters(lemma) {
			continue
		}
		c, err := strconv.Atoi(fs[2])
		if err != nil {
			return nil, fmt.Errorf("%s: bad line %q", path, sc.Text())
		}
		counts[stemOf(lemma)] += c
		if strings.HasPrefix(key, "1:") {
			// Sense keys "lemma%1:…" are noun senses.
			nouns[stemOf(lemma)] += c
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read counts: %w", err)
	}
	var stems []string
	for s, c := range counts {
		if c >= minCount && s != "" {
			stems = append(stems, s)
		}
	}
	slices.Sort(stems)
	var text bytes.Buffer
	for _, s := range stems {
		fmt.Fprintf(&text, "%s %d %d\n", s, counts[s], nouns[s])
	}
	return text.Bytes(), nil
}

// letters reports whether a lemma is one plain word of ASCII letters, in
// either case (the frequency table keeps one-letter words, unlike
// singleWord).
func letters(w string) bool {
	for _, r := range w {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return w != ""
}
