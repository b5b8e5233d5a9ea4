package answer

import (
	"strings"

	"paperbot/corpus"
	"paperbot/internal/lazyre"
	"paperbot/retrieval"
)

// hyphenatedRE finds words joined by hyphens ("Wi-Fi", "e-mail").
var hyphenatedRE = lazyre.New(`\p{L}+(?:-\p{L}+)+`)

// spellings records, once per paper, the ways a student may type words of
// the paper that the analyser reads differently (see addSpellings).
func (pi *paperInfo) spellings() map[string]string {
	pi.spellOnce.Do(func() {
		pi.spelled = map[string]string{}
		for _, ps := range pi.passages {
			text := ps.Text + "\n" + ps.Keywords
			pi.addSpellings(text, retrieval.Words(text))
		}
	})
	return pi.spelled
}

// addSpellings records the ways a student may type words of text (whose
// words are ws) that the analyser reads differently: without their
// accents ("auge" for "Augé") and a hyphenated word run together ("wifi"
// for "Wi-Fi"). Each maps to the paper's own spelling.
func (pi *paperInfo) addSpellings(text string, ws []string) {
	for _, w := range hyphenatedRE.FindAllString(strings.ToLower(text), -1) {
		if joined := strings.ReplaceAll(w, "-", ""); len(joined) >= 4 {
			pi.spell(joined, w)
			pi.spell(corpus.FoldASCII(joined), w)
		}
	}
	for _, w := range ws {
		if f := corpus.FoldASCII(w); f != w {
			pi.spell(f, w)
		}
	}
}

// spell records typed as a way of typing the paper's word w; the first
// spelling seen is kept.
func (pi *paperInfo) spell(typed, w string) {
	if _, ok := pi.spelled[typed]; !ok {
		pi.spelled[typed] = w
	}
}

// spelling returns the paper's word that w is a way of typing (see
// addSpellings), also when the question has accents the paper does not
// ("augé" of "Auge"); "" if none.
func (pi *paperInfo) spelling(w string) string {
	spelled := pi.spellings()
	if v, ok := spelled[w]; ok && !pi.words[w] {
		return v
	}
	if f := corpus.FoldASCII(w); f != w && pi.words[f] {
		return f
	}
	if v, ok := spelled[corpus.FoldASCII(w)]; ok && !pi.words[w] {
		return v
	}
	for _, v := range spellingVariants(w) {
		if pi.words[v] {
			return v
		}
	}
	return ""
}

// spellingPairs are word endings spelt one way in British and another in
// American English ("colour" and "color", "programme" and "program",
// "modelling" and "modeling"); -ise and -ize the analyser already
// merges.
var spellingPairs = [][2]string{
	{"our", "or"}, {"ours", "ors"}, {"oured", "ored"}, {"ouring", "oring"},
	{"tre", "ter"}, {"tres", "ters"},
	{"ogue", "og"}, {"ogues", "ogs"},
	{"ence", "ense"}, {"ences", "enses"},
	{"amme", "am"}, {"ammes", "ams"},
	{"lling", "ling"}, {"lled", "led"}, {"ller", "ler"}, {"llers", "lers"},
}

// spellingVariants are the other spellings of w by spellingPairs, each
// keeping at least three letters before the ending.
func spellingVariants(w string) []string {
	var out []string
	for _, p := range spellingPairs {
		for _, ab := range [2][2]string{{p[0], p[1]}, {p[1], p[0]}} {
			if stem, ok := strings.CutSuffix(w, ab[0]); ok && len(stem) >= 3 {
				out = append(out, stem+ab[1])
			}
		}
	}
	return out
}
