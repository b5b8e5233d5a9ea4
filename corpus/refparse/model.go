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
	"unsafe"
)

// Model is a trained linear-chain labeller: per-feature label weights,
// label-to-label transition weights and the learned lexicon. Its weights
// and lexicon are read in place from the serialised model (no copy, no
// maps), so loading costs a header check.
//
// The weights are an open-addressing table of 32-byte records, each a
// feature key and the int16 weights of all labels, aligned so that a
// record never straddles a cache line: a lookup reads the line of its home
// slot and mostly finds the key and all its weights there.
type Model struct {
	data  []byte // the serialised model (see pack)
	table []byte // slots records: key uint32 (0 = empty), numLabels int16
	mask  uint32 // slots-1
	scale float32
	trans [transSize]float32
	lex   packedLexicon
	temp  float64 // softmax temperature for confidences
	psi   *potentials
	tt    *transTable
	// embedded: this is the model built into the binary (Default before
	// any UseModel).
	embedded bool
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
		if defaultModel != nil {
			defaultModel.embedded = true
		}
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

const magic = "RPM4"

// recSize is the size of one weight record: its feature key and a
// quantised weight per label.
const recSize = 4 + 2*numLabels

// tableAlign is the alignment of the weight table in the serialised model.
const tableAlign = 64

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
	p = (p + tableAlign - 1) &^ (tableAlign - 1)
	if slots < 64 || slots&(slots-1) != 0 || p > len(data) || slots > (len(data)-p)/recSize {
		return nil, errors.New("refparse model: bad weight table")
	}
	m.mask = uint32(slots - 1)
	m.table = data[p : p+slots*recSize]
	p += slots * recSize
	if kept := int(u32(p)); kept >= slots {
		return nil, errors.New("refparse model: weight table full") // a lookup would never end
	}
	p += 4
	lex, err := parseLexicon(data[p:])
	if err != nil {
		return nil, err
	}
	m.lex = lex
	m.psi = newPotentials(m.trans[:], m.temp)
	m.tt = newTransTable(m.trans[:])
	return m, nil
}

func mix(k uint32) uint32 {
	k ^= k >> 16
	k *= 0x7feb352d
	k ^= k >> 15
	return k
}

// emissions sums the weight rows of every token's features (unknown
// features add nothing). The lookups of all features are independent, so
// they run in passes that keep many memory reads in flight: first every
// feature's home slot, then the probes and row numbers, then the rows.
// rows, if not nil, is reused scratch for the row numbers.
func (m *Model) emissions(feats [][]fhash, rows *[]int32, buf [][numLabels]float32) [][numLabels]float32 {
	em := grow(buf, len(feats))
	total := 0
	for _, fs := range feats {
		total += len(fs)
	}
	var scratch []int32
	if rows != nil {
		scratch = *rows
	}
	r := grow(scratch, total)
	if rows != nil {
		*rows = r
	}
	table, mask := m.table, m.mask
	// Pass 1: each feature's home slot, and the key there read (loads that
	// do not wait on each other, so their cache misses overlap).
	i := 0
	seen := uint32(0)
	for _, fs := range feats {
		for _, f := range fs {
			j := mix(uint32(f)) & mask
			r[i] = int32(j)
			seen |= binary.LittleEndian.Uint32(table[int(j)*recSize:])
			i++
		}
	}
	if seen == 0 {
		return zero(em)
	}
	// Pass 2: finish probing (mostly inside the line just read) and add
	// the rows, four int16 weights per 64-bit word. Each weight is biased
	// to unsigned (x^0x8000 = x+32768) and the lanes of a word are split
	// into two 32-bit halves, so sums of up to 65,536 rows stay exact; the
	// bias is taken off at the end.
	const lanes, flip = 0x0000ffff0000ffff, 0x8000800080008000
	i = 0
	for t, fs := range feats {
		var s0, s1, s2, s3, s4, s5, s6 uint64
		cnt := uint32(0)
		for _, f := range fs {
			j := uint32(r[i])
			i++
			var rec *[recSize]byte
			for {
				rec = (*[recSize]byte)(table[int(j)*recSize:])
				k := binary.LittleEndian.Uint32(rec[:])
				if k == uint32(f) {
					break
				}
				if k == 0 {
					rec = nil
					break
				}
				j = (j + 1) & mask
			}
			if rec == nil {
				continue
			}
			w0 := binary.LittleEndian.Uint64(rec[4:]) ^ flip
			w1 := binary.LittleEndian.Uint64(rec[12:]) ^ flip
			w2 := binary.LittleEndian.Uint64(rec[20:]) ^ flip
			w3 := uint64(binary.LittleEndian.Uint32(rec[28:]) ^ flip&0xffffffff)
			s0 += w0 & lanes
			s1 += w0 >> 16 & lanes
			s2 += w1 & lanes
			s3 += w1 >> 16 & lanes
			s4 += w2 & lanes
			s5 += w2 >> 16 & lanes
			s6 += w3&0xffff | w3>>16<<32
			cnt++
		}
		bias := cnt << 15
		sum := [numLabels]uint64{s0, s1, s0 >> 32, s1 >> 32, s2, s3, s2 >> 32, s3 >> 32, s4, s5, s4 >> 32, s5 >> 32, s6, s6 >> 32}
		for l, v := range sum {
			em[t][l] = float32(int32(uint32(v)-bias)) * m.scale
		}
	}
	return em
}

