package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"paperbot/bot/discordtest"
	"paperbot/corpus"
	"paperbot/corpus/pdftext"
	"paperbot/retrieval"
	"paperbot/retrieval/answer"
)

// sharedPapers holds the real test PDFs (../shared/papers/README.md).
const sharedPapers = "../../shared/papers"

// sharedPDF reads one of the real test PDFs, skipping when it or pdftotext
// is missing, but failing when CI is set: CI has both.
func sharedPDF(t *testing.T, name string) []byte {
	t.Helper()
	_, errTool := exec.LookPath(pdftext.Tool)
	data, errFile := os.ReadFile(filepath.Join(sharedPapers, name))
	if errTool == nil && errFile == nil {
		return data
	}
	msg := fmt.Sprintf("needs pdftotext (poppler-utils) and %s: tool %v, paper %v", sharedPapers, errTool, errFile)
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return nil
}

// TestE2EIngestTwoColumnPDF uploads a real two-column journal PDF through
// the fake Discord: the report shows the full PDF reader's reading (title,
// authors, sections, all 49 references), a question about its body is
// answered with what the author cited there, and after a restart on the
// same database the paper is read the same way again.
func TestE2EIngestTwoColumnPDF(t *testing.T) {
	const file = "demarchis-2016-multicontact-fes-hand-opening.pdf"
	data := sharedPDF(t, file)
	const (
		id    = "demarchis-2016-multicontact-fes-hand-opening"
		title = "Multi-contact functional electrical stimulation for hand opening: electrophysiologically driven identification of the optimal stimulation site"
		// A sentence of the Background section and the reference it cites.
		question = "Why is stimulation less specific with a larger electrode?"
		cited    = 16
	)
	authors := []string{"Cristiano De Marchis", "Thiago Santos Monteiro", "Cristina Simon-Martinez", "Silvia Conforto", "Alireza Gharabaghi"}

	path := dbPath(t)
	cdn := discordtest.NewCDN(t)
	c := startClassroom(t, path, cdn, nil)

	st := c.upload(cdn.Add(file, "application/pdf", data))
	report := ephemeralText(t, st)
	p := c.paper(id)
	for _, want := range []string{
		"Added **" + mdEscape(title) + "** as `" + id + "`.",
		"**Authors:** " + strings.Join(authors, ", "),
		plural(len(p.Sections), "section") + ", 49 references",
	} {
		if !strings.Contains(report, want) {
			t.Fatalf("upload report lacks %q:\n%s", want, report)
		}
	}
	if p.Title != title || !slices.Equal(p.Authors, authors) || len(p.References) != 49 || len(p.Sections) < 5 {
		t.Fatalf("reading: title %q, authors %q, %d references, %d sections", p.Title, p.Authors, len(p.References), len(p.Sections))
	}
	if strings.Contains(p.Abstract, "Correspondence") || !strings.HasPrefix(p.Abstract, "Background:") {
		t.Fatalf("abstract: %q", p.Abstract)
	}
	t.Logf("upload report:\n%s", report)

	// The body passage the question is about cites the right reference.
	hits := c.retrieve(id, question)
	i := slices.IndexFunc(hits, func(h retrieval.Hit) bool {
		return h.Kind == retrieval.KindBody && slices.Contains(h.Cites, cited)
	})
	if i < 0 {
		t.Fatalf("no body passage citing [%d] retrieved for %q: %+v", cited, question, hits)
	}
	if ref := p.References[cited-1]; ref.N != cited || !strings.Contains(ref.Title, "surface") {
		t.Fatalf("reference %d: %+v", cited, ref)
	}

	// The channel's paper is set in the store directly: how instructors set
	// it (a slash command) is not what this test is about.
	if err := c.st.SetChannelPaper(context.Background(), channelA, id); err != nil {
		t.Fatal(err)
	}
	ans := c.ask(alice, channelA, question)
	if !strings.Contains(ans.Content, fmt.Sprintf("[%d]", cited)) {
		t.Fatalf("answer does not cite [%d]:\n%s", cited, ans.Content)
	}
	// The answer quotes the body sentence that cites it, not only the list.
	if !strings.Contains(ans.Content, "larger the electrode") || strings.Contains(ans.Content, "Further reading") {
		t.Fatalf("answer does not quote the citing body sentence as the author's support:\n%s", ans.Content)
	}
	t.Logf("answer:\n%s", ans.Content)
	before := readingJSON(t, p)

	// A restart on the same database reads the stored PDF the same way.
	c.stop()
	c = startClassroom(t, path, cdn, nil)
	defer c.checkRules()
	if after := readingJSON(t, c.paper(id)); after != before {
		t.Fatalf("reading changed across a restart:\n%s\nwas:\n%s", after, before)
	}
	if again := c.ask(alice, channelA, question); again.Content != ans.Content {
		t.Fatalf("answer changed across a restart:\n%s\nwas:\n%s", again.Content, ans.Content)
	}
	ups, err := c.st.UploadedPapers(context.Background())
	if err != nil || len(ups) != 1 || len(ups[0].PDF) != len(data) || ups[0].Text != "" {
		t.Fatalf("stored upload: %d papers, %v", len(ups), err)
	}
}

// paper is a loaded paper of the bot's engine.
func (c *classroom) paper(id string) *corpus.Paper {
	c.t.Helper()
	p, err := c.bot.opt.Engine.Paper(id)
	if err != nil {
		c.t.Fatalf("paper %s: %v", id, err)
	}
	return p
}

// retrieve is what the engine retrieves for a question about a paper.
func (c *classroom) retrieve(id, question string) []retrieval.Hit {
	c.t.Helper()
	eng, ok := c.bot.opt.Engine.(*answer.Engine)
	if !ok {
		c.t.Fatalf("engine %T", c.bot.opt.Engine)
	}
	a, err := eng.Ask(context.Background(), answer.Request{PaperID: id, Question: question})
	if err != nil {
		c.t.Fatal(err)
	}
	return a.Passages
}

// readingJSON is everything the reader made of a paper, for comparison.
func readingJSON(t *testing.T, p *corpus.Paper) string {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
