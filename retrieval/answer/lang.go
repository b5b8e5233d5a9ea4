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
