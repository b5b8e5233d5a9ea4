package retrieval

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"testing"
	"unicode/utf8"

	"paperbot/corpus"
)

// misspell swaps the second and third letters of the longest word of q
// that has at least six letters and is not a stop word ("soft influence"
// gives "soft ifnluence"); ok is false when q has no such word.
func misspell(q string) (string, bool) {
	best := ""
	for _, w := range typedWords(q) {
		if len(w.lower) >= 6 && asciiLetters(w.lower) && !IsStopWord(w.lower) && !w.capital && len(w.lower) > len(best) {
			best = w.lower
		}
	}
	if best == "" || best[1] == best[2] {
		return "", false
	}
	typo := best[:1] + best[2:3] + best[1:2] + best[3:]
	out := []byte(q)
	for i := 0; i+len(best) <= len(q); i++ {
		if q[i:i+len(best)] == best {
			copy(out[i:], typo)
			return string(out), true
		}
	}
	return "", false
}

// TestTypoEval measures what typo correction recovers: each answerable
// question of testdata/eval.jsonl with one of its words misspelt (a
// swap of two letters, generated, not chosen), ranked by BM25 with and
// without correction against the paper's vocabulary.
func TestTypoEval(t *testing.T) {
	f, err := os.Open("../testdata/eval.jsonl")
	if err != nil {
		t.Skipf("no eval set: %v", err)
	}
	defer f.Close()
	ix := openMem(t, corpus.Default())
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	lex := ix.lexical("")
	v := ix.vocabulary(lex, "")
	// rr is the reciprocal rank of the first wanted reference among the
	// top 5 references (0 when none).
	rr := func(terms []QueryTerm, want []int) float64 {
		rank := 0
		for _, h := range lex.search(terms, 50).top {
			e := ix.entries[lex.ids[h.doc]]
			if e.p.Kind != KindReference {
				continue
			}
			if rank++; rank > 5 {
				break
			}
			if slices.Contains(want, e.p.Ref) {
				return 1 / float64(rank)
			}
		}
		return 0
	}
	var n int
	var clean, typoRaw, typoFixed float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e struct {
			Q    string `json:"q"`
			Refs []int  `json:"refs"`
		}
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		typo, ok := misspell(e.Q)
		if len(e.Refs) == 0 || !ok || !utf8.ValidString(typo) {
			continue
		}
		n++
		clean += rr(AnalyzeQuery(e.Q, v).Terms, e.Refs)
		typoRaw += rr(AnalyzeQuery(typo, nil).Terms, e.Refs)
		typoFixed += rr(AnalyzeQuery(typo, v).Terms, e.Refs)
	}
	nf := float64(n)
	t.Logf("BM25 MRR@5 (references) over %d questions: clean %.3f, one typo uncorrected %.3f, corrected %.3f",
		n, clean/nf, typoRaw/nf, typoFixed/nf)
	if typoFixed < typoRaw || typoFixed < 0.95*clean {
		t.Errorf("MRR with typos corrected %.3f, uncorrected %.3f, clean %.3f", typoFixed/nf, typoRaw/nf, clean/nf)
	}
}
