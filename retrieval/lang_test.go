package retrieval

import "testing"

func TestDetectLanguage(t *testing.T) {
	for _, c := range []struct {
		text    string
		want    string
		confent bool // confident (>= MinLanguageConfidence)
	}{
		{"What is this paper about?", "en", true},
		{"Who wrote the paper and when was it published?", "en", true},
		{"soft power", "en", false},
		{"¿De qué trata este artículo?", "es", true},
		{"¿Quién inventó el concepto de poder blando?", "es", true},
		{"De quoi parle cet article ?", "fr", true},
		{"Pourquoi la Chine investit-elle dans la région ?", "fr", true},
		{"Worum geht es in diesem Artikel?", "de", true},
		{"Was ist die wichtigste Aussage des Artikels?", "de", true},
		{"Qual é o tema principal do artigo?", "pt", true},
		{"Di cosa parla questo articolo?", "it", true},
		{"Waar gaat dit artikel over?", "nl", true},
		{"Bu makale ne hakkında?", "tr", true},
		{"О чём эта статья?", "ru", true},
		{"Что такое мягкая сила?", "ru", true},
		{"Про що ця стаття?", "uk", true},
		{"这篇论文讲的是什么？", "zh", true},
		{"この論文は何について書かれていますか？", "ja", true},
		{"이 논문은 무엇에 관한 것입니까?", "ko", true},
		{"ما موضوع هذه الورقة؟", "ar", true},
		{"Τι λέει αυτό το άρθρο;", "el", true},
		{"यह लेख किस बारे में है?", "hi", true},
		// A short English question with typos and one word another
		// language also uses ("per" is Italian): still English.
		{"cost per hectre?", "en", true},
		{"avrage speed per lap", "en", true},
		{"¿Cuántos estudiantes participaron?", "es", true},
		{"Quanti studenti hanno partecipato?", "it", true},
		{"🙂 ?!", "en", false},
		{"", "en", false},
	} {
		got := DetectLanguage(c.text)
		if got.Code != c.want || (got.Confidence >= MinLanguageConfidence) != c.confent {
			t.Errorf("DetectLanguage(%q) = %+v, want %s (confident %v)", c.text, got, c.want, c.confent)
		}
		if got.Confidence < 0 || got.Confidence > 1 {
			t.Errorf("DetectLanguage(%q) confidence %v outside [0, 1]", c.text, got.Confidence)
		}
	}
}

func TestOfflineNotice(t *testing.T) {
	for code := range languageNames {
		s, ok := OfflineNotice(code)
		if !ok || s == "" {
			t.Errorf("OfflineNotice(%q) = %q, %v; want a translation", code, s, ok)
		}
		if code != "en" && s == offlineNotices["en"] {
			t.Errorf("OfflineNotice(%q) is the English sentence", code)
		}
	}
	if s, ok := OfflineNotice("xx"); ok || s != offlineNotices["en"] {
		t.Errorf("OfflineNotice(xx) = %q, %v; want the English sentence, false", s, ok)
	}
	if LanguageName("es") != "Spanish" || LanguageName("xx") != "xx" {
		t.Error("LanguageName")
	}
}

func TestIsForeignStopWord(t *testing.T) {
	for _, c := range []struct {
		code, w string
		want    bool
	}{
		{"es", "qué", true}, {"ru", "что", true}, {"fr", "pourquoi", true},
		{"es", "nye", false}, {"en", "the", false}, {"xx", "the", false},
	} {
		if got := IsForeignStopWord(c.code, c.w); got != c.want {
			t.Errorf("IsForeignStopWord(%q, %q) = %v", c.code, c.w, got)
		}
	}
}
