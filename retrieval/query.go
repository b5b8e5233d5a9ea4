package retrieval

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/retrieval/lexicon"
)

// SynonymWeight is the weight of a WordNet synonym of a question's word
// against 1 for the word itself, in BM25 (and for the answer engine's
// evidence). It is not fitted: on testdata/eval.jsonl every weight from 0.2
// to 0.8 gives the same hit@1, hit@5 and MRR (few of its questions use a
// word the paper lacks that has a synonym the paper uses), so it sits at
// the low end of the usual range, below any exact match.
const SynonymWeight = 0.3

// QueryTerm is one weighted search term of an analysed question.
type QueryTerm struct {
	Term   string  // the index term (a stem)
	Weight float64 // 1 for the question's own words, SynonymWeight for synonyms
	Of     string  // the question's term it stands for (Term itself for those)
}

// Query is a question as the analyser reads it: its terms after typo
// correction, then the synonyms the paper uses for the terms it does not.
type Query struct {
	Terms []QueryTerm
	// Corrected maps each corrected question word (lower-cased) to the
	// paper's word it was read as: "pwoer" -> "power".
	Corrected map[string]string
	// Language is the question's language (DetectLanguage).
	Language Language
}

// Exact returns the question's own terms (after typo correction), in
// order, without repeats.
func (q Query) Exact() []string {
	var out []string
	for _, t := range q.Terms {
		if t.Weight == 1 {
			out = append(out, t.Term)
		}
	}
	return out
}

// AnalyzeQuery reads a question against vocabulary v (the paper's; nil
// skips correction and expansion):
//   - words are split, stop words dropped and the rest stemmed as Terms does;
//     a question confidently in another language (DetectLanguage) also loses
//     that language's function words, and is neither corrected nor
//     expanded: what can match are names, numbers and shared terms;
//   - a word that is a typo of a word of the paper (Vocabulary.Correct) is
//     read as that word, unless it is capitalised inside the sentence (a
//     name the paper may not know: "Putin");
//   - for each resulting term the paper does not use, the WordNet synonyms
//     (package lexicon) that the paper does use are added with weight
//     SynonymWeight. A term the paper uses is not expanded: the student's
//     word is the paper's word, and synonyms would only add noise.
func AnalyzeQuery(text string, v *Vocabulary) Query {
	q := Query{Language: DetectLanguage(text)}
	english := q.Language.English()
	if !english {
		v = nil
	}
	seen := map[string]bool{}
	for i, tw := range typedWords(text) {
		w := tw.lower
		if !english && IsForeignStopWord(q.Language.Code, w) {
			continue
		}
		if v != nil && !(tw.capital && i > 0) {
			if c, ok := v.Correct(w); ok {
				if q.Corrected == nil {
					q.Corrected = map[string]string{}
				}
				q.Corrected[w] = c
				w = c
			}
		}
		t, ok := termOf(w)
		if !ok || seen[t] {
			continue
		}
		seen[t] = true
		q.Terms = append(q.Terms, QueryTerm{Term: t, Weight: 1, Of: t})
	}
	if v == nil {
		return q
	}
	n := len(q.Terms)
	for _, qt := range q.Terms[:n] {
		if v.HasTerm(qt.Term) {
			continue
		}
		for _, s := range lexicon.Synonyms(qt.Term) {
			if seen[s] || !v.HasTerm(s) || IsStopWord(s) {
				continue
			}
			seen[s] = true
			q.Terms = append(q.Terms, QueryTerm{Term: s, Weight: SynonymWeight, Of: qt.Term})
		}
	}
	return q
}

// typedWord is one word of a question as typed.
type typedWord struct {
	lower   string
	capital bool // starts with an upper-case letter
}

// typedWords splits text as words does, remembering capitals.
func typedWords(text string) []typedWord {
	var out []typedWord
	for w := range rawWords(text) {
		r, _ := utf8.DecodeRuneInString(w)
		out = append(out, typedWord{lower: strings.ToLower(w), capital: unicode.IsUpper(r)})
	}
	return out
}
