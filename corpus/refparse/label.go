package refparse

import (
	"math"
	"strings"
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
	em := m.emissions(features(toks, m.lex, nil))
	gaps := gapsOf(raw, toks)
	out.Labels = viterbi(em, gaps, m.trans[:])
	out.Prob = marginals(em, gaps, m.psi)
	return out
}

// numGaps is the number of kinds of boundary between two tokens; label
// transitions are weighted per kind (see gapsOf).
const numGaps = 10

// transSize is the length of a transition table: a shared block and one
// block per gap kind, each with start weights and label pairs.
const transSize = (numGaps + 1) * (numLabels + 1) * numLabels

// gapsOf classifies the boundary before every token by the last character
// of the previous token: start, '.', ',', ':', ';', closing bracket,
// closing quote, other punctuation, letter or digit, or no space at all.
func gapsOf(raw string, toks []Token) []uint8 {
	g := make([]uint8, len(toks))
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

func (m *Model) emissions(feats [][]fhash) [][numLabels]float32 {
	em := make([][numLabels]float32, len(feats))
	for i, fs := range feats {
		var acc [numLabels]int32
		for _, f := range fs {
			m.addRow(f, &acc)
		}
		for l := range acc {
			em[i][l] = float32(acc[l]) * m.scale
		}
	}
	return em
}

// viterbi returns the best label sequence; trans[0:L] are start weights and
// trans[(a+1)*L+b] the weight of label a followed by b.
func viterbi(em [][numLabels]float32, gaps []uint8, trans []float32) []int {
	n := len(em)
	score := make([][numLabels]float32, n)
	back := make([][numLabels]uint8, n)
	for l := range numLabels {
		score[0][l] = transAt(trans, gaps[0], -1, l) + em[0][l]
	}
	for i := 1; i < n; i++ {
		for b := range numLabels {
			best, arg := float32(math.Inf(-1)), 0
			for a := range numLabels {
				if s := score[i-1][a] + transAt(trans, gaps[i], a, b); s > best {
					best, arg = s, a
				}
			}
			score[i][b] = best + em[i][b]
			back[i][b] = uint8(arg)
		}
	}
	out := make([]int, n)
	best := float32(math.Inf(-1))
	for l := range numLabels {
		if score[n-1][l] > best {
			best, out[n-1] = score[n-1][l], l
		}
	}
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i][out[i]])
	}
	return out
}

// potentials are the transition weights divided by a temperature and
// exponentiated, per gap kind (computed once per model).
type potentials struct {
	temp float64
	psi  [numGaps][(numLabels + 1) * numLabels]float64
}

func newPotentials(trans []float32, temp float64) *potentials {
	if temp <= 0 {
		temp = 1
	}
	p := &potentials{temp: temp}
	for g := range numGaps {
		for a := -1; a < numLabels; a++ {
			for b := range numLabels {
				p.psi[g][(a+1)*numLabels+b] = math.Exp(float64(transAt(trans, uint8(g), a, b)) / temp)
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
	temp := pot.temp
	psi := &pot.psi
	n := len(em)
	// Potentials: emissions shifted by their row maximum (cancels out).
	phi := make([][numLabels]float64, n)
	for i := range em {
		mx := float32(math.Inf(-1))
		for _, v := range em[i] {
			mx = max(mx, v)
		}
		for l, v := range em[i] {
			phi[i][l] = math.Exp(float64(v-mx) / temp)
		}
	}
	alpha := make([][numLabels]float64, n)
	beta := make([][numLabels]float64, n)
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
	for l := range numLabels {
		alpha[0][l] = psi[gaps[0]][l] * phi[0][l]
	}
	norm(&alpha[0])
	for i := 1; i < n; i++ {
		p := &psi[gaps[i]]
		for b := range numLabels {
			s := 0.0
			for a := range numLabels {
				s += alpha[i-1][a] * p[(a+1)*numLabels+b]
			}
			alpha[i][b] = s * phi[i][b]
		}
		norm(&alpha[i])
	}
	for l := range numLabels {
		beta[n-1][l] = 1
	}
	for i := n - 2; i >= 0; i-- {
		p := &psi[gaps[i+1]]
		for a := range numLabels {
			s := 0.0
			for b := range numLabels {
				s += p[(a+1)*numLabels+b] * phi[i+1][b] * beta[i+1][b]
			}
			beta[i][a] = s
		}
		norm(&beta[i])
	}
	out := make([][numLabels]float64, n)
	for i := range out {
		for l := range numLabels {
			out[i][l] = alpha[i][l] * beta[i][l]
		}
		norm(&out[i])
	}
	return out
}
