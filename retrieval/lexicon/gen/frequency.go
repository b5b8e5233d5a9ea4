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
	if err := irregularCounts(dir, counts, nouns); err != nil {
		return nil, err
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

// irregularCounts gives an irregular form WordNet lists ("kept", "thrown",
// "slept"; its *.exc files) the counts of its base word when the corpus
// does not count the form itself: the corpus tags lemmas, so without it
// "thrown" would look as rare as a name.
func irregularCounts(dir string, counts, nouns map[string]int) error {
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		path := filepath.Join(dir, pos+".exc")
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("open exceptions: %w", err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fs := strings.Fields(sc.Text())
			if len(fs) < 2 || !letters(fs[0]) {
				continue
			}
			form := stemOf(fs[0])
			if counts[form] >= minCount {
				continue
			}
			for _, base := range fs[1:] {
				if b := stemOf(base); b != form && counts[b] >= minCount {
					counts[form], nouns[form] = counts[b], nouns[b]
					break
				}
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return fmt.Errorf("read exceptions: %w", err)
		}
	}
	return nil
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
