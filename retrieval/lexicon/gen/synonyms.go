package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/kljensen/snowball/english"

	"paperbot/retrieval"
)

// minShare is how frequent a sense must be, against the word's most
// frequent sense in WordNet's sense-tagged corpus (cntlist.rev), to give
// synonyms. Rare and figurative senses ("power" as an exponent, "book" as
// in "book a table") bring more noise than help to a search.
const minShare = 0.25

// maxPolysemy is the most senses (over all parts of speech) a synonym may
// have: a word with many meanings ("set", "see", "follow") stands for none
// of them in particular, and would match a paper's unrelated uses of it.
const maxPolysemy = 10

var parts = []string{"noun", "verb", "adj", "adv"}

// buildSynonyms reads the WordNet files under dir and returns the gzipped
// synonym table.
func buildSynonyms(dir string) ([]byte, error) {
	syn := map[string]map[string]bool{} // stem -> synonym stems
	known := func(s string) map[string]bool {
		m := syn[s]
		if m == nil {
			m = map[string]bool{}
			syn[s] = m
		}
		return m
	}
	tags, err := tagCounts(filepath.Join(dir, "cntlist.rev"))
	if err != nil {
		return nil, err
	}
	head, err := heads(dir, tags)
	if err != nil {
		return nil, err
	}
	for _, pos := range parts {
		synsets, err := readData(filepath.Join(dir, "data."+pos))
		if err != nil {
			return nil, err
		}
		err = eachLine(filepath.Join(dir, "index."+pos), func(f []string) error {
			lemma := f[0]
			if !singleWord(lemma) {
				return nil
			}
			key := stemOf(lemma)
			set := known(key)
			h := head[key]
			if lemma != h.lemma {
				return nil
			}
			pcnt, err := strconv.Atoi(f[3])
			if err != nil || len(f) < 6+pcnt {
				return fmt.Errorf("index.%s: bad line for %q", pos, lemma)
			}
			for i, off := range f[6+pcnt:] {
				c := tags[senseKey{lemma, pos, i + 1}]
				use := c > 0 && float64(c) >= minShare*float64(h.topTag)
				if h.topTag == 0 { // never tagged: the first sense of its main part of speech
					use = i == 0 && pos == h.pos
				}
				if !use {
					continue
				}
				for _, w := range synsets[off] {
					// A synonym counts only as the head of its stem:
					// "authority" would stand for "author".
					if s := stemOf(w); s != key && head[s].lemma == w && head[s].total <= maxPolysemy && !english.IsStopWord(w) {
						set[s] = true
					}
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		// Irregular forms ("mice", "went") are known words too.
		err = eachLine(filepath.Join(dir, pos+".exc"), func(f []string) error {
			if singleWord(f[0]) {
				known(stemOf(f[0]))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}

	keys := make([]string, 0, len(syn))
	for k := range syn {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var text bytes.Buffer
	for _, k := range keys {
		text.WriteString(k)
		vals := make([]string, 0, len(syn[k]))
		for v := range syn[k] {
			vals = append(vals, v)
		}
		slices.Sort(vals)
		for _, v := range vals {
			text.WriteByte(' ')
			text.WriteString(v)
		}
		text.WriteByte('\n')
	}
	return text.Bytes(), nil
}

// senseKey is one sense of a lemma: its part of speech and sense number.
type senseKey struct {
	lemma, pos string
	n          int
}

// tagCounts reads how often each sense occurs in WordNet's sense-tagged
// corpus (cntlist.rev: "lemma%ss_type:... sense_number count").
func tagCounts(path string) (map[senseKey]int, error) {
	out := map[senseKey]int{}
	err := eachLine(path, func(f []string) error {
		if len(f) < 3 {
			return nil
		}
		lemma, rest, ok := strings.Cut(f[0], "%")
		if !ok || len(rest) == 0 {
			return nil
		}
		pos := map[byte]string{'1': "noun", '2': "verb", '3': "adj", '4': "adv", '5': "adj"}[rest[0]]
		n, err1 := strconv.Atoi(f[1])
		c, err2 := strconv.Atoi(f[2])
		if pos == "" || err1 != nil || err2 != nil {
			return fmt.Errorf("%s: bad line %q", path, strings.Join(f, " "))
		}
		out[senseKey{lemma, pos, n}] += c
		return nil
	})
	return out, err
}

// sense is the lemma that speaks for a stem.
type sense struct {
	lemma  string
	pos    string // its part of speech with most senses (noun first on ties)
	senses int    // how many senses it has there
	topTag int    // tag count of its most frequent sense, over all parts of speech
	total  int    // senses over all parts of speech
}

// heads picks, for every stem, the lemma whose senses give its synonyms:
// the shortest single-word lemma with that stem (then the first in
// alphabetical order). Stemming conflates words of different meanings
// ("concept" and "conception", "author" and "authority"); the shortest is
// what a reader means by the stem.
func heads(dir string, tags map[senseKey]int) (map[string]sense, error) {
	head := map[string]sense{}
	for _, pos := range parts {
		err := eachLine(filepath.Join(dir, "index."+pos), func(f []string) error {
			w := f[0]
			if !singleWord(w) || len(f) < 3 {
				return nil
			}
			n, err := strconv.Atoi(f[2])
			if err != nil {
				return fmt.Errorf("index.%s: bad synset_cnt for %q", pos, w)
			}
			top := 0
			for i := 1; i <= n; i++ {
				top = max(top, tags[senseKey{w, pos, i}])
			}
			k := stemOf(w)
			h, ok := head[k]
			switch {
			case !ok, len(w) < len(h.lemma), len(w) == len(h.lemma) && w < h.lemma:
				head[k] = sense{w, pos, n, top, n}
			case w == h.lemma:
				h.total += n
				if n > h.senses {
					h.pos, h.senses = pos, n
				}
				h.topTag = max(h.topTag, top)
				head[k] = h
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return head, nil
}

// readData maps each synset offset of a data file to its single-word lemmas.
func readData(path string) (map[string][]string, error) {
	out := map[string][]string{}
	err := eachLine(path, func(f []string) error {
		if len(f) < 4 {
			return nil
		}
		n, err := strconv.ParseInt(f[3], 16, 32)
		if err != nil || len(f) < 4+2*int(n) {
			return fmt.Errorf("%s: bad synset %s", path, f[0])
		}
		var ws []string
		for i := 0; i < int(n); i++ {
			w := strings.ToLower(f[4+2*i])
			if j := strings.IndexByte(w, '('); j > 0 { // adjective markers: "big(a)"
				w = w[:j]
			}
			if singleWord(w) {
				ws = append(ws, w)
			}
		}
		out[f[0]] = ws
		return nil
	})
	return out, err
}

// singleWord reports whether a lemma is one word of ASCII letters, the only
// words the analyser stems (collocations like "soft_drink" and words with
// digits or hyphens are left out).
func singleWord(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// stemOf is the analyser's own stemmer (retrieval.Stem), so lookups match
// index terms.
func stemOf(w string) string { return retrieval.Stem(strings.ToLower(w)) }
