package bot

import (
	"strings"
	"testing"

	"paperbot/bot/discordtest"
	"paperbot/corpus"
	"paperbot/retrieval/answer"
)

// definingPaper is a small invented paper whose body defines two terms.
const definingPaper = `Tidal gardens for coastal schools

Abstract
We describe tidal gardens, planted beds flooded at high tide, and how pupils keep them.

1 Introduction
A tidal garden is a planted bed that the sea floods twice a day [1]. Pupils weigh the silt after each tide [2].
Silt budget refers to the difference between silt brought in and silt carried away. The silt budget grew in spring.

2 Results
Salt marsh plants spread fastest in the lowest beds [2].

References
[1] A. Brook, "Gardens the sea waters," Coastal Teaching, vol. 3, pp. 1-9, 2019.
[2] C. Dune, "Silt and salt marsh plants in school gardens," Shore Notes, vol. 8, pp. 10-20, 2021.
`

// engineFor is the offline engine over one paper parsed from text.
func engineFor(t *testing.T, name, text string) *answer.Engine {
	t.Helper()
	p, err := corpus.Parse(name, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return newEngine(t, answer.Options{}, p)
}

func TestE2EGlossaryDefinitions(t *testing.T) {
	t.Parallel()
	e := startBot(t, engineFor(t, "tidal.txt", definingPaper), nil)
	defer e.checkRules()
	_, st := e.slash("glossary", nil)
	d := embedText(st)
	for _, want := range []string{
		"**tidal garden** — title, abstract",
		"“A tidal garden is a planted bed that the sea floods twice a day [1].” — *§1 Introduction*",
		"“Silt budget refers to the difference between silt brought in and silt carried away.” — *§1 Introduction*",
	} {
		if !strings.Contains(d, want) {
			t.Errorf("/glossary lacks %q:\n%s", want, d)
		}
	}
}

func TestE2EGlossaryDefaultPaperPlaces(t *testing.T) {
	t.Parallel()
	e := startBot(t, nil, nil)
	defer e.checkRules()
	_, st := e.slash("glossary", nil)
	for _, line := range strings.Split(embedText(st), "\n") {
		if strings.HasPrefix(strings.ToLower(line), "**soft power**") && strings.Contains(line, "abstract") {
			t.Errorf("the abstract never says soft power: %s", line)
		}
	}
}

// embedText joins the descriptions of every embed an interaction posted.
func embedText(st discordtest.InteractionState) string {
	var parts []string
	for _, m := range append([]*discordtest.Message{st.Original}, st.Followups...) {
		if m == nil {
			continue
		}
		for _, e := range m.Embeds {
			parts = append(parts, e.Description)
		}
	}
	return strings.Join(parts, "\n")
}