// zero sets every emission to 0 (no known feature at all).
func zero(em [][numLabels]float32) [][numLabels]float32 {
	clear(em)
	return em
}

// pack serialises a model: header, transitions, the weight table laid out
// for lookup (at most 4/5 full, starting at a multiple of 64 bytes), the
// number of its records and the lexicon sorted by word. Keys are
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
	slots := 64
	for slots*4 < len(keys)*5+4 {
		slots <<= 1
	}
	put(uint32(slots))
	for b.Len()%tableAlign != 0 {
		b.WriteByte(0)
	}
	table := make([]byte, slots*recSize)
	mask := uint32(slots - 1)
	kept := 0
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
		kept++
	}
	b.Write(table)
	put(uint32(kept))
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

// packedLexicon is the lexicon as stored: n, a hash index (slot count,
// then per slot 0 or 1+entry number, keyed by mix of the word's hash), n
// entry offsets, then entries (length byte, word, length byte, class)
// sorted by word.
type packedLexicon struct {
	n    int
	mask uint32
	idx  []byte
	offs []byte
	ents []byte
}

// wordSlot is the home slot of a word in the lexicon's hash index.
func wordSlot(w string, mask uint32) uint32 {
	return mix(uint32(fhash(fnvOffset).add(w))) & mask
}

func writeLexicon(b *bytes.Buffer, lex lexicon) {
	words := make([]string, 0, len(lex))
	for w := range lex {
		words = append(words, w)
	}
	sort.Strings(words)
	var ents bytes.Buffer
	_ = binary.Write(b, binary.LittleEndian, uint32(len(words)))
	slots := 64
	for slots < 2*len(words) {
		slots <<= 1
	}
	idx := make([]uint32, slots)
	mask := uint32(slots - 1)
	for i, w := range words {
		if len(w) > 255 {
			w = w[:255] // as stored
		}
		j := wordSlot(w, mask)
		for idx[j] != 0 {
			j = (j + 1) & mask
		}
		idx[j] = uint32(i + 1)
	}
	_ = binary.Write(b, binary.LittleEndian, uint32(slots))
	_ = binary.Write(b, binary.LittleEndian, idx)
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
	if n < 0 || len(data) < 8 {
		return packedLexicon{}, bad
	}
	slots := int(binary.LittleEndian.Uint32(data[4:]))
	if slots < 64 || slots&(slots-1) != 0 || slots < n || 8+4*slots+4*n > len(data) {
		return packedLexicon{}, bad
	}
	p := 8 + 4*slots
	l := packedLexicon{n: n, mask: uint32(slots - 1), idx: data[8:p], offs: data[p : p+4*n], ents: data[p+4*n:]}
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

// class returns the learned class of a word, or "". The class is read in
// place from the model's bytes, which Parse requires never to change.
func (l packedLexicon) class(w string) string {
	// The index is not checked on load: an entry number out of range ends
	// the lookup, as does a full circle of the table.
	j := wordSlot(w, l.mask)
	for range l.mask + 1 {
		i := int(binary.LittleEndian.Uint32(l.idx[4*j:]))
		if i == 0 || i > l.n {
			return ""
		}
		if word, c := l.entry(i - 1); string(word) == w {
			if len(c) == 0 {
				return ""
			}
			return unsafe.String(&c[0], len(c))
		}
		j = (j + 1) & l.mask
	}
	return ""
}
