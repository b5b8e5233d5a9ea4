package answer

import "paperbot/retrieval"

// detectLanguage returns the question's language code ("en", "es", ...)
// from the retrieval package's detector; a guess below its confidence
// floor counts as English.
func detectLanguage(q string) string {
	l := retrieval.DetectLanguage(q)
	if l.English() {
		return "en"
	}
	return l.Code
}

// offlineLanguageNote tells a student, in their language where there is a
// wording for it, that offline answers are best in English ("" for English).
func offlineLanguageNote(lang string) string {
	if lang == "en" {
		return ""
	}
	s, _ := retrieval.OfflineNotice(lang)
	return s
}

// editDistance1 reports whether a and b differ by at most one edit
// (insertion, deletion, substitution or adjacent transposition).
func editDistance1(a, b string) bool {
	return editDistance(a, b, 1) <= 1
}

// editDistance is the analyser's edit distance (retrieval.EditDistance):
// the distance of a and b, or limit+1 once it is sure to exceed limit.
func editDistance(a, b string, limit int) int { return retrieval.EditDistance(a, b, limit) }
