// Command gen turns the WordNet 3.0 database (Debian's wordnet-base) into
// the two compact tables that package lexicon embeds: the synonym table
// and the word frequency table.
//
// Usage (from package lexicon, through its go:generate line):
//
//	WORDNET_DIR=/usr/share/wordnet go run ./gen -synonyms wordnet.txt -frequency frequency.txt
//
// The synonym table has one line per stem of a single-word WordNet lemma,
// sorted: the stem, then the stems of its synonyms, separated by spaces.
// Synonyms are the other single-word lemmas of the synsets of the word's
// frequent senses (see minShare). A line with the stem alone records a
// known English word without synonyms, which the analyser's typo
// correction leaves alone.
//
// The frequency table (frequency.go) has one line per stem of a
// single-word lemma tagged at least minCount times in WordNet's
// sense-tagged corpus, sorted: the stem, the summed tag count of all
// lemmas with that stem over all their senses, and the part of that count
// tagged with noun senses.
//
// Stems come from the analyser's own stemmer (retrieval.Stem: snowball
// English after British -ise spellings are read as -ize). The
// outputs are plain sorted text (the package searches them in place), so
// running the generator twice gives identical bytes.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
)

func main() {
	dir := flag.String("wordnet", "", "WordNet dict directory (default $WORDNET_DIR or /usr/share/wordnet)")
	synOut := flag.String("synonyms", "", "synonym table to write (wordnet.txt); empty: none")
	freqOut := flag.String("frequency", "", "frequency table to write (frequency.txt); empty: none")
	flag.Parse()
	if *dir == "" {
		*dir = os.Getenv("WORDNET_DIR")
	}
	if *dir == "" {
		*dir = "/usr/share/wordnet"
	}
	if *synOut == "" && *freqOut == "" {
		log.Fatal("gen: name an output: -synonyms FILE and/or -frequency FILE")
	}
	for _, t := range []struct {
		out   string
		build func(dir string) ([]byte, error)
	}{{*synOut, buildSynonyms}, {*freqOut, buildFrequency}} {
		if t.out == "" {
			continue
		}
		table, err := t.build(*dir)
		if err != nil {
			log.Fatalf("gen: %v", err)
		}
		if err := os.WriteFile(t.out, table, 0o644); err != nil {
			log.Fatalf("gen: %v", err)
		}
		log.Printf("gen: wrote %s (%d bytes)", t.out, len(table))
	}
}

// eachLine calls fn with the space-separated fields of every line of path
// that is not part of the licence header (header lines start with spaces).
func eachLine(path string, fn func([]string) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == ' ' {
			continue
		}
		if err := fn(strings.Fields(line)); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}
