package refparse

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Labelled is a reference string cut into tokens, each with its most likely
// label and the model's probability of every label.
type Labelled struct {
	Raw    string
	Tokens []Token
	Labels []int
	// Prob[i][l] is the marginal probability that token i has label l.
	Prob [][numLabels]float64
}

// Label tokenises a reference string and labels every token.
func (m *Model) Label(raw string) Labelled {
	toks := Tokenize(raw)
	out := Labelled{Raw: raw, Tokens: toks}
	if len(toks) == 0 {
		return out
	}
	b := bufs.Get().(*labelBuf)
	defer bufs.Put(b)
	b.em = m.emissions(features(toks, m.lex, &b.feat), &b.rows, b.em)
	b.gaps = gapsInto(raw, toks, b.gaps)
	out.Labels = make([]int, len(toks))
	viterbiInto(b.em, b.gaps, m.tt, &b.vit, out.Labels)
	if splitRuns(out.Labels) {
		viterbiOneRun(b.em, b.gaps, m.tt, out.Labels)
	}
	out.Prob = make([][numLabels]float64, len(toks))
	marginalsInto(b.em, b.gaps, m.psi, &b.fb, out.Prob)
	return out
}

// labelBuf is the working memory of one Label call, pooled so that
// labelling allocates little more than its result.
type labelBuf struct {
	feat featBuf
	em   [][numLabels]float32
	gaps []uint8
	rows []int32
	vit  viterbiBuf
	fb   fbBuf
}

var bufs = sync.Pool{New: func() any { return new(labelBuf) }}

// numGaps is the number of kinds of boundary between two tokens; label
// transitions are weighted per kind (see gapsOf).
const numGaps = 10

// transSize is the length of a transition table: a shared block and one
// block per gap kind, each with start weights and label pairs.
const transSize = (numGaps + 1) * (numLabels + 1) * numLabels

// gapsOf classifies the boundary before every token by the last character
// of the previous token: start, '.', ',', ':', ';', closing bracket,
// closing quote, other punctuation, letter or digit, or no space at all.
func gapsOf(raw string, toks []Token) []uint8 { return gapsInto(raw, toks, nil) }

// gapsInto is gapsOf reusing buf.
func gapsInto(raw string, toks []Token, buf []uint8) []uint8 {
	g := grow(buf, len(toks))
	if len(g) > 0 {
		g[0] = 0
	}
	for i := 1; i < len(toks); i++ {
		if toks[i].Start == toks[i-1].End {
			g[i] = 9
			continue
		}
		r, _ := utf8.DecodeLastRuneInString(toks[i-1].Text)
		switch {
		case r == '.':
			g[i] = 1
		case r == ',':
			g[i] = 2
		case r == ':':
			g[i] = 3
		case r == ';':
			g[i] = 4
		case r == ')' || r == ']':
			g[i] = 5
		case strings.ContainsRune("”\"»’'", r):
			g[i] = 6
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			g[i] = 7
		default:
			g[i] = 8
		}
	}
	return g
}

// transAt returns the weight of label a (-1 at the start) followed by b at
// a boundary of kind g.
func transAt(trans []float32, g uint8, a, b int) float32 {
	k := (a+1)*numLabels + b
	return trans[k] + trans[(int(g)+1)*(numLabels+1)*numLabels+k]
}

// viterbi returns the best label sequence; trans[0:L] are start weights and
// trans[(a+1)*L+b] the weight of label a followed by b (see transAt).
func viterbi(em [][numLabels]float32, gaps []uint8, trans []float32) []int {
	out := make([]int, len(em))
	viterbiInto(em, gaps, newTransTable(trans), &viterbiBuf{}, out)
	return out
}

// transTable holds transAt for every gap kind and label pair, laid out for
// Viterbi's inner loop (the same float32 sums, so the same results).
type transTable struct {
	start [numGaps][numLabels]float32            // [g][b]: b first
	pair  [numGaps][numLabels][numLabels]float32 // [g][a][b]: a then b
}

func newTransTable(trans []float32) *transTable {
	t := &transTable{}
	for g := range numGaps {
		for b := range numLabels {
			t.start[g][b] = transAt(trans, uint8(g), -1, b)
			for a := range numLabels {
				t.pair[g][a][b] = transAt(trans, uint8(g), a, b)
			}
		}
	}
	return t
}

// viterbiBuf is the working memory of viterbiInto.
type viterbiBuf struct {
	score [][numLabels]float32
	back  [][numLabels]uint8
}

