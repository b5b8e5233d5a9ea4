package retrieval

import "strings"

// wordList is one language's most frequent function words (the ones a
// question is made of) and the letters only it uses among its group.
type wordList struct {
	code    string
	words   map[string]bool
	letters string
}

func newWordList(code, letters, ws string) wordList {
	m := map[string]bool{}
	for _, w := range strings.Fields(ws) {
		m[w] = true
	}
	return wordList{code: code, words: m, letters: letters}
}

// latinLangs are the languages written in Latin letters DetectLanguage
// tells apart. English first: ties go to it.
var latinLangs = []wordList{
	newWordList("en", "", `a the is are was were what who whom how why when where which of and to in on
		for with does do did this that these about from paper can could would should there their it be has have`),
	newWordList("es", "ñ¿¡", `a el la los las un una unos de del que qué y en es son por para con como cómo
		cuál cuáles quién quiénes dónde cuándo cuánto cuánta cuántos cuántas sobre según este esta artículo hay se su sus lo al más pero`),
	newWordList("fr", "œ", `le la les un une des de du que qui quoi quel quelle quels est sont et en dans
		pour avec comment pourquoi où quand sur ce cette cet article il elle ils au aux ne pas plus
		combien ont été était étaient avez avons sont-ils qu'est-ce lesquels laquelle lequel`),
	newWordList("de", "ßäöü", `der die das den dem des ein eine einen und ist sind was wer wie warum wo wann
		welche welcher welches worum wozu mit für von zu im auf über dieser diese dieses diesem einem einer
		artikel nicht auch es sich geht gibt hat haben wird werden`),
	newWordList("pt", "ãõ", `o a os as um uma uns umas de do da dos das que e em no na é são por para com
		como qual quais quem onde quando quanto quantos quantas sobre este esta artigo não mais se ao pelo pela`),
	newWordList("it", "ì", `a il lo la gli le un una uno di del della dei che e è sono in per con come cosa
		quale quali chi dove quando quanto quanti quante perché su questo questa articolo non più si al nel`),
	newWordList("nl", "ĳ", `de het een en van is zijn wat wie hoe waarom waar wanneer welke met voor op
		over dit deze artikel niet ook er in aan te`),
	newWordList("tr", "şğı", `bir ve bu da de ne nasıl neden niçin kim hangi nerede ne zaman için ile mi mı
		mu mü nedir midir var yok olan makale hakkında gibi`),
}

// cyrillicLangs are the languages written in Cyrillic DetectLanguage tells
// apart.
var cyrillicLangs = []wordList{
	newWordList("ru", "ыэъё", `и в не на что как кто где когда почему зачем какой какая какие это этот эта
		статья о об с по для из от к ли же был была были есть или такое такой такая такие`),
	newWordList("uk", "іїєґ", `і в не на що як хто де коли чому який яка які це цей ця стаття про з по для
		від до чи є або був була були`),
}

// offlineNotices say "Answers are best in English when no language model is
// configured." in the languages DetectLanguage knows (our own wording).
var offlineNotices = map[string]string{
	"en": "Answers are best in English when no language model is configured.",
	"es": "Sin un modelo de lenguaje configurado, las respuestas son mejores en inglés.",
	"fr": "Sans modèle de langue configuré, les réponses sont meilleures en anglais.",
	"de": "Ohne konfiguriertes Sprachmodell sind die Antworten auf Englisch am besten.",
	"pt": "Sem um modelo de linguagem configurado, as respostas são melhores em inglês.",
	"it": "Senza un modello linguistico configurato, le risposte sono migliori in inglese.",
	"nl": "Zonder ingesteld taalmodel zijn de antwoorden het best in het Engels.",
	"tr": "Dil modeli yapılandırılmamışken yanıtlar en iyi İngilizce sorulara verilir.",
	"ru": "Без настроенной языковой модели ответы лучше всего получаются на английском.",
	"uk": "Без налаштованої мовної моделі відповіді найкращі англійською.",
	"zh": "未配置语言模型时，用英语提问效果最好。",
	"ja": "言語モデルが設定されていない場合、英語で質問すると最も良い回答が得られます。",
	"ko": "언어 모델이 설정되지 않은 경우 영어로 질문하면 가장 좋은 답변을 얻을 수 있습니다.",
	"ar": "عند عدم إعداد نموذج لغوي، تكون الإجابات أفضل باللغة الإنجليزية.",
	"el": "Χωρίς ρυθμισμένο γλωσσικό μοντέλο, οι απαντήσεις είναι καλύτερες στα αγγλικά.",
	"hi": "भाषा मॉडल सेट न होने पर अंग्रेज़ी में पूछे गए प्रश्नों के उत्तर सबसे अच्छे होते हैं।",
	"he": "כאשר לא מוגדר מודל שפה, התשובות הטובות ביותר הן באנגלית.",
	"th": "เมื่อไม่ได้ตั้งค่าโมเดลภาษา คำตอบจะดีที่สุดเมื่อถามเป็นภาษาอังกฤษ",
}

// OfflineNotice returns "Answers are best in English when no language model
// is configured." in language code, and whether that language has its own
// wording (the English sentence is returned otherwise).
func OfflineNotice(code string) (string, bool) {
	if s, ok := offlineNotices[code]; ok {
		return s, true
	}
	return offlineNotices["en"], false
}

// languageNames are the English names of the languages DetectLanguage
// returns.
var languageNames = map[string]string{
	"en": "English", "es": "Spanish", "fr": "French", "de": "German",
	"pt": "Portuguese", "it": "Italian", "nl": "Dutch", "tr": "Turkish",
	"ru": "Russian", "uk": "Ukrainian", "zh": "Chinese", "ja": "Japanese",
	"ko": "Korean", "ar": "Arabic", "el": "Greek", "hi": "Hindi",
	"he": "Hebrew", "th": "Thai",
}

// LanguageName is the English name of a language code DetectLanguage
// returns ("es" gives "Spanish"), or the code itself.
func LanguageName(code string) string {
	if n, ok := languageNames[code]; ok {
		return n
	}
	return code
}
