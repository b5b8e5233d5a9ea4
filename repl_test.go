package main

import (
	"strings"
	"testing"

	"paperbot/retrieval/answer"
	"paperbot/retrieval/llm/llmtest"
)

func TestChatSession(t *testing.T) {
	in := strings.Join([]string{
		"/help",
		"Are China and Russia competing there?",
		"/cite 15",
		"/cite 99",
		"/cite",
		"/refs Nye",
		"/refs zzzz",
		"/paper",
		"/papers",
		"/use nope",
		"/frobnicate",
		"What is the capital of Brazil?",
		"",
		"/quit",
		"this line is never read",
	}, "\n")
	code, out, errOut := runPaperbot(t, testEnv(t), in, "chat")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"DISCORD_TOKEN",                 // banner
		"/refs [WORDS]",                 // help
		"[29]",                          // answer
		`J. S. Nye, "Soft power`,        // cite 15 (IEEE)
		"this paper has 29 references",  // cite 99
		"Usage: /cite N",                // cite without a number
		"[10] Nye 2011",                 // refs Nye
		"No reference matches \"zzzz\"", // refs without a match
		"Apisada Laowattanabhongse",     // paper
		"china-soft-power-central-asia", // papers
		"There is no paper \"nope\"",    // use
		"Unknown command /frobnicate",   // unknown
		"won't guess",                   // abstention
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "never read") {
		t.Error("read past /quit")
	}
}

func TestChatEOF(t *testing.T) {
	for _, in := range []string{"", "What is soft power?", "What is soft power?\n"} {
		code, out, errOut := runPaperbot(t, testEnv(t), in, "chat")
		if code != 0 || !strings.Contains(out, "PaperBot") {
			t.Errorf("stdin %q: exit %d %s %s", in, code, out, errOut)
		}
	}
}

func TestDefaultIsChatWithoutToken(t *testing.T) {
	code, out, _ := runPaperbot(t, testEnv(t), "")
	if code != 0 || !strings.Contains(out, "DISCORD_TOKEN") {
		t.Errorf("exit %d: %s", code, out)
	}
}

func TestChatLongLineAndOddInput(t *testing.T) {
	in := strings.Repeat("x", 200000) + "\n中国在中亚的软实力是什么？\n🤔🤔\n\x00\x01\n"
	code, out, _ := runPaperbot(t, testEnv(t), in, "chat")
	if code != 0 || !strings.Contains(out, "under 1000 characters") || strings.Contains(out, "Sorry") {
		t.Errorf("exit %d: %s", code, out)
	}
}

func TestStreamWriter(t *testing.T) {
	var b strings.Builder
	sw := &streamWriter{w: &b}
	for _, s := range []string{"They", "They cooperate [", "They cooperate [2", "They cooperate [29]", "They cooperate [29] and trade", "They cooperate [29] and trade."} {
		sw.update(s)
	}
	sw.finish(&answer.Answer{Text: "They cooperate [29] and trade."})
	if got := b.String(); got != "They cooperate [29] and trade.\n" {
		t.Errorf("streamed %q", got)
	}

	b.Reset()
	sw = &streamWriter{w: &b}
	sw.update("Partial answer")
	sw.finish(&answer.Answer{Text: "Offline answer [29]", Note: "The language model is unavailable; here is what the paper says."})
	if got := b.String(); !strings.HasPrefix(got, "Partial answer\n\nNote: The language model") || !strings.HasSuffix(got, "Offline answer [29]\n") {
		t.Errorf("fallback after partial stream printed %q", got)
	}
}

func TestChatThroughModelStreams(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Chunks: []string{"They mostly ", "cooperate ", "[2", "9] and trade [9", "9]."}})
	env := testEnv(t, "OPENAI_BASE_URL", srv.URL(), "CHAT_MODEL", "fake-chat")
	code, out, errOut := runPaperbot(t, env, "Are China and Russia competing there?\n", "chat")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "They mostly cooperate [29] and trade.\n") || strings.Contains(out, "[9") {
		t.Errorf("chat output:\n%s", out)
	}
	if !strings.Contains(out, "language model") {
		t.Errorf("banner should say answers come from the model:\n%s", out)
	}
}
