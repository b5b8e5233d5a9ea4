package main

import (
	"encoding/json"
	"net"
	"strings"
	"testing"

	"paperbot/retrieval/llm/llmtest"
)

// TestAskThroughModel drives `paperbot ask --json` through the real
// language-model client against a fake OpenAI-compatible server.
func TestAskThroughModel(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Chunks: []string{"They mostly cooperate ", "[29]", "; some say they trade [99]", " and [17]."}})
	env := testEnv(t, "OPENAI_BASE_URL", srv.URL(), "CHAT_MODEL", "fake-chat")
	code, out, errOut := runPaperbot(t, env, "", "ask", "--json", "Are China and Russia competing there?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var a struct {
		Answer    string `json:"answer"`
		Citations []int  `json:"citations"`
		Abstained bool   `json:"abstained"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Answer, "cooperate [29]") || strings.Contains(a.Answer, "[99]") || strings.Contains(a.Answer, "[17]") {
		t.Errorf("answer %q", a.Answer)
	}
	if len(a.Citations) != 1 || a.Citations[0] != 29 {
		t.Errorf("citations %v", a.Citations)
	}
	if reqs := srv.ChatRequests(); len(reqs) != 1 || !reqs[0].Stream {
		t.Errorf("chat requests: %+v", reqs)
	}
}

func TestAskModelFailureFallsBack(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Status: 400}) // rejected: not retried
	env := testEnv(t, "OPENAI_BASE_URL", srv.URL(), "CHAT_MODEL", "fake-chat")
	code, out, errOut := runPaperbot(t, env, "", "ask", "Are China and Russia competing there?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "language model is unavailable") || !strings.Contains(out, "[29]") {
		t.Errorf("want the offline answer with a note, got:\n%s", out)
	}
}

func TestAskModelNotCalledOffTopic(t *testing.T) {
	srv := llmtest.New(t)
	env := testEnv(t, "OPENAI_BASE_URL", srv.URL(), "CHAT_MODEL", "fake-chat")
	code, out, _ := runPaperbot(t, env, "", "ask", "--json", "What is the capital of Brazil?")
	if code != 0 || !strings.Contains(out, `"abstained":true`) || len(srv.ChatRequests()) != 0 {
		t.Errorf("exit %d, %d model calls: %s", code, len(srv.ChatRequests()), out)
	}
}

// TestEmbeddingsAPI: with EMBEDDING_MODEL set, passages are embedded
// through the API once, and later runs reuse the index file.
func TestEmbeddingsAPI(t *testing.T) {
	srv := llmtest.New(t)
	env := testEnv(t, "OPENAI_BASE_URL", srv.URL(), "EMBEDDING_MODEL", "fake-embed")
	code, out, errOut := runPaperbot(t, env, "", "index")
	if code != 0 || !strings.Contains(out, "newly embedded") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	embedded := 0
	for _, r := range srv.Requests() {
		embedded += len(r.Inputs)
	}
	if embedded < 40 {
		t.Errorf("only %d texts embedded through the API", embedded)
	}
	code, out, errOut = runPaperbot(t, env, "", "ask", "--json", "Are China and Russia competing there?")
	if code != 0 || !strings.Contains(out, "29") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	after := 0
	for _, r := range srv.Requests() {
		after += len(r.Inputs)
	}
	if after != embedded+1 { // only the question
		t.Errorf("ask embedded %d texts, want 1 (the question)", after-embedded)
	}
}

// TestEmbeddingsAPIDown: ask falls back to the offline embedder with a
// warning; index fails with an error naming the URL.
func TestEmbeddingsAPIDown(t *testing.T) {
	srv := llmtest.New(t)
	for range 4 {
		srv.EnqueueEmbeddings(llmtest.Response{Status: 401})
	}
	env := testEnv(t, "OPENAI_BASE_URL", srv.URL(), "EMBEDDING_MODEL", "fake-embed")
	code, out, errOut := runPaperbot(t, env, "", "ask", "Are China and Russia competing there?")
	if code != 0 || !strings.Contains(out, "[29]") || !strings.Contains(errOut, "offline embedder") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String() + "/v1"
	ln.Close()
	env = testEnv(t, "OPENAI_BASE_URL", dead, "EMBEDDING_MODEL", "fake-embed")
	code, _, errOut = runPaperbot(t, env, "", "index")
	if code != 1 || !strings.Contains(errOut, ln.Addr().String()) {
		t.Errorf("index with a dead API: exit %d, stderr %s", code, errOut)
	}
}
