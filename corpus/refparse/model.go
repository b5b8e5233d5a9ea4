package refparse

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
)

// Model is a trained linear-chain labeller: per-feature label weights,
// label-to-label transition weights and the learned lexicon.
type Model struct {
	slots []int32  // open addressing: index into keys/rows, -1 empty
	keys  []uint32 // feature hashes, sorted
	rows  []int16  // len(keys) * numLabels quantised weights
	scale float32  // weight of one quantum
	trans [transSize]float32
	lex   lexicon
	temp  float64 // softmax temperature for confidences
}

//go:embed model.bin.gz
var modelGz []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model, loaded on first use.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Load(bytes.NewReader(modelGz))
	})
	return defaultModel, defaultErr
}

const magic = "RPM1"

// Load reads a model written by (*Model).Write.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("refparse model: %w", err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("refparse model: %w", err)
	}
	if len(data) < 16 || string(data[:4]) != magic || data[4] != numLabels {
		return nil, errors.New("refparse model: bad header")
	}
	m := &Model{lex: lexicon{}}
	p := 5
	u32 := func() uint32 {
		if p+4 > len(data) {
			p = len(data) + 1
			return 0
		}
		v := binary.LittleEndian.Uint32(data[p:])
		p += 4
		return v
	}
	m.temp = float64(math.Float32frombits(u32()))
	m.scale = math.Float32frombits(u32())
	for i := range m.trans {
		m.trans[i] = math.Float32frombits(u32())
	}
	n := int(u32())
	if n < 0 || p+n*(4+2*numLabels) > len(data) {
		return nil, errors.New("refparse model: truncated weights")
	}
	m.keys = make([]uint32, n)
	for i := range m.keys {
		m.keys[i] = u32()
	}
	m.rows = make([]int16, n*numLabels)
	for i := range m.rows {
		m.rows[i] = int16(binary.LittleEndian.Uint16(data[p:]))
		p += 2
	}
	nl := int(u32())
	for range nl {
		if p >= len(data) {
			return nil, errors.New("refparse model: truncated lexicon")
		}
		w, c, ok := lexEntry(data, &p)
		if !ok {
			return nil, errors.New("refparse model: truncated lexicon")
		}
		m.lex[w] = c
	}
	if p != len(data) {
		return nil, errors.New("refparse model: trailing bytes")
	}
	m.index()
	return m, nil
}

func lexEntry(data []byte, p *int) (string, string, bool) {
	var s [2]string
	for k := range s {
		if *p >= len(data) {
			return "", "", false
		}
		l := int(data[*p])
		*p++
		if *p+l > len(data) {
			return "", "", false
		}
		s[k] = string(data[*p : *p+l])
		*p += l
	}
	return s[0], s[1], true
}

// index builds the open-addressing table over keys.
func (m *Model) index() {
	size := 1
	for size < 2*len(m.keys) {
		size <<= 1
	}
	m.slots = make([]int32, size)
	for i := range m.slots {
		m.slots[i] = -1
	}
	mask := uint32(size - 1)
	for i, k := range m.keys {
		j := mix(k) & mask
		for m.slots[j] >= 0 {
			j = (j + 1) & mask
		}
		m.slots[j] = int32(i)
	}
}

func mix(k uint32) uint32 {
	k ^= k >> 16
	k *= 0x7feb352d
	k ^= k >> 15
	return k
}

// row returns the weights of a feature, or nil.
func (m *Model) row(f fhash) []int16 {
	if len(m.slots) == 0 {
		return nil
	}
	mask := uint32(len(m.slots) - 1)
	j := mix(uint32(f)) & mask
	for {
		i := m.slots[j]
		if i < 0 {
			return nil
		}
		if m.keys[i] == uint32(f) {
			return m.rows[int(i)*numLabels : int(i+1)*numLabels]
		}
		j = (j + 1) & mask
	}
}

// Write serialises the model (gzip'd, deterministic bytes).
func (m *Model) Write(w io.Writer) error {
	var b bytes.Buffer
	b.WriteString(magic)
	b.WriteByte(numLabels)
	put := func(v uint32) { _ = binary.Write(&b, binary.LittleEndian, v) }
	put(math.Float32bits(float32(m.temp)))
	put(math.Float32bits(m.scale))
	for _, t := range m.trans {
		put(math.Float32bits(t))
	}
	put(uint32(len(m.keys)))
	for _, k := range m.keys {
		put(k)
	}
	for _, r := range m.rows {
		_ = binary.Write(&b, binary.LittleEndian, r)
	}
	words := sortedKeys(m.lex)
	put(uint32(len(words)))
	for _, wd := range words {
		for _, s := range []string{wd, m.lex[wd]} {
			if len(s) > 255 {
				s = s[:255]
			}
			b.WriteByte(byte(len(s)))
			b.WriteString(s)
		}
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("refparse model: %w", err)
	}
	if _, err := zw.Write(b.Bytes()); err != nil {
		return fmt.Errorf("refparse model: %w", err)
	}
	return zw.Close()
}
