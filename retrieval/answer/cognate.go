package answer

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"paperbot/retrieval"
)

// A question in another language shares many of its content words with
// the paper's English by origin: "energía" and "energy", "Kavitäten" and
// "cavities", "индекс" and "index", "Methanemissionen" and "methane
// emissions". Offline there is no translation, so these cognates are
// what a foreign question can be matched by besides names and numbers.
// They are found by spelling alone: both words are reduced to a rough
// phonetic skeleton (accents dropped, Cyrillic transliterated, spellings
// of one sound made one letter) and must share a long enough start.

// cognateMinPrefix is the shortest shared start of two skeletons that can
// make them cognates; cognateMinShare is the least share of the shorter
// skeleton the shared start must cover. Below them chance agreements
// ("inter-", "trans-") dominate.
const (
	cognateMinPrefix = 5
	cognateMinShare  = 0.7
)

// maxCognateGenericity keeps everyday English words out of the bridge:
// "effect", "result", "use" have cognates in most questions ("efecto",
// "resultados", "uso") and say nothing about whether the paper covers
// one. Only words more a term than an everyday word (genericity below
// the middle of its scale) are bridged.
const maxCognateGenericity = 0.5

// cognates returns the paper's words that foreign word w most likely
// shares its origin with: one word, or two for a compound ("Methan" +
// "emissionen"); nil when none is close enough. English words and words
// shorter than cognateMinPrefix are never bridged.
func (pi *paperInfo) cognates(w string) []string {
	sk := skeleton(w)
	if len(sk) < cognateMinPrefix || isEnglishWord(w) {
		return nil
	}
	if c := pi.cognate(sk); c != "" {
		return []string{c}
	}
	if len(sk) > cognateMinPrefix && strings.HasPrefix(sk, "es") && !strings.ContainsRune("aeiou", rune(sk[2])) {
		// Spanish and Portuguese put an e before s and a consonant
		// ("estudio", "study").
		if c := pi.cognate(sk[1:]); c != "" {
			return []string{c}
		}
	}
	// A compound: a whole word of the paper starts it, and the rest (with
	// or without the joining letter) is a cognate of another.
	head, hsk := "", ""
	for _, cand := range pi.cognateWords() {
		if len(cand.sk) >= cognateMinPrefix && len(cand.sk) > len(hsk) && strings.HasPrefix(sk, cand.sk) && len(sk)-len(cand.sk) >= cognateMinPrefix-1 {
			head, hsk = cand.word, cand.sk
		}
	}
	if head == "" {
		return nil
	}
	for _, rest := range []string{sk[len(hsk):], sk[len(hsk)-1:]} {
		if c := pi.cognate(rest); c != "" && c != head {
			return []string{head, c}
		}
	}
	return []string{head}
}

// cognate returns the paper's word whose skeleton shares the longest start
// with sk, when that start is long enough; ties go to the word the paper
// uses in more passages.
func (pi *paperInfo) cognate(sk string) string {
	best, bestL, bestDF := "", 0, 0
	for _, cand := range pi.cognateWords() {
		l := commonPrefix(sk, cand.sk)
		if l < cognateMinPrefix || float64(l) < cognateMinShare*float64(min(len(sk), len(cand.sk))) {
			continue
		}
		if genericity(cand.word) >= maxCognateGenericity {
			continue
		}
		df := pi.df[retrieval.Stem(cand.word)]
		if l > bestL || l == bestL && df > bestDF {
			best, bestL, bestDF = cand.word, l, df
		}
	}
	return best
}

// skeletonWord is a word of the paper with its skeleton.
type skeletonWord struct{ word, sk string }

// cognateWords are the content words of five letters or more of the
// paper's own text (not its reference list, whose titles may be in other
// languages or transliterated) with their skeletons, built on first use.
func (pi *paperInfo) cognateWords() []skeletonWord {
	pi.skOnce.Do(func() {
		seen := map[string]bool{}
		for _, ps := range pi.passages {
			if ps.Kind == retrieval.KindReference {
				continue
			}
			for _, w := range retrieval.Words(ps.Text) {
				if seen[w] || len(w) < cognateMinPrefix || retrieval.IsStopWord(w) || isNumber(w) {
					continue
				}
				seen[w] = true
				pi.skWords = append(pi.skWords, skeletonWord{w, skeleton(w)})
			}
		}
	})
	return pi.skWords
}

// commonPrefix is the length in bytes of the shared start of a and b.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// cyrillicLatin transliterates Russian and Ukrainian letters.
var cyrillicLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'ё': "e", 'є': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'і': "i", 'ї': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "h", 'ц': "ts", 'ч': "ch",
	'ш': "sh", 'щ': "sh", 'ъ': "", 'ы': "i", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
}

// skeletonRules make spellings of one sound one letter, in order, across
// the European languages' spellings of shared words (-tion/-ción/-ция,
// ph/f, th/t, c/k, y/i, x/ks, z/s, w/v, doubled letters).
var skeletonRules = strings.NewReplacer(
	"tio", "sio", "tia", "sia", "ts", "s", "ph", "f", "th", "t", "ck", "k", "qu", "k", "ch", "k", "sh", "s", "zh", "s",
	"ce", "se", "ci", "si", "cy", "si", "c", "k", "x", "ks", "y", "i", "z", "s", "w", "v", "j", "i",
)

// skeleton reduces a word to its rough phonetic spelling: lower case,
// accents and umlauts dropped, Cyrillic transliterated, spellings of one
// sound merged, doubled letters single. Letters only.
func skeleton(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ß':
			b.WriteString("ss")
		case cyrillicLatin[r] != "" || unicode.Is(unicode.Cyrillic, r):
			b.WriteString(cyrillicLatin[r])
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		}
	}
	s := skeletonRules.Replace(b.String())
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] {
			continue
		}
		out = append(out, s[i])
	}
	return string(out)
}
