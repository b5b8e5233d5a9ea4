// Package lexicon holds an English synonym table derived from WordNet 3.0
// (Princeton University; licence in LICENSE-wordnet.txt beside this file),
// keyed by snowball English stems, the form package retrieval indexes.
//
// The table (wordnet.txt) is generated and committed; regenerate it with
//
//	go generate ./retrieval/lexicon/...
//
// which needs the WordNet database (Debian package wordnet-base, or
// WORDNET_DIR pointing at a WordNet dict directory) and takes about six
// seconds with compiling the generator. Generation is deterministic: the same WordNet files give the same
// bytes.
package lexicon

//go:generate go run ./gen -synonyms wordnet.txt

import (
	_ "embed"
	"strings"
)

// synonymTable is the synonym table as generated: sorted lines "stem syn
// syn ...". It is searched where it lies in the binary, so opening it
// costs nothing (gzip and a line index took about 16 ms per process).
//
//go:embed wordnet.txt
var synonymTable string

// Known reports whether stem is the stem of an English word WordNet lists
// (a single-word lemma or an irregular form of one).
func Known(stem string) bool {
	_, ok := find(synonymTable, stem)
	return ok
}

// Synonyms returns the stems of the synonyms of stem, from the synsets of
// its most frequent senses, sorted; nil when WordNet gives none. The slice
// is fresh on every call.
func Synonyms(stem string) []string {
	row, ok := find(synonymTable, stem)
	if !ok {
		return nil
	}
	f := strings.Fields(row)
	if len(f) < 2 {
		return nil
	}
	return f[1:]
}

// Len is the number of stems in the table.
func Len() int { return strings.Count(synonymTable, "\n") }

// find returns the line of table whose first field is key, without its
// newline, by binary search over the bytes of a table of lines sorted by
// their first field (byte order).
func find(table, key string) (string, bool) {
	if key == "" {
		return "", false
	}
	lo, hi := 0, len(table) // the line sought starts in [lo, hi)
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := strings.LastIndexByte(table[:mid], '\n') + 1
		if start < lo {
			start = lo
		}
		end := strings.IndexByte(table[start:], '\n')
		if end < 0 {
			end = len(table) - start
		}
		row := table[start : start+end]
		k, _, _ := strings.Cut(row, " ")
		switch {
		case k == key:
			return row, true
		case k < key:
			lo = start + end + 1
		default:
			hi = start
		}
	}
	return "", false
}
