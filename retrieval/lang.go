package retrieval

import (
	"strings"
	"unicode"

	"paperbot/retrieval/lexicon"
)

// Language is what DetectLanguage makes of a text.
type Language struct {
	Code       string  // ISO 639-1 code: "en", "es", "ru", "zh", ...
	Confidence float64 // 0..1; below MinLanguageConfidence it is a guess
}

// MinLanguageConfidence is the confidence from which a detected language is
// acted on (dropping its function words, skipping English typo correction,
// replying with its notice). Short English questions without any function
// word ("soft power") come out as English at 0.3.
const MinLanguageConfidence = 0.5

// English reports whether text should be treated as English: detected as
// English, or not confidently detected as anything else.
func (l Language) English() bool {
	return l.Code == "en" || l.Confidence < MinLanguageConfidence
}

// scriptLangs maps scripts that (nearly) name a language to it. Latin and
// Cyrillic, shared by many languages, are told apart by their words.
var scriptLangs = []struct {
	table *unicode.RangeTable
	code  string
}{
	{unicode.Hangul, "ko"},
	{unicode.Arabic, "ar"},
	{unicode.Greek, "el"},
	{unicode.Devanagari, "hi"},
	{unicode.Hebrew, "he"},
	{unicode.Thai, "th"},
}

// DetectLanguage guesses the language of a short text such as a question:
// from its script for Chinese, Japanese (kana), Korean, Arabic, Greek,
// Hindi, Hebrew and Thai; from its function words (and a few letters only
// one language uses) for English, Spanish, French, German, Portuguese,
// Italian, Dutch, Turkish, Russian and Ukrainian. Text without letters is
// English at confidence 0.
func DetectLanguage(text string) Language {
	var letters, latin, cyrillic, han, kana int
	other := map[string]int{}
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
		default:
			for _, s := range scriptLangs {
				if unicode.Is(s.table, r) {
					other[s.code]++
					break
				}
			}
		}
	}
	if letters == 0 {
		return Language{Code: "en"}
	}
	share := func(n int) float64 { return float64(n) / float64(letters) }
	// Japanese mixes kanji and kana; kana alone marks it.
	if kana > 0 && kana+han >= max(latin, cyrillic) {
		return Language{"ja", share(kana + han)}
	}
	if han > max(latin, cyrillic) {
		return Language{"zh", share(han)}
	}
	best, bestN := "", 0
	for _, s := range scriptLangs {
		if n := other[s.code]; n > bestN {
			best, bestN = s.code, n
		}
	}
	if bestN > max(latin, cyrillic) {
		return Language{best, share(bestN)}
	}
	if cyrillic > latin {
		l := byWords(text, cyrillicLangs, "ru")
		l.Confidence = max(l.Confidence, 0.6) * share(cyrillic)
		return l
	}
	return byWords(text, latinLangs, "en")
}

// byWords scores text against the function-word lists of langs: each word
// found counts 1 shared among the languages that list it, each letter only
// one language uses counts 1. The best language wins; its confidence is its
// share of the score, scaled down for texts with fewer than three hits.
// Without any hit the answer is fallback at 0.3.
func byWords(text string, langs []wordList, fallback string) Language {
	score := make([]float64, len(langs))
	total := 0.0
	for _, w := range words(text) {
		var in []int
		for i, l := range langs {
			if l.words[w] {
				in = append(in, i)
			}
		}
		for _, i := range in {
			score[i] += 1 / float64(len(in))
		}
		if len(in) > 0 {
			total++
		}
	}
	for _, r := range strings.ToLower(text) {
		for i, l := range langs {
			if strings.ContainsRune(l.letters, r) {
				score[i]++
				total++
			}
		}
	}
	if total == 0 {
		return Language{fallback, 0.3}
	}
	best := 0
	for i := range score {
		if score[i] > score[best] {
			best = i
		}
	}
	if best != 0 && langs[0].code == "en" && score[best] < 2 && englishWords(text) >= score[best] {
		// One function word of another language ("per" of "sortng time
		// per hual?") against as many English dictionary words: a short
		// English question, typos and all.
		return Language{"en", 0.5}
	}
	conf := score[best] / total
	if total < 3 {
		conf *= 0.5 + total/6
	}
	return Language{langs[best].code, conf}
}

// englishWords counts the words of text that are in the English
// dictionary (WordNet, package lexicon) and are no function word of the
// Latin-script languages byWords knows.
func englishWords(text string) float64 {
	n := 0.0
	for _, w := range words(text) {
		if len(w) < 3 || !isASCII(w) || !lexicon.Known(Stem(w)) {
			continue
		}
		listed := false
		for _, l := range latinLangs {
			listed = listed || l.words[w]
		}
		if !listed {
			n++
		}
	}
	return n
}

// isASCII reports whether w is plain ASCII.
func isASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return false
		}
	}
	return true
}

// IsForeignStopWord reports whether w is a function word of language code
// (other than English, whose stop words IsStopWord covers): "qué" in
// Spanish, "что" in Russian. A question in another language keeps only its
// names, numbers and shared terms for the search.
func IsForeignStopWord(code, w string) bool {
	for _, ls := range [][]wordList{latinLangs, cyrillicLangs} {
		for _, l := range ls {
			if l.code == code && code != "en" {
				return l.words[w]
			}
		}
	}
	return false
}
