package refparse

import (
	"encoding/binary"
	"errors"
	"math"
)

// Embedded reports whether m is the model built into the binary, whose
// labellings a build-time cache (EncodeLabellings) may hold.
func (m *Model) Embedded() bool { return m != nil && m.embedded }

// EncodeLabellings serialises labellings (their labels and probabilities,
// exactly) for DecodeLabellings: a cache made at build time of the
// embedded model's reading of known reference strings.
func EncodeLabellings(ls []Labelled) []byte {
	var b []byte
	for _, l := range ls {
		b = binary.AppendUvarint(b, uint64(len(l.Raw)))
		b = append(b, l.Raw...)
		b = binary.AppendUvarint(b, uint64(len(l.Labels)))
		for i, lab := range l.Labels {
			b = append(b, byte(lab))
			for _, p := range l.Prob[i] {
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p))
			}
		}
	}
	return b
}

var errBadLabellings = errors.New("refparse: malformed labellings")

// DecodeLabellings reads EncodeLabellings' output, keyed by reference
// string. A labelling's Tokens are Tokenize of its string, as Label makes them.
func DecodeLabellings(data []byte) (map[string]Labelled, error) {
	out := map[string]Labelled{}
	next := func() (int, bool) {
		v, n := binary.Uvarint(data)
		if n <= 0 || v > uint64(len(data)) {
			return 0, false
		}
		data = data[n:]
		return int(v), true
	}
	for len(data) > 0 {
		n, ok := next()
		if !ok || n > len(data) {
			return nil, errBadLabellings
		}
		raw := string(data[:n])
		data = data[n:]
		k, ok := next()
		if !ok || k*(1+8*numLabels) > len(data) {
			return nil, errBadLabellings
		}
		l := Labelled{Raw: raw, Tokens: Tokenize(raw)}
		if len(l.Tokens) != k {
			return nil, errBadLabellings
		}
		if k > 0 {
			l.Labels, l.Prob = make([]int, k), make([][numLabels]float64, k)
		}
		for i := range k {
			l.Labels[i] = int(data[0])
			data = data[1:]
			for j := range numLabels {
				l.Prob[i][j] = math.Float64frombits(binary.LittleEndian.Uint64(data))
				data = data[8:]
			}
		}
		out[raw] = l
	}
	return out, nil
}
