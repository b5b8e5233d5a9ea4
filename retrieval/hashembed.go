package retrieval

import (
	"context"
	"fmt"
	"math"
	"sync"

	"github.com/philippgille/chromem-go"
)

// DefaultDim is the dimension of the offline hashing embedder: 256 keeps a
// 30,000-passage search within budget on two cores with no measurable loss
// on the seed questions against 512.
const DefaultDim = 256

// HashEmbedderID names the offline embedder of dimension dim for the index
// file, e.g. "hash-v3-256". Change the version when the features change.
func HashEmbedderID(dim int) string { return fmt.Sprintf("hash-v3-%d", dim) }

// Feature weights of the hashing embedder: each feature group is normalised
// on its own, then mixed with these weights, so that the many character
// n-grams of a passage do not drown its words.
const (
	weightTerms  = 0.70
	weightPairs  = 0.35
	weightNgrams = 0.45
)

// HashEmbedder returns an offline, deterministic embedding function: feature
// hashing (the "hashing trick", with a sign bit) of stemmed words, adjacent
// word pairs and character 3-grams of words, into dim buckets, L2-normalised
// as chromem-go expects of an EmbeddingFunc. It needs no network and no model
// file. It is lexical at heart: it finds shared words and word pieces
// ("Kyrgyz" ~ "Kyrgyzstan"), not synonyms.
//
// Text without any letter or digit (empty, emoji only) embeds to a fixed unit
// vector, never to zeros (which chromem-go would turn into NaNs).
// A dim below 16 is raised to 16.
func HashEmbedder(dim int) chromem.EmbeddingFunc {
	if dim < 16 {
		dim = 16
	}
	return func(ctx context.Context, text string) ([]float32, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return hashEmbed(text, dim), nil
	}
}

// scratch holds a hashEmbed call's working vectors.
type scratch struct{ vec, group []float64 }

var scratchPool sync.Pool

// hashEmbed computes the hashing embedding of text.
func hashEmbed(text string, dim int) []float32 {
	ws := words(text)
	ts := termsOf(ws, make([]string, 0, len(ws)))
	sc, _ := scratchPool.Get().(*scratch)
	if sc == nil || len(sc.vec) != dim {
		sc = &scratch{vec: make([]float64, dim), group: make([]float64, dim)}
	}
	defer scratchPool.Put(sc)
	vec, group := sc.vec, sc.group
	clear(vec)

	// flush normalises the group just filled, adds it to vec with weight,
	// and clears it.
	flush := func(weight float64, n int) {
		if n == 0 {
			return
		}
		norm := 0.0
		for _, g := range group {
			norm += g * g
		}
		if norm > 0 {
			scale := weight / math.Sqrt(norm)
			for i, g := range group {
				vec[i] += g * scale
			}
		}
		clear(group)
	}
	add := func(x uint64) {
		i, sign := bucketOf(x, dim)
		group[i] += sign
	}

	clear(group)
	for _, t := range ts {
		add(fnv64(fnvStart('t'), t))
	}
	flush(weightTerms, len(ts))

	for i := 1; i < len(ts); i++ {
		h := fnv64(fnvStart('p'), ts[i-1])
		h = fnv64(fnvByte(h, ' '), ts[i])
		add(h)
	}
	flush(weightPairs, len(ts)-1)

	n := 0
	var bounds [130]int
	for _, w := range ws {
		if IsStopWord(w) || len(w) > 120 {
			continue
		}
		// Rune boundaries of "<" + w + ">", without building the string.
		nb := 0
		bounds[nb] = -1 // the "<"
		nb++
		for i := range w {
			bounds[nb] = i
			nb++
		}
		bounds[nb] = len(w) // the ">"
		nb++
		bounds[nb] = len(w) + 1
		for i := 0; i+3 <= nb; i++ {
			h := fnvStart('g')
			from, to := bounds[i], bounds[i+3]
			if from < 0 {
				h = fnvByte(h, '<')
				from = 0
			}
			if to > len(w) {
				h = fnv64(h, w[from:])
				h = fnvByte(h, '>')
			} else {
				h = fnv64(h, w[from:to])
			}
			add(h)
			n++
		}
	}
	flush(weightNgrams, n)

	out := make([]float32, dim)
	norm := 0.0
	for _, v := range vec {
		norm += v * v
	}
	if norm == 0 {
		out[0] = 1
		return out
	}
	inv := 1 / math.Sqrt(norm)
	for i, v := range vec {
		out[i] = float32(v * inv)
	}
	return out
}

const fnvPrime = 1099511628211

// fnvStart begins an FNV-1a 64 hash with a feature kind byte.
func fnvStart(kind byte) uint64 { return fnvByte(14695981039346656037, kind) }

func fnvByte(h uint64, c byte) uint64 { return (h ^ uint64(c)) * fnvPrime }

func fnv64(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// bucketOf maps a feature hash to a dimension and a sign.
func bucketOf(x uint64, dim int) (int, float64) {
	sign := 1.0
	if x>>63 == 1 {
		sign = -1
	}
	return int((x & (1<<63 - 1)) % uint64(dim)), sign
}
