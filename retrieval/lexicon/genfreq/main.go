// Command genfreq turns WordNet 3.0's sense-tagged corpus counts
// (cntlist.rev, from Debian's wordnet-base) into the word frequency table
// that package lexicon embeds.
//
// Usage (from package lexicon, through its go:generate line):
//
//	WORDNET_DIR=/usr/share/wordnet go run ./genfreq -out frequency.txt.gz
//
// The table has one line per stem of a single-word lemma tagged at least
// minCount times in the corpus, sorted: the stem and the summed tag count
// of all lemmas with that stem over all their senses. It measures how
// common a word is in running English text, which the answer engine uses
// to tell a question's generic words from its topic. Stems come from the
// analyser's own stemmer (retrieval.Stem: snowball English after
// British -ise spellings are read as -ize); the gzip stream has no name
// or time, so the output is deterministic.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"paperbot/retrieval"
)

// minCount is the fewest tags a stem needs to be listed; rarer words are
// treated as never seen.
const minCount = 2

func main() {
	dir := flag.String("wordnet", "", "WordNet dict directory (default $WORDNET_DIR or /usr/share/wordnet)")
	out := flag.String("out", "frequency.txt.gz", "output file")
	flag.Parse()
	if *dir == "" {
		*dir = os.Getenv("WORDNET_DIR")
	}
	if *dir == "" {
		*dir = "/usr/share/wordnet"
	}
	b, err := build(filepath.Join(*dir, "cntlist.rev"))
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		log.Fatal(err)
	}
}

func build(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open counts: %w", err)
	}
	defer f.Close()
	counts := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 3 {
			continue
		}
		lemma, _, ok := strings.Cut(fs[0], "%")
		if !ok || !single(lemma) {
			continue
		}
		c, err := strconv.Atoi(fs[2])
		if err != nil {
			return nil, fmt.Errorf("%s: bad line %q", path, sc.Text())
		}
		counts[retrieval.Stem(strings.ToLower(lemma))] += c
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
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	for _, s := range stems {
		fmt.Fprintf(zw, "%s %d\n", s, counts[s])
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compress: %w", err)
	}
	return buf.Bytes(), nil
}

// single reports whether a lemma is one plain word.
func single(w string) bool {
	for _, r := range w {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return w != ""
}
