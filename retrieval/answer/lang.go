package answer

import (
	"strings"
	"unicode"
)

// This is a tiny language detector (script, then stop words) for the
// offline path: enough to tell a student, in their language, that offline
// answers are best in English. It should give way to the retrieval
// package's detector once that exists.

// langStopWords are a few of the commonest function words of each language.
var langStopWords = map[string]map[string]bool{
	"en": wordSet("the of and to in is what who how why does do are was which this that with for about paper"),
	"es": wordSet("el la los las de del que qué y en es por para con una un cómo cuál quién sobre artículo según se su"),
	"fr": wordSet("le la les des du de et est que qui quoi dans pour avec une un sur quel quelle comment pourquoi article selon"),
	"de": wordSet("der die das und ist was wer wie warum nicht mit für ein eine über den dem des im zu artikel"),
	"pt": wordSet("o a os as de do da que e é em para com uma um como qual quem sobre artigo segundo não"),
	"it": wordSet("il lo la gli le di del che e è in per con una un come quale chi su articolo secondo non"),
	"ru": wordSet("и в не что как на с кто это по о почему какой какие ли статья статье автор"),
	"uk": wordSet("і в не що як на з хто це по про чому який які стаття статті автор"),
}

// detectLanguage returns a short language code: "en", "es", "fr", "de",
// "pt", "it", "ru", "uk", "zh", "ja", "ko", "ar", or "und" when unsure.
func detectLanguage(q string) string {
	var latin, cyr, han, kana, hangul, arabic int
	for _, r := range q {
		switch {
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	switch {
	case kana > 0:
		return "ja"
	case han > latin && han > cyr:
		return "zh"
	case hangul > latin:
		return "ko"
	case arabic > latin:
		return "ar"
	case cyr > latin:
		return best(q, "ru", "uk")
	}
	return best(q, "en", "es", "fr", "de", "pt", "it")
}

// best picks the language whose stop words occur most often in q; the
// first language wins ties and questions with no stop word at all.
func best(q string, langs ...string) string {
	counts := map[string]int{}
	for _, w := range tokens(strings.ToLower(q)) {
		for _, l := range langs {
			if langStopWords[l][w] {
				counts[l]++
			}
		}
	}
	top := langs[0]
	for _, l := range langs[1:] {
		if counts[l] > counts[top] {
			top = l
		}
	}
	return top
}

// offlineLanguageNote tells a student, in their language where we have it,
// that offline answers are best in English.
func offlineLanguageNote(lang string) string {
	switch lang {
	case "en", "und":
		return ""
	case "es":
		return "Sin un modelo de lenguaje, las respuestas son mejores en inglés; esto es lo que coincide en el artículo."
	case "fr":
		return "Sans modèle de langue, les réponses sont meilleures en anglais ; voici ce qui correspond dans l'article."
	case "de":
		return "Ohne Sprachmodell sind die Antworten auf Englisch am besten; hier ist, was im Artikel passt."
	case "pt":
		return "Sem um modelo de linguagem, as respostas são melhores em inglês; eis o que corresponde no artigo."
	case "it":
		return "Senza un modello linguistico le risposte sono migliori in inglese; ecco cosa corrisponde nell'articolo."
	case "ru":
		return "Без языковой модели ответы лучше всего на английском; вот что нашлось в статье."
	case "uk":
		return "Без мовної моделі відповіді найкращі англійською; ось що знайшлося в статті."
	case "zh":
		return "没有语言模型时，用英文提问效果最好；以下是论文中匹配的内容。"
	case "ja":
		return "言語モデルがない場合、英語での質問が最適です。論文の一致した内容は次のとおりです。"
	}
	return "Without a language model, answers are best in English; here is what matches in the paper."
}

// editDistance1 reports whether a and b differ by at most one edit
// (insertion, deletion, substitution or adjacent transposition).
func editDistance1(a, b string) bool {
	return editDistance(a, b, 1) <= 1
}

// editDistance is the optimal string alignment distance of a and b, or
// limit+1 as soon as it is known to exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
