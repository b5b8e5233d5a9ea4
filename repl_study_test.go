package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"paperbot/corpus/pdftext"
	"paperbot/retrieval/study"
)

// TestChatStudyCommands drives /summary, /glossary, /quiz, /stop, /export
// and the suggested questions through piped input.
func TestChatStudyCommands(t *testing.T) {
	dir := t.TempDir()
	bib := filepath.Join(dir, "refs.bib")
	if err := os.WriteFile(filepath.Join(dir, "taken.md"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	in := strings.Join([]string{
		"/export",
		"/summary",
		"/glossary",
		"2",        // the second suggested question
		"/cite 16", // cited by hand
		"/export markdown",
		"/export bibtex " + bib,
		"/export bibtex " + bib,
		"/export markdown " + filepath.Join(dir, "taken.md"),
		"/export ris",
		"/quiz 11",
		"/quiz 2",
		"x",
		"/stop",
		"/stop",
		"\x1b[A",
		"/quit",
	}, "\n")
	code, out, errOut := runPaperbot(t, testEnv(t), in, "chat")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"type its number to ask it",
		"Nothing has been cited in this chat yet",
		"Study guide: each claim of the abstract",
		"1. China-Central Asia ties are complex",
		"Glossary: key terms, the paper's own definition where it gives one",
		"- soft power — title, [",
		"> What does the paper say about",
		"# Bibliography",
		"The paper: Laowattanabhongse, A. (2024)",
		"- [16] Nye, J. S. (2021)",
		"Wrote ",
		"refs.bib already exists; give /export a new file name.",
		"taken.md already exists",
		`unknown export format "ris"`,
		"A quiz has 1 to 10 questions",
		"Quiz: 2 questions",
		"Question 1 of 2: ",
		"Answer with a letter from A to D, or /stop to end the quiz.",
		"Quiz stopped: 0 of 0 answered right.",
		"There is no quiz running.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "Unknown command") || strings.Contains(out, "don't cover that") && strings.Contains(out, "[A") {
		t.Errorf("an escape sequence was taken as input:\n%s", out)
	}
	file, err := os.ReadFile(bib)
	if err != nil {
		t.Fatal(err)
	}
	// The paper first, then the references in number order, [16] among them.
	keys := regexp.MustCompile(`(?m)^@\w+\{([^,]+),`).FindAllStringSubmatch(string(file), -1)
	if len(keys) < 2 || !strings.HasPrefix(keys[0][1], "laowattanabhongse") || !strings.Contains(string(file), "Soft power: the evolution of a concept") {
		t.Errorf("bibliography file:\n%s", file)
	}
	if m := regexp.MustCompile(`Wrote (\d+) references? to`).FindStringSubmatch(out); m == nil || m[1] != strconv.Itoa(len(keys)-1) {
		t.Errorf("reported %v, file has %d entries besides the paper", m, len(keys)-1)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "taken.md")); string(got) != "mine" {
		t.Error("/export overwrote a file")
	}
}

func TestReplStripEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"\x1b[A":                  "",
		"What\x1b[D\x1b[D is it?": "What is it?",
		"\x1bOA plain":            " plain",
		"no escapes":              "no escapes",
		"cut \x1b[1;3":            "cut ",
	} {
		if got := stripEscapes(in); got != want {
			t.Errorf("stripEscapes(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReplParseChoice(t *testing.T) {
	for in, want := range map[string]int{"a": 0, "B": 1, "(c)": 2, "d.": 3, "2": 1, "e": -1, "ab": -1, "": -1, "0": -1} {
		got, ok := parseChoice(in, 4)
		if !ok {
			got = -1
		}
		if got != want {
			t.Errorf("parseChoice(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestReplCompleteCommand(t *testing.T) {
	complete := completeCommand(replCommands)
	for _, tc := range []struct{ line, want string }{
		{"/glo", "/glossary "}, {"/pap", "/paper"}, {"/q", "/qui"}, {"/zzz", ""}, {"/cite 1", ""}, {"what", ""},
	} {
		got, _, ok := complete(tc.line, len(tc.line), '\t')
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("complete(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

// TestReplSuggestedQuestions checks the suggested questions on the
// default paper and on the shared PDFs (three to five each, all questions)
// and logs how many the offline engine answers instead of declining or
// answering with nothing (go test -run ReplSuggested -v).
func TestReplSuggestedQuestions(t *testing.T) {
	papers := []string{""}
	if pdftext.Available() {
		pdfs, _ := filepath.Glob("../shared/papers/*.pdf")
		papers = append(papers, pdfs...)
	}
	total, answered := 0, 0
	for _, path := range papers {
		args := []string{"chat"}
		if path != "" {
			args = append(args, "--paper", path)
		}
		// One chat per paper (reading a PDF under -race is the slow part):
		// the suggestions it prints, then each asked by its number. The
		// numbers go last to first, so that those past the last suggestion
		// (asked as plain questions, not echoed) are answered before the
		// first echoed suggestion and counted in no part.
		var in []string
		for i := study.MaxSuggestions; i >= 1; i-- {
			in = append(in, strconv.Itoa(i))
		}
		_, out, _ := runPaperbot(t, testEnv(t), strings.Join(in, "\n")+"\n", args...)
		qs := suggestionsShown(out)
		if len(qs) < 3 || len(qs) > study.MaxSuggestions {
			t.Errorf("%s: %d suggestions %q", path, len(qs), qs)
		}
		for _, q := range qs {
			if !strings.HasPrefix(q, "What ") || !strings.HasSuffix(q, "?") {
				t.Errorf("suggestion %q is not a question", q)
			}
		}
		parts := strings.Split(out, "\n> ")[1:]
		if len(parts) != len(qs) {
			t.Errorf("%s: %d suggestions asked, %d shown", path, len(parts), len(qs))
		}
		ok := 0
		for _, part := range parts {
			if !strings.Contains(part, "so I won't guess") && !strings.Contains(part, "could not put an answer together") {
				ok++
			}
		}
		t.Logf("%s: %d of %d suggestions answered offline: %q", path, ok, len(qs), qs)
		total += len(qs)
		answered += ok
	}
	t.Logf("all papers: %d of %d suggested questions answered offline", answered, total)
}

// suggestionsShown reads the numbered suggestions the chat printed at its
// start ("  2. What …?").
func suggestionsShown(out string) []string {
	var qs []string
	for _, l := range strings.Split(out, "\n") {
		if num, q, ok := strings.Cut(strings.TrimSpace(l), ". "); ok && num == strconv.Itoa(len(qs)+1) && strings.HasPrefix(l, "  ") {
			qs = append(qs, q)
		}
	}
	return qs
}

// TestChatCiteContext: the terminal's /cite N shows where the paper cites
// [N], in the words Discord's /cite uses (study.CitationNote), for a paper
// with a body, and nothing more for the default paper, which has none.
func TestChatCiteContext(t *testing.T) {
	paper := "corpus/testdata/papers/sparse-routing.txt"
	_, out, errOut := runPaperbot(t, testEnv(t), "/cite 8\n/cite 8 apa\n/cite paper\n", "chat", "--paper", paper)
	want := "Cited 3× — §1 Introduction, §2.1 Routed layers, §2.2 Balancing\n" +
		"    “Mixture-of-experts layers route each token to a few experts [8].” (first cited in §1 Introduction)\n"
	if strings.Count(out, want) != 2 {
		t.Errorf("/cite 8 and /cite 8 apa should each show\n%s\ngot (stderr %q):\n%s", want, errOut, out)
	}
	if strings.Count(out, "Cited ") != 2 {
		t.Errorf("/cite paper shows a citation context:\n%s", out)
	}

	_, out, _ = runPaperbot(t, testEnv(t), "/cite 15\n", "chat")
	cite, _, _ := strings.Cut(out[strings.Index(out, "[15] "):], "\n")
	if rest := strings.TrimSpace(out[strings.Index(out, cite)+len(cite):]); rest != "" {
		t.Errorf("/cite 15 on the default paper adds %q after %q", rest, cite)
	}
}
