package refparse

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"sync"
)

// Model is a trained linear-chain labeller: per-feature label weights,
// label-to-label transition weights and the learned lexicon. Its weights
// and lexicon are read in place from the serialised model (no copy, no
// maps), so loading costs a header check.
type Model struct {
	data  []byte // the serialised model (see pack)
	table []byte // open-addressing records: key uint32, numLabels int16
	mask  uint32 // slots-1
	scale float32
	trans [transSize]float32
	lex   packedLexicon
	temp  float64 // softmax temperature for confidences
	psi   *potentials
}

//go:embed model.bin
var modelBin []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model, loaded on first use.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Parse(modelBin)
	})
	return defaultModel, defaultErr
}

// UseModel makes m the model Default returns, for a tool that evaluates
// another model (paperbot eval-refs --model); call it before the first
// reference is read.
func UseModel(m *Model) {
	defaultOnce.Do(func() {})
	defaultModel, defaultErr = m, nil
}

const magic = "RPM2"

// recSize is the size of one weight record: its feature hash and a
// quantised weight per label.
const recSize = 4 + 2*numLabels

// Load reads a model written by (*Model).Write.
func Load(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("refparse model: %w", err)
	}
	return Parse(data)
}

// Parse checks a serialised model and returns it, reading its tables in
// place: data must not change afterwards.
func Parse(data []byte) (*Model, error) {
	head := 8 + 8 + 4*transSize + 4
	if len(data) < head || string(data[:4]) != magic || data[4] != numLabels {
		return nil, errors.New("refparse model: bad header")
	}
	m := &Model{data: data}
	u32 := func(p int) uint32 { return binary.LittleEndian.Uint32(data[p:]) }
	m.temp = float64(math.Float32frombits(u32(8)))
	m.scale = math.Float32frombits(u32(12))
	for i := range m.trans {
		m.trans[i] = math.Float32frombits(u32(16 + 4*i))
	}
	p := 16 + 4*transSize
	slots := int(u32(p))
	p += 4
	if slots == 0 || slots&(slots-1) != 0 || slots > (len(data)-p)/recSize {
		return nil, errors.New("refparse model: bad weight table")
	}
	m.mask = uint32(slots - 1)
	m.table = data[p : p+slots*recSize]
	p += slots * recSize
	lex, err := parseLexicon(data[p:])
	if err != nil {
		return nil, err
	}
	m.lex = lex
	m.psi = newPotentials(m.trans[:], m.temp)
	return m, nil
}

func mix(k uint32) uint32 {
	k ^= k >> 16
	k *= 0x7feb352d
	k ^= k >> 15
	return k
}

// addRow adds the weights of feature f to acc (nothing if f is unknown).
func (m *Model) addRow(f fhash, acc *[numLabels]int32) {
	j := mix(uint32(f)) & m.mask
	for {
		rec := m.table[int(j)*recSize : int(j+1)*recSize]
		k := binary.LittleEndian.Uint32(rec)
		if k == uint32(f) {
			for l := range acc {
				acc[l] += int32(int16(binary.LittleEndian.Uint16(rec[4+2*l:])))
			}
			return
		}
		if k == 0 {
			return
		}
		j = (j + 1) & m.mask
	}
}

// pack serialises a model: header, transitions, the weight table laid out
// for lookup (at most 4/5 full) and the lexicon sorted by word. Keys are
// sorted, so the bytes are deterministic.
func pack(temp float64, scale float32, trans []float32, keys []uint32, rows []int16, lex lexicon) []byte {
	var b bytes.Buffer
	b.WriteString(magic)
	b.Write([]byte{numLabels, 0, 0, 0})
	put := func(v uint32) { _ = binary.Write(&b, binary.LittleEndian, v) }
	put(math.Float32bits(float32(temp)))
	put(math.Float32bits(scale))
	for _, t := range trans {
		put(math.Float32bits(t))
	}
	slots := 1
	for slots*4 < len(keys)*5+4 {
		slots <<= 1
	}
	put(uint32(slots))
	table := make([]byte, slots*recSize)
	mask := uint32(slots - 1)
	for i, k := range keys {
		if k == 0 {
			continue // 0 marks an empty slot; one feature in 2^32 is lost
		}
		j := mix(k) & mask
		for binary.LittleEndian.Uint32(table[int(j)*recSize:]) != 0 {
			j = (j + 1) & mask
		}
		rec := table[int(j)*recSize:]
		binary.LittleEndian.PutUint32(rec, k)
		for l := range numLabels {
			binary.LittleEndian.PutUint16(rec[4+2*l:], uint16(rows[i*numLabels+l]))
		}
	}
	b.Write(table)
	writeLexicon(&b, lex)
	return b.Bytes()
}

// Write serialises the model (deterministic bytes).
func (m *Model) Write(w io.Writer) error {
	if _, err := w.Write(m.data); err != nil {
		return fmt.Errorf("refparse model: %w", err)
	}
	return nil
}

// packedLexicon is the lexicon as stored: n, n entry offsets, then entries
// (length byte, word, length byte, class) sorted by word.
type packedLexicon struct {
	n    int
	offs []byte
	ents []byte
}

func writeLexicon(b *bytes.Buffer, lex lexicon) {
	words := make([]string, 0, len(lex))
	for w := range lex {
		words = append(words, w)
	}
	sort.Strings(words)
	var ents bytes.Buffer
	_ = binary.Write(b, binary.LittleEndian, uint32(len(words)))
	for _, w := range words {
		_ = binary.Write(b, binary.LittleEndian, uint32(ents.Len()))
		for _, s := range []string{w, lex[w]} {
			if len(s) > 255 {
				s = s[:255]
			}
			ents.WriteByte(byte(len(s)))
			ents.WriteString(s)
		}
	}
	b.Write(ents.Bytes())
}

func parseLexicon(data []byte) (packedLexicon, error) {
	bad := errors.New("refparse model: bad lexicon")
	if len(data) < 4 {
		return packedLexicon{}, bad
	}
	n := int(binary.LittleEndian.Uint32(data))
	if n < 0 || 4+4*n > len(data) {
		return packedLexicon{}, bad
	}
	l := packedLexicon{n: n, offs: data[4 : 4+4*n], ents: data[4+4*n:]}
	// Every entry must lie inside the data, and the last end exactly there.
	end := 0
	for i := range n {
		p := l.off(i)
		if p != end {
			return packedLexicon{}, bad
		}
		for range 2 {
			if p >= len(l.ents) || p+1+int(l.ents[p]) > len(l.ents) {
				return packedLexicon{}, bad
			}
			p += 1 + int(l.ents[p])
		}
		end = p
	}
	if end != len(l.ents) {
		return packedLexicon{}, errors.New("refparse model: trailing bytes")
	}
	return l, nil
}

func (l packedLexicon) off(i int) int { return int(binary.LittleEndian.Uint32(l.offs[4*i:])) }

// entry returns the word and class of entry i.
func (l packedLexicon) entry(i int) ([]byte, []byte) {
	p := l.off(i)
	w := l.ents[p+1 : p+1+int(l.ents[p])]
	p += 1 + int(l.ents[p])
	return w, l.ents[p+1 : p+1+int(l.ents[p])]
}

// class returns the learned class of a word, or "".
func (l packedLexicon) class(w string) string {
	i := sort.Search(l.n, func(i int) bool {
		word, _ := l.entry(i)
		return string(word) >= w
	})
	if i < l.n {
		if word, c := l.entry(i); string(word) == w {
			return string(c)
		}
	}
	return ""
}
