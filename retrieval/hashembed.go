package retrieval

import (
	"context"
	"fmt"
	"math"

	"github.com/philippgille/chromem-go"
)

// DefaultDim is the dimension of the offline hashing embedder.
const DefaultDim = 512

// HashEmbedderID names the offline embedder of dimension dim for the index
// file, e.g. "hash-v1-512". Change the version when the features change.
func HashEmbedderID(dim int) string { return fmt.Sprintf("hash-v1-%d", dim) }

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

// hashEmbed computes the hashing embedding of text.
func hashEmbed(text string, dim int) []float32 {
	ws := words(text)
	ts := terms(text)
	vec := make([]float64, dim)
	group := make([]float64, dim)

	addGroup := func(weight float64, fill func(add func(kind byte, s string))) {
		clear(group)
		n := 0
		fill(func(kind byte, s string) {
			i, sign := bucket(kind, s, dim)
			group[i] += sign
			n++
		})
		if n == 0 {
			return
		}
		norm := 0.0
		for _, g := range group {
			norm += g * g
		}
		if norm == 0 {
			return
		}
		scale := weight / math.Sqrt(norm)
		for i, g := range group {
			vec[i] += g * scale
		}
	}

	addGroup(weightTerms, func(add func(byte, string)) {
		for _, t := range ts {
			add('t', t)
		}
	})
	addGroup(weightPairs, func(add func(byte, string)) {
		for i := 1; i < len(ts); i++ {
			add('p', ts[i-1]+" "+ts[i])
		}
	})
	addGroup(weightNgrams, func(add func(byte, string)) {
		for _, w := range ws {
			if isStopWord(w) {
				continue
			}
			r := []rune("<" + w + ">")
			for i := 0; i+3 <= len(r); i++ {
				add('g', string(r[i:i+3]))
			}
		}
	})

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

// bucket hashes one feature (FNV-1a 64 of kind and s) to a dimension and a sign.
func bucket(kind byte, s string, dim int) (int, float64) {
	const prime = 1099511628211
	x := uint64(14695981039346656037)
	x = (x ^ uint64(kind)) * prime
	for i := 0; i < len(s); i++ {
		x = (x ^ uint64(s[i])) * prime
	}
	sign := 1.0
	if x>>63 == 1 {
		sign = -1
	}
	return int((x & (1<<63 - 1)) % uint64(dim)), sign
}
