package refparse

import (
	"strconv"
	"strings"
	"unicode"
)

// lexCounts counts, per lower-cased word core, how often it carries each
// label in training data.
type lexCounts map[string]*[numLabels]int32

const numLabels = 14

func (c lexCounts) addExample(toks []Token, labels []int, sign int32) {
	for i, t := range toks {
		core := strings.TrimFunc(strings.ToLower(t.Text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if core == "" {
			continue
		}
		row := c[core]
		if row == nil {
			row = new([numLabels]int32)
			c[core] = row
		}
		row[labels[i]] += sign
	}
}

// lexClass names a word's learned class: its most frequent label, the share
// of that label in quarters, and whether the word is rare (under 10 uses).
// Words seen fewer than 3 times have no class.
func lexClass(row *[numLabels]int32) string {
	if row == nil {
		return ""
	}
	var total, best int32
	top := 0
	for l, v := range row {
		total += v
		if v > best {
			best, top = v, l
		}
	}
	if total < 3 {
		return ""
	}
	s := Labels[top] + ":" + strconv.Itoa(int(4*best/(total+1)))
	if total < 10 {
		s += "r"
	}
	return s
}

// lexiconOf turns counts into a lexicon (classes of words seen 3+ times).
func lexiconOf(c lexCounts) lexicon {
	lex := lexicon{}
	for w, row := range c {
		if cl := lexClass(row); cl != "" && len(w) <= 255 {
			lex[w] = cl
		}
	}
	return lex
}
