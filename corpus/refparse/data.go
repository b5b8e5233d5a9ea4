package refparse

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Labels are the fields of the training data, in a fixed order; a label's
// index is its number in the model.
var Labels = []string{
	"author", "title", "container", "volume", "issue", "pages", "year",
	"publisher", "location", "editor", "edition", "doi", "url", "note",
}

// labelIndex returns the number of a label, or -1.
func labelIndex(l string) int {
	for i, s := range Labels {
		if s == l {
			return i
		}
	}
	return -1
}

// Example is one labelled reference string of the training file.
type Example struct {
	Raw    string
	Tokens []string
	Labels []int
	// Glued marks tokens that follow the previous one without a space.
	Glued []bool
	// Source is the source file ("repo@commit:path") and K the 1-based
	// position of the reference in it.
	Source string
	K      int
}

// ID is the example's source with its position, as in the data file.
func (e *Example) ID() string { return e.Source + "#" + strconv.Itoa(e.K) }

// ReadExamples reads labelled references in the training file's JSON lines
// format (see ../shared/refparse/README.md).
func ReadExamples(r io.Reader) ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var rec struct {
			Raw    string      `json:"raw"`
			Tokens [][2]string `json:"tokens"`
			Glued  []int       `json:"glued"`
			Source string      `json:"source"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		e := Example{Raw: rec.Raw}
		e.Source, e.K = splitSource(rec.Source)
		e.Glued = make([]bool, len(rec.Tokens))
		for _, g := range rec.Glued {
			if g >= 0 && g < len(e.Glued) {
				e.Glued[g] = true
			}
		}
		for _, t := range rec.Tokens {
			l := labelIndex(t[1])
			if l < 0 {
				return nil, fmt.Errorf("line %d: unknown label %q", line, t[1])
			}
			e.Tokens = append(e.Tokens, t[0])
			e.Labels = append(e.Labels, l)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading examples: %w", err)
	}
	return out, nil
}

// ReadExamplesFile reads a JSON lines file of labelled references.
func ReadExamplesFile(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open examples: %w", err)
	}
	defer f.Close()
	ex, err := ReadExamples(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ex, nil
}

func splitSource(s string) (string, int) {
	i := strings.LastIndexByte(s, '#')
	if i < 0 {
		return s, 0
	}
	k, err := strconv.Atoi(s[i+1:])
	if err != nil {
		return s, 0
	}
	return s[:i], k
}
