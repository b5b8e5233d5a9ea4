package retrieval

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
)

// A segment file holds one paper's passages, their content hashes and
// their embeddings: segMagic, the SHA-256 of the payload, then the payload
// (a gob of segmentFile, not compressed: embeddings barely compress, and
// one paper decodes in about a millisecond). It is written once when the
// paper is added or changes, and read on the first question about the
// paper. Terms are not stored: the paper's BM25 index is built from its
// passages when it is read (a few milliseconds for one paper), so a change
// to the text analyser never leaves stale postings on disk.
const (
	segMagic   = "PAPERBOT-SEGMENT\n"
	segVersion = 1
)

// segmentFile is what a segment file holds.
type segmentFile struct {
	Version    int
	PaperID    string
	Hash       string // paperHash of the passages under EmbedderID
	EmbedderID string
	Dim        int
	Passages   []Passage
	Hashes     []string // contentHash of each passage
	Vectors    []byte   // len(Passages)*Dim float32s, little endian
}

// errSegment marks a segment file that cannot be trusted.
var errSegment = errors.New("segment is corrupt")

// paperHash identifies a paper's passages (every field) under one
// embedder: equal hashes mean the stored segment still holds exactly what
// PassagesFor gives, so the paper needs neither reading nor embedding.
func paperHash(embedderID string, ps []Passage) string {
	h := sha256.New()
	var buf []byte
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	num := func(n int) { buf = binary.AppendVarint(buf, int64(n)) }
	str(embedderID)
	num(len(ps))
	for _, p := range ps {
		buf = buf[:0]
		str(p.ID)
		str(p.PaperID)
		str(string(p.Kind))
		num(p.Ref)
		num(p.Seq)
		num(p.Start)
		num(p.End)
		str(p.Section)
		num(p.Page)
		num(len(p.Cites))
		for _, c := range p.Cites {
			num(c)
		}
		str(p.Text)
		str(p.Keywords)
		h.Write(buf)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// encodeSegment serialises one paper with its checksum. vecs[i] is the
// embedding of ps[i]; all have length dim.
func encodeSegment(embedderID, hash string, dim int, ps []Passage, hashes []string, vecs [][]float32) ([]byte, error) {
	f := segmentFile{Version: segVersion, EmbedderID: embedderID, Hash: hash, Dim: dim, Passages: ps, Hashes: hashes}
	if len(ps) > 0 {
		f.PaperID = ps[0].PaperID
	}
	f.Vectors = make([]byte, 0, 4*dim*len(vecs))
	for i, v := range vecs {
		if len(v) != dim {
			return nil, fmt.Errorf("encode segment: passage %s has %d dimensions, want %d", ps[i].ID, len(v), dim)
		}
		for _, x := range v {
			f.Vectors = binary.LittleEndian.AppendUint32(f.Vectors, math.Float32bits(x))
		}
	}
	var payload bytes.Buffer
	payload.WriteString(segMagic)
	payload.Write(make([]byte, sha256.Size))
	if err := gob.NewEncoder(&payload).Encode(&f); err != nil {
		return nil, fmt.Errorf("encode segment: %w", err)
	}
	out := payload.Bytes()
	sum := sha256.Sum256(out[len(segMagic)+sha256.Size:])
	copy(out[len(segMagic):], sum[:])
	return out, nil
}

// decodeSegment checks and decodes a segment file's bytes; the vectors
// share one backing array.
func decodeSegment(data []byte) (*segmentFile, [][]float32, error) {
	head := len(segMagic) + sha256.Size
	if len(data) < head || string(data[:len(segMagic)]) != segMagic {
		return nil, nil, fmt.Errorf("%w: not a segment file or truncated", errSegment)
	}
	if sum := sha256.Sum256(data[head:]); !bytes.Equal(sum[:], data[len(segMagic):head]) {
		return nil, nil, fmt.Errorf("%w: checksum mismatch (truncated or modified)", errSegment)
	}
	var f segmentFile
	if err := gob.NewDecoder(bytes.NewReader(data[head:])).Decode(&f); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", errSegment, err)
	}
	n := len(f.Passages)
	switch {
	case f.Version != segVersion:
		return nil, nil, fmt.Errorf("%w: version %d, want %d", errSegment, f.Version, segVersion)
	case n == 0 || f.Dim <= 0 || len(f.Hashes) != n || len(f.Vectors) != 4*n*f.Dim:
		return nil, nil, fmt.Errorf("%w: %d passages, %d hashes, %d vector bytes for dimension %d", errSegment, n, len(f.Hashes), len(f.Vectors), f.Dim)
	}
	all := make([]float32, n*f.Dim)
	for i := range all {
		all[i] = math.Float32frombits(binary.LittleEndian.Uint32(f.Vectors[4*i:]))
	}
	f.Vectors = nil
	vecs := make([][]float32, n)
	for i := range vecs {
		vecs[i] = all[i*f.Dim : (i+1)*f.Dim : (i+1)*f.Dim]
	}
	seen := make(map[string]bool, n)
	for _, p := range f.Passages {
		if p.ID == "" || p.PaperID != f.PaperID || p.Text == "" || seen[p.ID] {
			return nil, nil, fmt.Errorf("%w: bad passage %q", errSegment, p.ID)
		}
		seen[p.ID] = true
	}
	return &f, vecs, nil
}
