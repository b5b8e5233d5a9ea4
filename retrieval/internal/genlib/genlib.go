// Package genlib writes reproducible synthetic papers for benchmarks at
// library scale, in the plain-text paper format, and reads them back through
// the real reader (corpus.Parse), so bodies, section headings, captions and
// in-text citations reach the index by the same path as a real paper's.
//
// The words are pseudo-words (consonant–vowel syllables) drawn from a
// Zipf distribution, so BM25 statistics look like prose without naming any
// real text. The shape of a full-text paper is set to fall within the range
// of the five real papers in ../shared/papers, measured with
// `go run . passages --json --paper ../shared/papers/X.pdf`:
//
//	                        real papers (min–max over the five)   generated
//	passages per paper      77–286                                158–250 (10 papers)
//	body passages           55–208                                115–184
//	abstract sentences      6–13                                  6–13
//	captions                10–23                                 6–21
//	references              5–52                                  20–50
//	words per body passage  mean 20.6–28.8, median 20–24          mean 23–26
//	citations per body      0.09–0.40 (share cited 8–23%)         0.12–0.25
//	passage (sentence)
//
// A body passage is one sentence; paragraphs hold 2–6 sentences, so a
// paragraph carries about 0.6 citations on average.
// Without body, a paper is its title, authors, abstract and references.
package genlib

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"paperbot/corpus"
)

// vocabSize is the number of distinct pseudo-words.
const vocabSize = 20000

// Vocab is the deterministic pseudo-word vocabulary of a seed, most
// frequent (in generated text) first.
func Vocab(seed int) []string {
	r := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	const cons, vows = "bcdfghklmnprstvz", "aeiou"
	vocab := make([]string, vocabSize)
	seen := make(map[string]bool, vocabSize)
	for i := 0; i < len(vocab); {
		var b strings.Builder
		for s := 0; s < 2+r.IntN(3); s++ {
			b.WriteByte(cons[r.IntN(len(cons))])
			b.WriteByte(vows[r.IntN(len(vows))])
		}
		b.WriteByte(cons[r.IntN(len(cons))])
		if w := b.String(); !seen[w] {
			seen[w] = true
			vocab[i] = w
			i++
		}
	}
	return vocab
}

// Name is the file name of paper i ("synth-00042.txt"); corpus.Parse
// derives the paper id from it.
func Name(i int) string { return fmt.Sprintf("synth-%05d.txt", i) }

// Generate returns n synthetic papers for seed, read by corpus.Parse; the
// same seed and n always give the same papers. With body, each paper has
// sections, paragraphs, captions and in-text citations.
func Generate(seed, n int, body bool) ([]*corpus.Paper, error) {
	vocab := Vocab(seed)
	out := make([]*corpus.Paper, n)
	for i := range out {
		p, err := corpus.Parse(Name(i), text(vocab, seed, i, body))
		if err != nil {
			return nil, fmt.Errorf("generate paper %d: %w", i, err)
		}
		out[i] = p
	}
	return out, nil
}

// Text is the plain-text paper i of seed, as Generate parses it.
func Text(seed, i int, body bool) []byte { return text(Vocab(seed), seed, i, body) }

// TextWith is Text with the seed's vocabulary (Vocab) computed once by the
// caller, for writing many papers.
func TextWith(vocab []string, seed, i int, body bool) []byte { return text(vocab, seed, i, body) }

// writer builds one paper's text.
type writer struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	vocab []string
	b     strings.Builder
}

func text(vocab []string, seed, i int, body bool) []byte {
	r := rand.New(rand.NewPCG(uint64(seed), uint64(i)+1))
	w := &writer{r: r, zipf: rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1)), vocab: vocab}
	w.line(w.title(6 + r.IntN(5)))
	w.line("")
	w.line(w.person() + " and " + w.person())
	w.line("")
	w.line("Abstract")
	w.line("")
	abs := make([]string, 6+r.IntN(8))
	for k := range abs {
		abs[k] = w.sentence(0)
	}
	w.para(strings.Join(abs, " "))
	nrefs := 20 + r.IntN(31)
	if body {
		w.body(nrefs)
	}
	w.line("References")
	w.line("")
	for k := 1; k <= nrefs; k++ {
		w.line(fmt.Sprintf("%d. %s (%d). %s %s, %d(%d), %d–%d.", k, w.citedAuthor(), 1990+r.IntN(35),
			w.sentenceWords(6+r.IntN(8)), w.title(2+r.IntN(2)), 1+r.IntN(40), 1+r.IntN(12), 10+r.IntN(200), 220+r.IntN(200)))
	}
	return []byte(w.b.String())
}

// body writes 5–7 numbered sections of paragraphs and captions.
func (w *writer) body(nrefs int) {
	r := w.r
	fig := 0
	for s := 1; s <= 5+r.IntN(3); s++ {
		w.line(fmt.Sprintf("%d. %s", s, w.title(1+r.IntN(3))))
		w.line("")
		paras := 5 + r.IntN(4)
		for range paras {
			sents := make([]string, 2+r.IntN(5))
			for k := range sents {
				sents[k] = w.sentence(nrefs)
			}
			w.para(strings.Join(sents, " "))
		}
		for range 1 + r.IntN(3) {
			fig++
			label := "Figure"
			if r.IntN(3) == 0 {
				label = "Table"
			}
			w.para(fmt.Sprintf("%s %d. %s", label, fig, w.sentence(0)))
		}
	}
}

// sentence is 8–40 words (mean 24), ending with a citation to one or two of
// nrefs references in about one sentence in seven (none when nrefs is 0).
func (w *writer) sentence(nrefs int) string {
	n := 8 + w.r.IntN(17) + w.r.IntN(17)
	s := w.sentenceWords(n)
	if nrefs > 0 && w.r.IntN(7) == 0 {
		a := 1 + w.r.IntN(nrefs)
		cite := fmt.Sprintf(" [%d]", a)
		if w.r.IntN(3) == 0 {
			cite = fmt.Sprintf(" [%d, %d]", a, 1+w.r.IntN(nrefs))
		}
		s = strings.TrimSuffix(s, ".") + cite + "."
	}
	return s
}

// sentenceWords is n Zipf-drawn words, capitalised, ending with a period.
func (w *writer) sentenceWords(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = w.vocab[w.zipf.Uint64()]
	}
	ws[0] = upper(ws[0])
	return strings.Join(ws, " ") + "."
}

// title is n capitalised words drawn uniformly from the rarer vocabulary.
func (w *writer) title(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = upper(w.vocab[200+w.r.IntN(len(w.vocab)-200)])
	}
	return strings.Join(ws, " ")
}

func (w *writer) person() string {
	return upper(w.vocab[w.r.IntN(len(w.vocab))]) + " " + upper(w.vocab[w.r.IntN(len(w.vocab))])
}

func (w *writer) citedAuthor() string {
	return fmt.Sprintf("%s, %c.", upper(w.vocab[w.r.IntN(len(w.vocab))]), 'A'+rune(w.r.IntN(26)))
}

// para writes text wrapped at 80 columns, then a blank line.
func (w *writer) para(text string) {
	col := 0
	for i, word := range strings.Fields(text) {
		if i > 0 && col+1+len(word) > 80 {
			w.b.WriteByte('\n')
			col = 0
		} else if i > 0 {
			w.b.WriteByte(' ')
			col++
		}
		w.b.WriteString(word)
		col += len(word)
	}
	w.b.WriteString("\n\n")
}

func (w *writer) line(s string) {
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

func upper(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
