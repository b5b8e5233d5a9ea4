package refparse

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"
)

// Score counts one field's agreement: Hits out of N (for authors, 2·TP out
// of 2·TP+FP+FN, so that Hits/N is the F1 over surnames).
type Score struct {
	Hits, N int
}

// Rate is Hits/N (0 when N is 0).
func (s Score) Rate() float64 {
	if s.N == 0 {
		return 0
	}
	return float64(s.Hits) / float64(s.N)
}

// Wilson returns the 95% Wilson score interval of Hits/N.
func (s Score) Wilson() (lo, hi float64) {
	if s.N == 0 {
		return 0, 1
	}
	const z = 1.96
	n := float64(s.N)
	p := s.Rate()
	den := 1 + z*z/n
	mid := (p + z*z/(2*n)) / den
	half := z * math.Sqrt(p*(1-p)/n+z*z/(4*n*n)) / den
	return max(0, mid-half), min(1, mid+half)
}

// Report is the per-field evaluation of a model on labelled references.
type Report struct {
	Refs                             int
	Authors, Title, Year, Venue, DOI Score
}

// EvalFields are the compared forms of one reference's fields.
type EvalFields struct {
	Surnames                []string
	Title, Year, Venue, DOI string
}

// Compared returns the normalised fields that the metrics compare.
func Compared(f Fields) EvalFields {
	var e EvalFields
	names, _ := SplitAuthors(f["author"].Text)
	for _, n := range names {
		if s := Surname(n.Family); s != "" {
			e.Surnames = append(e.Surnames, s)
		}
	}
	e.Title = normField(f["title"].Text)
	e.Year = YearOf(f["year"].Text)
	e.Venue = normVenue(f["container"].Text)
	e.DOI = strings.ToLower(DOIOf(f["doi"].Text))
	if e.DOI == "" && strings.Contains(strings.ToLower(f["url"].Text), "doi.org/") {
		e.DOI = strings.ToLower(DOIOf(f["url"].Text))
	}
	return e
}

// normVenue is normField without a leading "In" (a connective some
// annotations include in the container: "In Proceedings of ...").
func normVenue(s string) string {
	return strings.TrimPrefix(normField(s), "in ")
}

// normField lower-cases and collapses punctuation and white space.
func normField(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			b.WriteRune(r)
		} else {
			gap = true
		}
	}
	return b.String()
}

// GoldFields returns the fields of a labelled example as annotated.
func GoldFields(e *Example) Fields {
	toks, labels := goldTokens(e)
	var b strings.Builder
	for i, t := range e.Tokens {
		if i > 0 && !e.Glued[i] {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	lb := Labelled{Raw: b.String(), Tokens: toks, Labels: labels}
	return lb.Fields()
}

// Evaluate labels every example's raw string and compares its fields with
// the annotation. A field counts where either side has it.
func Evaluate(m *Model, exs []Example) Report {
	return EvaluateParser(func(raw string) EvalFields { return Compared(m.Label(raw).Fields()) }, exs)
}

// ComparedParts returns the compared forms of fields read by another
// parser: its author list (each entry one name, in any order), title, year,
// venue and DOI.
func ComparedParts(authors []string, title, year, venue, doi string) EvalFields {
	var e EvalFields
	for _, a := range authors {
		names, _ := SplitAuthors(a)
		if len(names) == 0 {
			continue
		}
		if s := Surname(names[0].Family); s != "" {
			e.Surnames = append(e.Surnames, s)
		}
	}
	e.Title = normField(title)
	e.Year = YearOf(year)
	e.Venue = normVenue(venue)
	e.DOI = strings.ToLower(DOIOf(doi))
	return e
}

// EvaluateLists is EvaluateParser for a parser that reads a whole
// reference list at once: examples are grouped into lists by source file,
// in order.
func EvaluateLists(parse func(raws []string) []EvalFields, exs []Example) Report {
	got := make(map[int]EvalFields, len(exs))
	for i := 0; i < len(exs); {
		j := i
		for j < len(exs) && exs[j].Source == exs[i].Source {
			j++
		}
		raws := make([]string, 0, j-i)
		for k := i; k < j; k++ {
			raws = append(raws, exs[k].Raw)
		}
		for k, f := range parse(raws) {
			got[i+k] = f
		}
		i = j
	}
	k := 0
	return EvaluateParser(func(string) EvalFields { f := got[k]; k++; return f }, exs)
}

// EvaluateParser scores any parser, given as the compared fields it reads
// from a raw reference string, against the annotation with the metrics of
// Evaluate.
func EvaluateParser(parse func(raw string) EvalFields, exs []Example) Report {
	var r Report
	for i := range exs {
		got, want := parse(exs[i].Raw), Compared(GoldFields(&exs[i]))
		r.Refs++
		tp := matchSurnames(got.Surnames, want.Surnames)
		r.Authors.Hits += 2 * tp
		r.Authors.N += len(got.Surnames) + len(want.Surnames)
		for _, c := range []struct {
			s         *Score
			got, want string
		}{{&r.Title, got.Title, want.Title}, {&r.Year, got.Year, want.Year},
			{&r.Venue, got.Venue, want.Venue}, {&r.DOI, got.DOI, want.DOI}} {
			if c.got == "" && c.want == "" {
				continue
			}
			c.s.N++
			if c.got == c.want {
				c.s.Hits++
			}
		}
	}
	return r
}

func matchSurnames(got, want []string) int {
	left := map[string]int{}
	for _, w := range want {
		left[w]++
	}
	tp := 0
	for _, g := range got {
		if left[g] > 0 {
			left[g]--
			tp++
		}
	}
	return tp
}

// Print writes the report as a table with 95% Wilson intervals.
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "%d references\n%-8s %7s %17s %7s %6s\n", r.Refs, "field", "score", "95% interval", "n", "target")
	for _, row := range []struct {
		name   string
		s      Score
		target float64
	}{{"authors", r.Authors, 0.93}, {"title", r.Title, 0.90}, {"year", r.Year, 0.96}, {"venue", r.Venue, 0.88}, {"doi", r.DOI, 0.95}} {
		lo, hi := row.s.Wilson()
		fmt.Fprintf(w, "%-8s %7.3f   [%.3f, %.3f] %7d %6.2f\n", row.name, row.s.Rate(), lo, hi, row.s.N, row.target)
	}
}

// TokenLogLoss is the mean negative log probability of the annotated label
// per token at temperature temp (used to fit the confidence temperature on
// the development slice).
func TokenLogLoss(m *Model, exs []Example, temp float64) float64 {
	sum, n := 0.0, 0
	pot := newPotentials(m.trans[:], temp)
	for i := range exs {
		toks, gold := goldTokens(&exs[i])
		if len(toks) == 0 {
			continue
		}
		em := m.emissions(features(toks, m.lex, nil), nil, nil)
		p := marginals(em, gapsOf(exs[i].Raw, toks), pot)
		for t := range toks {
			sum -= math.Log(max(p[t][gold[t]], 1e-12))
			n++
		}
	}
	return sum / float64(max(n, 1))
}

// SetTemp sets the temperature of the model's confidences.
func (m *Model) SetTemp(t float64) { m.temp, m.psi = t, newPotentials(m.trans[:], t) }
