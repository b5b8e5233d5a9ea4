package bot

import (
	"strings"
	"sync"
	"testing"

	"paperbot/corpus"
	"paperbot/retrieval/answer"
)

// bodyEngine is the offline engine over a synthetic paper with a body and
// resolved in-text citations (corpus/testdata), as the channel's default.
var bodyEngine = sync.OnceValues(func() (*answer.Engine, error) {
	p, err := corpus.ParseFile("../corpus/testdata/papers/sparse-routing.txt")
	if err != nil {
		return nil, err
	}
	return buildEngine(answer.Options{}, p)
})

func TestCiteShowsCitationContext(t *testing.T) {
	eng, err := bodyEngine()
	if err != nil {
		t.Fatal(err)
	}
	e := startBot(t, eng, nil)
	defer e.checkRules()

	_, st := e.slash("cite", map[string]any{"number": "8"})
	c := st.Original.Content
	t.Logf("/cite 8:\n%s", c)
	// The paper cites [8] in three sentences: the introduction, 2.1 and 2.2.
	for _, want := range []string{"Reference [8]", "Cited 3×", "§1 Introduction", "§2.1 Routed layers", "§2.2 Balancing",
		"Mixture-of-experts layers route each token to a few experts [8]."} {
		if !strings.Contains(c, want) {
			t.Errorf("/cite 8 lacks %q:\n%s", want, c)
		}
	}

	_, st = e.slash("refs", map[string]any{"order": "cited"})
	d := st.Original.Embeds[0].Description
	if !strings.HasPrefix(d, "**[8]**") || !strings.Contains(d, "cited 3×") {
		t.Errorf("/refs order:cited does not start with the most cited [8]:\n%s", d)
	}
}

func TestCiteDefaultPaperSaysNothingInvented(t *testing.T) {
	e := startBot(t, nil, nil)
	defer e.checkRules()
	_, st := e.slash("cite", map[string]any{"number": "15"})
	if c := st.Original.Content; strings.Contains(c, "Cited") || strings.Contains(c, "§") {
		t.Errorf("/cite 15 on a paper without a body invents a context:\n%s", c)
	}
	_, st = e.slash("refs", map[string]any{"order": "cited"})
	d := st.Original.Embeds[0]
	if !strings.HasPrefix(d.Description, "**[1]**") || strings.Contains(d.Description, "cited") ||
		!strings.Contains(d.Footer.Text, "only its abstract and references") {
		t.Errorf("/refs order:cited on the default paper:\n%s\n%s", d.Description, d.Footer.Text)
	}
}
