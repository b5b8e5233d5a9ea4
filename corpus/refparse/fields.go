package refparse

import (
	"strings"
	"unicode"

	"paperbot/internal/lazyre"
)

// Field is the text of one label in a reference, with the model's confidence.
type Field struct {
	Text string
	// Runs are the separate runs of the label's tokens, in order (Text
	// joins them), and Spans their byte offsets in the reference string.
	Runs  []string
	Spans [][2]int
	// Conf is the mean probability of the field's label over its tokens, or,
	// when the field is empty, the probability that no token carries it.
	Conf float64
}

// Fields are a labelled reference grouped by label.
type Fields map[string]Field

// Fields joins the tokens of each label. Separate runs of one label are
// joined with a space; text between tokens is kept as printed.
func (lb Labelled) Fields() Fields {
	out := Fields{}
	for l, name := range Labels {
		var parts []string
		var spans [][2]int
		sum, n := 0.0, 0
		none := 1.0
		for i := 0; i < len(lb.Tokens); i++ {
			if lb.Prob != nil {
				none = min(none, 1-lb.Prob[i][l])
			}
			if lb.Labels[i] != l {
				continue
			}
			j := i
			for j+1 < len(lb.Tokens) && lb.Labels[j+1] == l {
				j++
			}
			parts = append(parts, lb.Raw[lb.Tokens[i].Start:lb.Tokens[j].End])
			spans = append(spans, [2]int{lb.Tokens[i].Start, lb.Tokens[j].End})
			for k := i; k <= j; k++ {
				if lb.Prob != nil {
					sum += lb.Prob[k][l]
					none = min(none, 1-lb.Prob[k][l])
				}
				n++
			}
			i = j
		}
		f := Field{Text: strings.Join(parts, " "), Runs: parts, Spans: spans}
		if n > 0 {
			f.Conf = sum / float64(n)
		} else {
			f.Conf = none
		}
		if lb.Prob == nil {
			f.Conf = 1
		}
		out[name] = f
	}
	return out
}

// TrimField strips the punctuation and brackets a field carries from the
// string around it: "(2019)." -> "2019", "“Title,”" -> "Title"; the
// backticks of LaTeX's opening quote go too.
func TrimField(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimFunc(s, func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune(",;:.“”\"'`‘’«»()[]<>/", r)
		})
		if t == s {
			break
		}
		s = t
	}
	if i := strings.LastIndexByte(s, '['); i > 0 && docTypeCodes[strings.TrimSuffix(s[i+1:], "/OL")] {
		// "Deep learning for crop yield prediction[J]": the document
		// type code of China's GB/T 7714 style is no part of the title.
		s = TrimField(s[:i])
	}
	// Keep a closing bracket that belongs to the text: "Association
	// (TCJA)", "Rainfall records [1950-2000]".
	if strings.Count(s, "(") > strings.Count(s, ")") && !strings.HasPrefix(s, "(") {
		s += ")"
	}
	if strings.Count(s, "[") > strings.Count(s, "]") && !strings.HasPrefix(s, "[") {
		s += "]"
	}
	return s
}

var (
	yearOnlyRE = lazyre.New(`\b((?:1[5-9]|20)\d\d)([a-z])?\b`)
	doiInRE    = lazyre.New(`(?i)10\.\d{4,9}/\S+`)
)

// docTypeCodes are GB/T 7714's document type codes ("[J]" journal article,
// "[M]" book, "[C]" proceedings, "[D]" thesis, "[EB/OL]" online), which
// TrimField finds closing a field, its "]" already trimmed.
var docTypeCodes = map[string]bool{"J": true, "M": true, "C": true, "D": true, "R": true, "S": true, "P": true,
	"N": true, "G": true, "A": true, "Z": true, "EB": true, "DB": true, "CP": true}

// YearOf returns the four-digit year of a year field with its a/b suffix if
// printed ("(2019a)." -> "2019a"), or "".
func YearOf(s string) string {
	m := yearOnlyRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return m[1] + m[2]
}

// DOIOf returns the DOI in s ("doi:10.1/x", "https://doi.org/10.1/x"),
// without trailing punctuation, or "".
func DOIOf(s string) string {
	d := doiInRE.FindString(s)
	return strings.TrimRight(d, ".,;)]>")
}

// TrimContainer is TrimField for a container, which may open with the
// "In" that introduces it ("In: Proceedings of …", "In Smith (ed.) …"); a
// title keeps its own "In" ("In search of yield").
func TrimContainer(s string) string {
	s = TrimField(s)
	for {
		t := TrimField(strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(s, "In:"), "In "), "in "))
		if t == s {
			return s
		}
		s = t
	}
}
