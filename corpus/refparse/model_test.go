package refparse

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"
)

func TestDefaultModelLabels(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f := m.Label("Smith, J., & Lee, K. (2019). A study of things. Journal of Examples, 12(3), 45-67.").Fields()
	if got := YearOf(f["year"].Text); got != "2019" {
		t.Errorf("year = %q (%q)", got, f["year"].Text)
	}
	if got := TrimField(f["title"].Text); got != "A study of things" {
		t.Errorf("title = %q", got)
	}
	if got := TrimField(f["container"].Text); got != "Journal of Examples" {
		t.Errorf("container = %q", got)
	}
	names, _ := SplitAuthors(f["author"].Text)
	if len(names) != 2 || names[0].Family != "Smith" || names[1].Family != "Lee" {
		t.Errorf("authors = %+v", names)
	}
	for l, fl := range f {
		if fl.Conf < 0 || fl.Conf > 1 {
			t.Errorf("%s confidence %v out of [0,1]", l, fl.Conf)
		}
	}
}

func TestModelRoundTrip(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), modelBin) {
		t.Error("writing the loaded model does not give the embedded bytes")
	}
}

func TestSplitIsFixed(t *testing.T) {
	s := DefaultSplit()
	if len(s.units) != 117 || len(s.dropped) != 20 || len(s.blocked) != 12 {
		t.Errorf("split: %d units, %d dropped, %d blocked; want 117, 20, 12", len(s.units), len(s.dropped), len(s.blocked))
	}
}

// trainingData reads ../shared/refparse/train.jsonl, skipping outside CI
// when it is absent.
func trainingData(tb testing.TB) []Example {
	const path = "../../../shared/refparse/train.jsonl"
	if _, err := os.Stat(path); err != nil && os.Getenv("CI") == "" {
		tb.Skip("no training data at " + path)
	}
	exs, err := ReadExamplesFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return exs
}

func BenchmarkLabel(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	const ref = "Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need. In: Advances in Neural Information Processing Systems 30; 2017. p. 5998-6008."
	for b.Loop() {
		m.Label(ref)
	}
}

// BenchmarkTrain is the full training of the embedded model (what go
// generate runs, without the split check); about a minute per iteration.
func BenchmarkTrain(b *testing.B) {
	all := trainingData(b)
	s := DefaultSplit()
	var train []Example
	for i := range all {
		if s.Train(&all[i]) {
			train = append(train, all[i])
		}
	}
	for b.Loop() {
		Train(train, DefaultTrainOptions)
	}
}

func TestComparedParts(t *testing.T) {
	e := ComparedParts([]string{"Smith, J.", "K. Lee", "et al."}, "A Title.", "(2019a).", "J. Things", "https://doi.org/10.1000/X")
	if len(e.Surnames) != 2 || e.Surnames[0] != "smith" || e.Surnames[1] != "lee" {
		t.Errorf("surnames %q", e.Surnames)
	}
	if e.Title != "a title" || e.Year != "2019a" || e.Venue != "j things" || e.DOI != "10.1000/x" {
		t.Errorf("fields %+v", e)
	}
}

// TestEmissionsAddRows checks the batched, word-at-a-time emissions
// against a plain lookup of every feature's row, one weight at a time.
func TestEmissionsAddRows(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{
		"Smith, J., & Lee, K. (2019). A study of things. Journal of Examples, 12(3), 45-67.",
		"Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need. In: NeurIPS; 2017. p. 5998-6008.",
		"", "x", "Ünïcødé wörds — “quoted” (1999)",
	} {
		toks := Tokenize(ref)
		feats := features(toks, m.lex, nil)
		got := m.emissions(feats, nil, nil)
		for i, fs := range feats {
			var acc [numLabels]int32
			for _, f := range fs {
				for j := mix(uint32(f)) & m.mask; ; j = (j + 1) & m.mask {
					rec := m.table[int(j)*recSize:]
					k := binary.LittleEndian.Uint32(rec)
					if k == 0 {
						break
					}
					if k != uint32(f) {
						continue
					}
					for l := range acc {
						acc[l] += int32(int16(binary.LittleEndian.Uint16(rec[4+2*l:])))
					}
					break
				}
			}
			for l := range acc {
				if want := float32(acc[l]) * m.scale; got[i][l] != want {
					t.Fatalf("%q token %d label %d: %v, want %v", ref, i, l, got[i][l], want)
				}
			}
		}
	}
}
