package refparse

import (
	"math"
	"math/rand/v2"
	"sort"
)

// TrainOptions set the perceptron's training.
type TrainOptions struct {
	Epochs   int     // passes over the data
	Seed     uint64  // shuffle seed
	MinCount int     // features seen fewer times are dropped
	Temp     float64 // softmax temperature stored for confidences
	Folds    int     // jackknife folds for the lexicon features
	// MaxKeys caps the features kept: beyond it, those whose averaged
	// weights are smallest (sum of absolute quantised weights) are
	// dropped. 0 keeps all.
	MaxKeys int
}

// maxKeys128k is the most features a weight table of 2^17 slots holds (it
// is at most 4/5 full, see pack). On the development slice, keeping the
// strongest 105k or 52k of the 206k features changed no score by more than
// 0.001.
const maxKeys128k = (1<<17*4 - 5) / 5

// DefaultTrainOptions are the settings of the embedded model. Temp is the
// temperature with the least token log loss on the development slice
// (printed by gen -dev) for a model trained without it.
var DefaultTrainOptions = TrainOptions{Epochs: 12, Seed: 1, MinCount: 2, Temp: 88, Folds: 5, MaxKeys: maxKeys128k}

type trainSeq struct {
	feats  [][]int32
	labels []int
	gaps   []uint8
}

// Train fits an averaged structured perceptron on the examples. The result
// depends only on the examples, their order and opt.
func Train(exs []Example, opt TrainOptions) *Model {
	// Lexicon: all counts, and per jackknife fold, so that a training
	// example sees word classes learned from the other folds only.
	toks := make([][]Token, len(exs))
	gold := make([][]int, len(exs))
	all := lexCounts{}
	folds := make([]lexCounts, opt.Folds)
	foldOf := make([]int, len(exs))
	for i := range exs {
		toks[i], gold[i] = goldTokens(&exs[i])
		all.addExample(toks[i], gold[i], 1)
		foldOf[i] = int(hashPercent("fold:"+unitOf(exs[i].Source, exs[i].K, true)) % uint64(opt.Folds))
	}
	for f := range folds {
		folds[f] = lexCounts{}
	}
	for i := range exs {
		folds[foldOf[i]].addExample(toks[i], gold[i], 1)
	}
	foldLex := make([]lexicon, opt.Folds)
	for f := range folds {
		minus := lexCounts{}
		for w, row := range all {
			r := *row
			if o := folds[f][w]; o != nil {
				for l := range r {
					r[l] -= o[l]
				}
			}
			minus[w] = &r
		}
		foldLex[f] = lexiconOf(minus)
	}

	// Features, counted; rare ones dropped.
	raw := make([][][]fhash, len(exs))
	count := map[fhash]int{}
	for i := range exs {
		raw[i] = features(toks[i], foldLex[foldOf[i]], nil)
		for _, fs := range raw[i] {
			for _, f := range fs {
				count[f]++
			}
		}
	}
	index := map[fhash]int32{}
	var keys []fhash
	seqs := make([]trainSeq, len(exs))
	for i := range exs {
		seqs[i] = trainSeq{feats: make([][]int32, len(raw[i])), labels: gold[i], gaps: gapsOf(exs[i].Raw, toks[i])}
		for t, fs := range raw[i] {
			ids := make([]int32, 0, len(fs))
			for _, f := range fs {
				if count[f] < opt.MinCount {
					continue
				}
				id, ok := index[f]
				if !ok {
					id = int32(len(keys))
					index[f] = id
					keys = append(keys, f)
				}
				ids = append(ids, id)
			}
			seqs[i].feats[t] = ids
		}
		raw[i] = nil
	}

	w := make([]float32, len(keys)*numLabels)
	u := make([]float64, len(keys)*numLabels)
	var tw [transSize]float32
	var tu [transSize]float64
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	order := make([]int, len(seqs))
	for i := range order {
		order[i] = i
	}
	c := 1.0
	for range opt.Epochs {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, k := range order {
			s := &seqs[k]
			if len(s.labels) == 0 {
				c++
				continue
			}
			em := make([][numLabels]float32, len(s.feats))
			for t, ids := range s.feats {
				for _, id := range ids {
					row := w[int(id)*numLabels : int(id+1)*numLabels]
					for l := range numLabels {
						em[t][l] += row[l]
					}
				}
			}
			pred := viterbi(em, s.gaps, tw[:])
			for t := range pred {
				g, p := s.labels[t], pred[t]
				gPrev, pPrev := -1, -1
				if t > 0 {
					gPrev, pPrev = s.labels[t-1], pred[t-1]
				}
				if g != p {
					for _, id := range s.feats[t] {
						w[int(id)*numLabels+g]++
						u[int(id)*numLabels+g] += c
						w[int(id)*numLabels+p]--
						u[int(id)*numLabels+p] -= c
					}
				}
				if g != p || gPrev != pPrev {
					for _, base := range []int{0, (int(s.gaps[t]) + 1) * (numLabels + 1) * numLabels} {
						tw[base+(gPrev+1)*numLabels+g]++
						tu[base+(gPrev+1)*numLabels+g] += c
						tw[base+(pPrev+1)*numLabels+p]--
						tu[base+(pPrev+1)*numLabels+p] -= c
					}
				}
			}
			c++
		}
	}

	// Average, quantise, keep features with a non-zero row, sorted by key.
	avg := make([]float64, len(w))
	maxAbs := 0.0
	for i := range w {
		avg[i] = float64(w[i]) - u[i]/c
		maxAbs = math.Max(maxAbs, math.Abs(avg[i]))
	}
	scale := float32(maxAbs / 32000)
	if scale == 0 {
		scale = 1
	}
	var trans [transSize]float32
	for i := range tw {
		trans[i] = float32(float64(tw[i]) - tu[i]/c)
	}
	order = order[:0]
	for id := range keys {
		order = append(order, id)
	}
	sort.Slice(order, func(a, b int) bool { return keys[order[a]] < keys[order[b]] })
	type kept struct {
		key  uint32
		norm int
		q    [numLabels]int16
	}
	var ks []kept
	for _, id := range order {
		var k kept
		k.key = uint32(keys[id])
		for l := range numLabels {
			k.q[l] = int16(math.Round(avg[id*numLabels+l] / float64(scale)))
			k.norm += abs(int(k.q[l]))
		}
		if k.norm > 0 {
			ks = append(ks, k)
		}
	}
	if opt.MaxKeys > 0 && len(ks) > opt.MaxKeys {
		// Keep the strongest rows (ties by key, so the result is
		// deterministic), then restore key order.
		sort.Slice(ks, func(a, b int) bool {
			if ks[a].norm != ks[b].norm {
				return ks[a].norm > ks[b].norm
			}
			return ks[a].key < ks[b].key
		})
		ks = ks[:opt.MaxKeys]
		sort.Slice(ks, func(a, b int) bool { return ks[a].key < ks[b].key })
	}
	qkeys := make([]uint32, 0, len(ks))
	rows := make([]int16, 0, len(ks)*numLabels)
	for _, k := range ks {
		qkeys = append(qkeys, k.key)
		rows = append(rows, k.q[:]...)
	}
	m, err := Parse(pack(opt.Temp, scale, trans[:], qkeys, rows, lexiconOf(all)))
	if err != nil {
		panic(err) // pack and Parse disagree: a bug
	}
	return m
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
