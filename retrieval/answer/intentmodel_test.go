package answer

import "testing"

// TestLearnedIntentParaphrases: paraphrases of meta questions that no
// pattern matches reach their meta intent through the model, and content
// questions stay content questions.
func TestLearnedIntentParaphrases(t *testing.T) {
	for _, c := range []struct {
		q    string
		want Intent
	}{
		{"what's the gist of it?", IntentAbout},
		{"so what did they actually find", IntentFindings},
		{"what's the takeaway?", IntentFindings},
		{"what did Smith find in his 2007 study of rice", IntentFact},
		{"what gap does the paper fill", IntentAim},
		{"who's behind this paper", IntentAuthors},
		{"where did this come out", IntentVenue},
		{"how did they do the study", IntentMethod},
		{"any weaknesses?", IntentLimitations},
		{"how many people did they survey", IntentFact},
		{"why did the prices go up", IntentFact},
	} {
		if got := analyze(c.q).intent; got != c.want {
			mi, p := learnedIntent.predict(c.q)
			t.Errorf("analyze(%q).intent = %s, want %s (model: %s %.2f)", c.q, got, c.want, mi, p)
		}
	}
}

// TestCombineIntent: in the meta-only modes the model never replaces the
// patterns' intent with a non-meta one, and never below its threshold.
func TestCombineIntent(t *testing.T) {
	for _, c := range []struct {
		mode           string
		pattern, model Intent
		p              float64
		want           Intent
	}{
		{modeOverride + metaOnly, IntentDefine, IntentMethod, 0.9, IntentMethod},
		{modeOverride + metaOnly, IntentDefine, IntentMethod, 0.5, IntentDefine},
		{modeOverride + metaOnly, IntentCompare, IntentFact, 0.99, IntentCompare},
		{modeFallback + metaOnly, IntentAuthors, IntentVenue, 0.99, IntentAuthors},
		{modeFallback + metaOnly, IntentFact, IntentVenue, 0.99, IntentVenue},
		{modeWeak, IntentDefine, IntentFact, 0.8, IntentFact},
		{modePatterns, IntentFact, IntentAbout, 1, IntentFact},
		{modeModel, IntentAbout, IntentFact, 0.1, IntentFact},
	} {
		if got, _ := combineIntent(c.mode, 0.7, c.pattern, c.model, c.p); got != c.want {
			t.Errorf("combineIntent(%s, %s, %s, %.2f) = %s, want %s", c.mode, c.pattern, c.model, c.p, got, c.want)
		}
	}
}