// viterbiInto is viterbi writing the labels into out (len(em) long).
func viterbiInto(em [][numLabels]float32, gaps []uint8, tt *transTable, buf *viterbiBuf, out []int) {
	n := len(em)
	buf.score = grow(buf.score, n)
	buf.back = grow(buf.back, n)
	score, back := buf.score, buf.back
	gaps = gaps[:n]
	st := &tt.start[gaps[0]]
	for l := range numLabels {
		score[0][l] = st[l] + em[0][l]
	}
	// All labels' maxima are kept side by side over a ascending; a later a
	// wins only when strictly better, as in a per-label scan.
	for i := 1; i < n; i++ {
		prev, cur, bk, e := &score[i-1], &score[i], &back[i], &em[i]
		pair := &tt.pair[gaps[i]]
		var best [numLabels]float32
		var arg [numLabels]uint8
		first := prev[0]
		for b := range numLabels {
			best[b] = first + pair[0][b]
		}
		for a := 1; a < numLabels; a++ {
			pa, row := prev[a], &pair[a]
			for b := range numLabels {
				if s := pa + row[b]; s > best[b] {
					best[b], arg[b] = s, uint8(a)
				}
			}
		}
		for b := range numLabels {
			cur[b] = best[b] + e[b]
		}
		*bk = arg
	}
	best := float32(math.Inf(-1))
	for l := range numLabels {
		if score[n-1][l] > best {
			best, out[n-1] = score[n-1][l], l
		}
	}
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i][out[i]])
	}
}

// potentials are the transition weights divided by a temperature and
// exponentiated, per gap kind (computed once per model), laid out for the
// passes: fwd is [g][b][a] (a followed by b), bwd the same as [g][a][b].
type potentials struct {
	temp  float64
	start [numGaps][numLabels]float64
	fwd   [numGaps][numLabels][numLabels]float64
	bwd   [numGaps][numLabels][numLabels]float64
}

func newPotentials(trans []float32, temp float64) *potentials {
	if temp <= 0 {
		temp = 1
	}
	p := &potentials{temp: temp}
	for g := range numGaps {
		for b := range numLabels {
			p.start[g][b] = math.Exp(float64(transAt(trans, uint8(g), -1, b)) / temp)
			for a := range numLabels {
				v := math.Exp(float64(transAt(trans, uint8(g), a, b)) / temp)
				p.fwd[g][b][a], p.bwd[g][a][b] = v, v
			}
		}
	}
	return p
}

// marginals runs forward-backward over the scores divided by the
// temperature, treating them as log-potentials, and returns per-token label
// probabilities. It works in probability space with per-token scaling (no
// logarithms).
func marginals(em [][numLabels]float32, gaps []uint8, pot *potentials) [][numLabels]float64 {
	out := make([][numLabels]float64, len(em))
	marginalsInto(em, gaps, pot, &fbBuf{}, out)
	return out
}

// fbBuf is the working memory of marginalsInto.
type fbBuf struct {
	phi, alpha, beta [][numLabels]float64
}

// marginalsInto is marginals writing into out (len(em) long).
func marginalsInto(em [][numLabels]float32, gaps []uint8, pot *potentials, buf *fbBuf, out [][numLabels]float64) {
	temp := pot.temp
	n := len(em)
	buf.phi, buf.alpha, buf.beta = grow(buf.phi, n), grow(buf.alpha, n), grow(buf.beta, n)
	// Potentials: emissions shifted by their row maximum (cancels out).
	phi, alpha, beta := buf.phi, buf.alpha, buf.beta
	for i := range em {
		mx := float32(math.Inf(-1))
		for _, v := range em[i] {
			mx = max(mx, v)
		}
		for l, v := range em[i] {
			phi[i][l] = math.Exp(float64(v-mx) / temp)
		}
	}
	norm := func(v *[numLabels]float64) {
		s := 0.0
		for _, x := range v {
			s += x
		}
		if s > 0 {
			for l := range v {
				v[l] /= s
			}
		}
	}
	gaps = gaps[:n]
	st := &pot.start[gaps[0]]
	for l := range numLabels {
		alpha[0][l] = st[l] * phi[0][l]
	}
	norm(&alpha[0])
	// Both passes sum in the original order (a, resp. b, ascending) but
	// run the sums of all 14 labels side by side, so they do not wait on
	// each other.
	for i := 1; i < n; i++ {
		p := &pot.bwd[gaps[i]]
		prev, cur, ph := &alpha[i-1], &alpha[i], &phi[i]
		var s [numLabels]float64
		for a := range numLabels {
			pa, row := prev[a], &p[a]
			for b := range numLabels {
				s[b] += pa * row[b]
			}
		}
		for b := range numLabels {
			cur[b] = s[b] * ph[b]
		}
		norm(cur)
	}
	for l := range numLabels {
		beta[n-1][l] = 1
	}
	for i := n - 2; i >= 0; i-- {
		p := &pot.fwd[gaps[i+1]]
		next, ph := &beta[i+1], &phi[i+1]
		var s [numLabels]float64
		for b := range numLabels {
			pb, nb, col := ph[b], next[b], &p[b]
			for a := range numLabels {
				s[a] += col[a] * pb * nb
			}
		}
		beta[i] = s
		norm(&beta[i])
	}
	for i := range out {
		for l := range numLabels {
			out[i][l] = alpha[i][l] * beta[i][l]
		}
		norm(&out[i])
	}
}
