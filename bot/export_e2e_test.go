package bot

import (
	"strings"
	"testing"
)

// TestE2EExportOrderAndFlags: /export lists the paper itself first, then
// the references by number; a continuation entry cited with /cite is the
// entry it continues; references that only an answer marked 👎 showed are
// left out, while those of other answers and of /cite stay.
func TestE2EExportOrderAndFlags(t *testing.T) {
	t.Parallel()
	c := startClassroom(t, dbPath(t), nil, nil)
	defer c.checkRules()
	const channel = "900000000000000250"

	good := c.ask(alice, channel, "What is soft power?") // cites [2], [27], [16]
	bad := c.ask(bob, channel, "What did Xi Jinping say at the summit?")
	for _, n := range []string{"[9]", "[18]"} {
		if !strings.Contains(bad.Content, n) {
			t.Fatalf("the answer to flag should cite %s:\n%s", n, bad.Content)
		}
	}
	for _, n := range []string{"[2]", "[16]", "[27]"} {
		if !strings.Contains(good.Content, n) {
			t.Fatalf("the kept answer should cite %s:\n%s", n, good.Content)
		}
	}
	st := c.click(bob, channel, buttonByPrefix(t, bad, idFeedback+"dn:"), bad.ID, 0)
	if st.Modal == nil {
		t.Fatalf("👎 should open the form: %+v", st)
	}
	c.as(alice, channel, "cite", map[string]any{"number": "29"}, 0)
	c.as(alice, channel, "cite", map[string]any{"number": "28"}, 0) // a continuation of [27]

	md := exportedFile(t, c.as(alice, channel, "export", map[string]any{"format": "markdown"}, 0), "bibliography.md")
	var nums []string
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "- "):
			nums = append(nums, strings.Fields(line)[1])
		case strings.HasPrefix(line, "The paper: "):
			nums = append(nums, "paper")
		}
	}
	if got, want := strings.Join(nums, " "), "paper [2] [16] [27] [29]"; got != want {
		t.Errorf("markdown export entries %q, want %q:\n%s", got, want, md)
	}
	if !strings.Contains(md, "The paper: Laowattanabhongse") {
		t.Errorf("the paper's own citation is not first:\n%s", md)
	}
	bib := exportedFile(t, c.as(alice, channel, "export", nil, 0), "bibliography.bib")
	if strings.Count(bib, "\n@")+1 != 5 || !strings.HasPrefix(bib, "@article{laowattanabhongse") {
		t.Errorf("bibtex export: want the paper first and 5 entries:\n%s", bib)
	}
}
