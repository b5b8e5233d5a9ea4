// Package lexicon holds an English synonym table derived from WordNet 3.0
// (Princeton University; licence in LICENSE-wordnet.txt beside this file),
// keyed by snowball English stems, the form package retrieval indexes.
//
// The table (wordnet.txt.gz) is generated and committed; regenerate it with
//
//	go generate ./retrieval/lexicon/...
//
// which needs the WordNet database (Debian package wordnet-base, or
// WORDNET_DIR pointing at a WordNet dict directory) and takes about six
// seconds with compiling the generator. Generation is deterministic: the same WordNet files give the same
// bytes.
package lexicon

//go:generate go run ./gen -synonyms wordnet.txt.gz

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

//go:embed wordnet.txt.gz
var packed []byte

// table is the unpacked table: sorted lines "stem syn syn ...", and where
// each line starts.
type table struct {
	text  []byte
	lines []int32
}

var (
	once   sync.Once
	loaded table
)

func get() *table {
	once.Do(func() {
		t, err := unpack(packed)
		if err != nil {
			// The table is embedded at build time; a broken one is a
			// build defect, caught by the package's tests.
			panic(fmt.Sprintf("lexicon: %v", err))
		}
		loaded = t
	})
	return &loaded
}

func unpack(b []byte) (table, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return table{}, fmt.Errorf("open table: %w", err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		return table{}, fmt.Errorf("read table: %w", err)
	}
	t := table{text: text, lines: make([]int32, 0, bytes.Count(text, []byte{'\n'}))}
	for i := 0; i < len(text); {
		t.lines = append(t.lines, int32(i))
		j := bytes.IndexByte(text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return t, nil
}

// line returns the fields of the line of stem, or nil.
func (t *table) line(stem string) []byte {
	n := len(t.lines)
	i := sort.Search(n, func(i int) bool { return string(t.key(i)) >= stem })
	if i == n || string(t.key(i)) != stem {
		return nil
	}
	return t.row(i)
}

// row is line i without its newline.
func (t *table) row(i int) []byte {
	start := int(t.lines[i])
	end := len(t.text)
	if i+1 < len(t.lines) {
		end = int(t.lines[i+1]) - 1
	}
	return t.text[start:end]
}

// key is the first field of line i.
func (t *table) key(i int) []byte {
	r := t.row(i)
	if j := bytes.IndexByte(r, ' '); j >= 0 {
		return r[:j]
	}
	return r
}

// Known reports whether stem is the stem of an English word WordNet lists
// (a single-word lemma or an irregular form of one).
func Known(stem string) bool {
	return get().line(stem) != nil
}

// Synonyms returns the stems of the synonyms of stem, from the synsets of
// its most frequent senses, sorted; nil when WordNet gives none. The slice
// is fresh on every call.
func Synonyms(stem string) []string {
	r := get().line(stem)
	if r == nil {
		return nil
	}
	f := strings.Fields(string(r))
	if len(f) < 2 {
		return nil
	}
	return f[1:]
}

// Len is the number of stems in the table.
func Len() int { return len(get().lines) }
