package corpus

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestLargeInputs feeds pathological large inputs (one huge entry, many
// empty URLs, many numbered lines…) that were quadratic once; the package
// test timeout catches a regression, and each input must parse within a
// bound far above linear time (a quadratic pass takes minutes). The bound
// is wall-clock and the machine is shared, so it is generous, and more so
// under the race detector, which slows the labeller several times.
func TestLargeInputs(t *testing.T) {
	seed := DefaultText()
	cases := map[string][]byte{
		"seed x200":          bytes.Repeat(seed, 20),
		"one line":           append([]byte("T\n\nReferences\n1. "), bytes.Repeat([]byte("Smith, J. (2020). Title. http://x.org/a- b "), 2000)...),
		"many lines one ref": append([]byte("T\n\nReferences\n1. "), bytes.Repeat([]byte("Smith, J. (2020). Title. http://x.org/a-\nb\n"), 2000)...),
		"seed no newlines":   bytes.ReplaceAll(bytes.Repeat(seed, 5), []byte("\n"), []byte(" ")),
		"dots":               append([]byte("T\n\nReferences\n1. "), bytes.Repeat([]byte("a. "), 10000)...),
		"quotes":             append([]byte("T\n\nReferences\n1. "), bytes.Repeat([]byte("\"a "), 10000)...),
		"parens":             append([]byte("T\n\nReferences\n1. "), bytes.Repeat([]byte("(2020, "), 10000)...),
		"abstract":           append([]byte("T\n\nAbstract\n"+strings.Repeat("Word. ", 10000)+"\n\nReferences\n1. A.\n"), nil...),
		"lines":              []byte(strings.Repeat("x\n", 20000) + "References\n" + strings.Repeat("1.\n", 10000)),
		"numbered":           []byte("References\n" + strings.Repeat("1. a\n2. b\n", 5000)),
		"self":               []byte("References\n1. a\n\nAuthors\n" + strings.Repeat("“x” y, vol. 1, ", 5000)),
		"urls":               append([]byte("T\n\nReferences\n1. "), bytes.Repeat([]byte("http:// "), 10000)...),
		"www":                append([]byte("T\n\nReferences\n1. "), bytes.Repeat([]byte("www.a-"), 10000)...),
	}
	for name, d := range cases {
		start := time.Now()
		p, _ := Parse("x", d)
		el := time.Since(start)
		n := 0
		if p != nil {
			n = len(p.References)
			if n > 0 {
				for _, s := range Styles {
					_ = FormatRef(s, p, &p.References[0])
				}
			}
		}
		limit := 5 * time.Second
		if raceEnabled {
			limit *= 4
		}
		if el > limit {
			t.Errorf("%s: %d bytes took %v", name, len(d), el)
		}
	}
}
