package answer

import (
	"strings"

	"paperbot/retrieval"
)

//go:generate go test -run TestFitRoles -fitroles -count=1 .

// The learned sentence-role model: a multinomial logistic regression over
// sparse binary features of one abstract sentence (its words as the
// analyser stems them, its first words, its place in the abstract,
// numbers, past tense, a structured label; word pairs and the cue phrases
// of roleCues it matches when cross-validation chooses them). Its
// weights are fitted on testdata/roles/train.jsonl by TestFitRoles
// (`go generate ./retrieval/answer`) into rolemodel_weights.go.

// roleOrder is the order of the roles in the model's weight rows.
var roleOrder = [...]Role{RoleBackground, RoleAim, RoleMethod, RoleResult, RoleConclusion, RoleRecommendation, RoleLimitation}

const numRoles = len(roleOrder)

// roleFeatureSet says which feature groups are extracted; the fit chooses
// among them by cross-validation on the training abstracts.
type roleFeatureSet struct {
	bigrams bool // word pairs
	cues    bool // the hand-written cue phrases (roleCues) as features
}

// roleFeatures returns the features of a sentence at 0-based position in
// an abstract of n sentences, each once.
func roleFeatures(text string, position, n int, fs roleFeatureSet) []string {
	ws := retrieval.Words(text)
	stems := make([]string, len(ws))
	for i, w := range ws {
		stems[i] = retrieval.Stem(w)
	}
	seen := map[string]bool{}
	var out []string
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	add("bias")
	for i, s := range stems {
		add("w=" + s)
		if fs.bigrams && i+1 < len(stems) {
			add("b=" + s + "_" + stems[i+1])
		}
	}
	if len(stems) > 0 {
		add("f=" + stems[0])
		if len(stems) > 1 {
			add("f2=" + stems[0] + "_" + stems[1])
		}
	}
	hasNum, past := false, 0
	for _, w := range ws {
		if strings.IndexFunc(w, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
			hasNum = true
		}
		if len(w) > 4 && strings.HasSuffix(w, "ed") {
			past++
		}
	}
	if hasNum {
		add("num")
	}
	if strings.Contains(text, "%") || seen["w=percent"] {
		add("pct")
	}
	if past > 0 {
		add("past")
	}
	if past > 1 {
		add("past2")
	}
	if head := text[:min(len(text), 45)]; strings.ContainsAny(head, ":–") || strings.Contains(head, " - ") {
		// A structured abstract's label ("Methods:", "Purpose –"); its
		// word is a first-word feature.
		add("label")
	}
	for _, p := range positionFeatures(position, n) {
		add(p)
	}
	if fs.cues {
		for _, r := range cueRoles(strings.ToLower(text), false) {
			add("cue=" + string(r))
		}
	}
	return out
}

// positionFeatures describe where a sentence stands in its abstract: its
// first third, its first sentence and its last two. The invented
// training abstracts keep a tidier order than published ones, and with
// features for the middle (quarters) the model read a long abstract's
// middle claims as methods.
func positionFeatures(position, n int) []string {
	if n <= 0 {
		return nil
	}
	var out []string
	if position*3 < n {
		out = append(out, "early")
	}
	switch {
	case position == 0:
		out = append(out, "p=first")
	}
	if position == n-1 {
		out = append(out, "p=last")
	} else if position == n-2 {
		out = append(out, "p=penult")
	}
	return out
}

// cueRoles are the roles whose cue phrases match a lower-cased sentence,
// in roleCues order; with first, only the first of them. A limitation the
// sentence says is overcome is none.
func cueRoles(lower string, first bool) []Role {
	var out []Role
	for _, c := range roleCues {
		if c.role == RoleLimitation && overcomeRe.MatchString(lower) {
			continue
		}
		if c.re.MatchString(lower) {
			out = append(out, c.role)
			if first {
				break
			}
		}
	}
	return out
}

// roleScores are the model's linear scores for each role (roleOrder).
func roleScores(feats []string, w map[string][numRoles]float32) [numRoles]float64 {
	var s [numRoles]float64
	for _, f := range feats {
		if row, ok := w[f]; ok {
			for r := range s {
				s[r] += float64(row[r])
			}
		}
	}
	return s
}

// argmaxRole is the role of the highest score; ties go to the earlier role.
func argmaxRole(s [numRoles]float64) Role {
	best := 0
	for r := 1; r < numRoles; r++ {
		if s[r] > s[best] {
			best = r
		}
	}
	return roleOrder[best]
}

// learnedRole classifies an abstract sentence with the fitted model.
func learnedRole(text string, position, n int) Role {
	return argmaxRole(roleScores(roleFeatures(text, position, n, roleModelFeatures), roleModelWeights))
}
