package refparse

import "math"

// A reference prints its author list and its container (journal, book,
// proceedings) once each, in one stretch. When the best labelling splits
// either into several runs (authors, a title word, more authors), Label
// decodes again under that constraint: the best sequence in which each of
// them forms at most one run, with the tokens first read as years kept as
// years. (Titles are left as labelled: the paper reader takes a title's
// first run and reads a later run of title words as the site or
// publisher's name.)
const (
	authorLabel    = 0 // Labels[0]
	containerLabel = 2 // Labels[2]
	yearLabel      = 6 // Labels[6]
)

// oneRun are the labels decoded as one run, each with its flag bit.
var oneRun = [...]struct{ label, bit int }{{authorLabel, 1}, {containerLabel, 2}}

// oneRunStates is the number of decoding states: a label and the set of
// one-run labels whose run has already ended.
const oneRunStates = numLabels << len(oneRun)

// splitRuns reports whether a one-run label occurs in more than one run.
func splitRuns(labels []int) bool {
	var runs [len(oneRun)]int
	for i, l := range labels {
		if i > 0 && labels[i-1] == l {
			continue
		}
		for k, o := range oneRun {
			if l == o.label {
				runs[k]++
				if runs[k] > 1 {
					return true
				}
			}
		}
	}
	return false
}

// viterbiOneRun relabels out (the unconstrained best labelling) with the
// best sequence in which each one-run label forms at most one run and the
// tokens labelled as years keep that label.
func viterbiOneRun(em [][numLabels]float32, gaps []uint8, tt *transTable, out []int) {
	n := len(em)
	var bit [numLabels]int
	for _, o := range oneRun {
		bit[o.label] = o.bit
	}
	inf := float32(math.Inf(-1))
	score := make([][oneRunStates]float32, n)
	back := make([][oneRunStates]uint8, n)
	for i := range score {
		for s := range score[i] {
			score[i][s] = inf
		}
	}
	allowed := func(i, l int) bool { return out[i] != yearLabel || l == yearLabel }
	st := &tt.start[gaps[0]]
	for l := range numLabels {
		if allowed(0, l) {
			score[0][l] = st[l] + em[0][l]
		}
	}
	for i := 1; i < n; i++ {
		prev, cur := &score[i-1], &score[i]
		pair := &tt.pair[gaps[i]]
		for ps, v := range prev {
			if v == inf {
				continue
			}
			done, a := ps/numLabels, ps%numLabels
			for b := range numLabels {
				if !allowed(i, b) || b != a && done&bit[b] != 0 {
					continue // a year read as one, or a second run
				}
				d := done
				if b != a {
					d |= bit[a]
				}
				ns := d*numLabels + b
				if s := v + pair[a][b]; s > cur[ns] {
					cur[ns], back[i][ns] = s, uint8(ps)
				}
			}
		}
		for s := range cur {
			if cur[s] != inf {
				cur[s] += em[i][s%numLabels]
			}
		}
	}
	best, bs := inf, 0
	for s, v := range score[n-1] {
		if v > best {
			best, bs = v, s
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = bs % numLabels
		bs = int(back[i][bs])
	}
}
