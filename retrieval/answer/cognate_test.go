package answer

import (
	"context"
	"slices"
	"testing"
)

// TestSkeletonCognates: words shared by origin reduce to skeletons with a
// long common start; unrelated words of one start do not.
func TestSkeletonCognates(t *testing.T) {
	for _, c := range [][2]string{
		{"teléfono", "telephone"},
		{"Elektrizität", "electricity"},
		{"фотография", "photography"},
		{"géographie", "geography"},
		{"bioretención", "bioretention"},
		{"Kilometer", "kilometres"},
	} {
		a, b := skeleton(c[0]), skeleton(c[1])
		if l := commonPrefix(a, b); l < cognateMinPrefix || float64(l) < cognateMinShare*float64(min(len(a), len(b))) {
			t.Errorf("%s (%s) and %s (%s) share %d letters: not cognates", c[0], a, c[1], b, l)
		}
	}
	for _, c := range [][2]string{{"intermitente", "international"}, {"constitución", "construction"}} {
		a, b := skeleton(c[0]), skeleton(c[1])
		if l := commonPrefix(a, b); l >= cognateMinPrefix && float64(l) >= cognateMinShare*float64(min(len(a), len(b))) {
			t.Errorf("%s and %s read as cognates", c[0], c[1])
		}
	}
}

// TestForeignQuestionCognates: a question in another language finds the
// paper's terms it shares by origin, answers from them with the author's
// citation, and a name the paper never mentions still declines it.
func TestForeignQuestionCognates(t *testing.T) {
	e := newBodyEngine(t)
	ask := func(q string) *Answer {
		t.Helper()
		a, err := e.Ask(context.Background(), Request{PaperID: "rain-gardens", Question: q})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	for _, q := range []string{"¿Quién introdujo el término bioretención?", "Кто ввёл термин биоретенция?"} {
		a := ask(q)
		if a.Abstained || !slices.Contains(a.Citations, 2) {
			t.Errorf("%s: want an answer citing [2] (Larsen), got abstained=%v %v\n%s", q, a.Abstained, a.Citations, a.Text)
		}
	}
	if a := ask("¿Qué dijo Putin sobre la bioretención?"); !a.Abstained {
		t.Errorf("a name the paper never mentions was answered:\n%s", a.Text)
	}
	// German capitalises every noun: a capital is no name there.
	pi := e.info(bodyPaper())
	qq := analyze("Was sagt die Studie über Bioretention?")
	if fm := focusOf(pi, qq); len(fm) == 0 || !fm[0].found {
		t.Errorf("German question: focus %+v", fm)
	}
}

// Two words of the question the paper writes as one ("rain garden" in a
// paper writing "raingarden") are found as that word.
func TestClosedCompound(t *testing.T) {
	pi := newPaperInfo(bodyPaper())
	pi.words["bioretention"] = true
	fm := pi.matchFocus([]string{"bio", "retention", "streets"})
	for _, m := range fm[:2] {
		if !m.found || m.fixed != "bioretention" {
			t.Errorf("%+v: want found as bioretention", m)
		}
	}
	if fm := pi.matchFocus([]string{"rain", "gardens"}); fm[0].fixed != "rain" {
		t.Errorf("words the paper uses apart were joined: %+v", fm)
	}
	// The second word a verb or plural in -s: "rain falls" of a paper
	// writing "rainfall" (and "rain" alone, which stays itself).
	pi.words["rainfall"] = true
	if fm := pi.matchFocus([]string{"rain", "falls"}); fm[0].fixed != "rain" || !fm[1].found || fm[1].fixed != "rainfall" {
		t.Errorf("rain falls: %+v", fm)
	}
}

// Questions about a study's setting in other languages reach the setting
// answer offline.
func TestForeignSettingQuestions(t *testing.T) {
	for q, want := range map[string]string{
		"¿Dónde se realizó el estudio?":           "Where was the study done?",
		"Où l'étude a-t-elle été menée ?":         "Where was the study done?",
		"Wann wurde die Studie durchgeführt?":     "When was the study done?",
		"Сколько участников было в исследовании?": "How many participants were there?",
		"Где проводилось исследование?":           "Where was the study done?",
	} {
		if got := foreignFrame(q); got != want {
			t.Errorf("%s: frame %q, want %q", q, got, want)
		}
	}
	if got := foreignFrame("¿Dónde está Madrid?"); got == "Where was the study done?" {
		t.Error("a place question on no study read as the study's place")
	}
}

// Question words of other languages set the answer type, Cyrillic ones
// too.
func TestForeignAskTypes(t *testing.T) {
	for q, want := range map[string]askType{
		"¿cuántos estudiantes respondieron?": askNumber,
		"сколько участников было?":           askNumber,
		"почему это важно?":                  askReason,
		"когда прошло исследование?":         askTime,
		"pourquoi ?": askReason,
	} {
		if got := foreignAskTypeOf(q); got != want {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
}
