package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testEnv is a getenv with a private data directory and no API settings.
func testEnv(t *testing.T, kv ...string) func(string) string {
	t.Helper()
	env := map[string]string{"DATA_DIR": t.TempDir()}
	for i := 0; i+1 < len(kv); i += 2 {
		env[kv[i]] = kv[i+1]
	}
	return func(k string) string { return env[k] }
}

// runCmd runs paperbot with args and stdin, returning status and outputs.
func runPaperbot(t *testing.T, getenv func(string) string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut, getenv)
	return code, out.String(), errOut.String()
}

func TestAskJSON(t *testing.T) {
	code, out, errOut := runPaperbot(t, testEnv(t), "", "ask", "--json", "Are China and Russia competing there?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"answer", "citations", "abstained", "passages", "related", "intent", "language"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %q key: %s", k, out)
		}
	}
	if len(raw) != 7 {
		t.Errorf("want exactly answer, citations, abstained, passages, related, intent, language; got %s", out)
	}
	var a struct {
		Answer    string `json:"answer"`
		Citations []int  `json:"citations"`
		Related   []int  `json:"related"`
		Abstained bool   `json:"abstained"`
		Passages  []struct {
			Kind  string  `json:"kind"`
			Ref   int     `json:"ref"`
			Text  string  `json:"text"`
			Score float64 `json:"score"`
		} `json:"passages"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	// The abstract cites nothing: Zogg [29] is offered as related reading.
	if a.Abstained || len(a.Related) == 0 || len(a.Passages) == 0 {
		t.Fatalf("unexpected answer: %s", out)
	}
	refs := map[int]bool{}
	for i, p := range a.Passages {
		if p.Kind != "abstract" && p.Kind != "reference" && p.Kind != "metadata" {
			t.Errorf("passage kind %q", p.Kind)
		}
		if i > 0 && p.Score > a.Passages[i-1].Score {
			t.Errorf("passages not best first")
		}
		refs[p.Ref] = true
	}
	for _, n := range append(a.Citations, a.Related...) {
		if !refs[n] {
			t.Errorf("cited [%d] not among passages", n)
		}
	}
	if strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("want one line of JSON")
	}
}

func TestAskJSONAbstainHasEmptyCitations(t *testing.T) {
	code, out, _ := runPaperbot(t, testEnv(t), "", "ask", "What is the capital of Brazil?", "--json")
	if code != 0 || !strings.Contains(out, `"citations":[]`) || !strings.Contains(out, `"abstained":true`) {
		t.Errorf("exit %d: %s", code, out)
	}
}

func TestAskText(t *testing.T) {
	code, out, _ := runPaperbot(t, testEnv(t), "", "ask", "--k", "5", "What", "does", "soft", "power", "mean?")
	if code != 0 || !strings.Contains(out, "[15]") {
		t.Errorf("exit %d: %s", code, out)
	}
}

func TestAskPaperFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tiny.txt")
	text := "Tiny paper on tea\n\nAbstract\n\nGreen tea is popular in Japan. Black tea is popular in Britain.\n\nReferences\n\n1. Smith, J. (2020). Green tea in Japan. Tea Journal.\n2. Brown, A. (2019). Black tea in Britain. Tea Press.\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runPaperbot(t, testEnv(t), "", "ask", "--paper", path, "--json", "Where is green tea popular?")
	if code != 0 || !strings.Contains(out, `"related":[1]`) {
		t.Errorf("exit %d: %s %s", code, out, errOut)
	}
}

func TestAskErrors(t *testing.T) {
	long := strings.Repeat("why ", 1300)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no question", []string{"ask"}, 2, "give a question"},
		{"blank question", []string{"ask", "  "}, 2, "give a question"},
		{"both sources", []string{"ask", "--paper", "a.txt", "--corpus", "d", "q"}, 2, "not both"},
		{"bad k", []string{"ask", "--k", "-1", "q"}, 2, "--k"},
		{"bad flag", []string{"ask", "--bogus", "q"}, 2, "bogus"},
		{"too long", []string{"ask", long}, 2, "characters"},
		{"missing paper", []string{"ask", "--paper", "/nonexistent/x.txt", "q"}, 1, "not found"},
		{"missing corpus", []string{"ask", "--corpus", "/nonexistent-dir", "q"}, 1, "nonexistent-dir"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runPaperbot(t, testEnv(t), "", tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d (want %d), stderr %q (want %q), stdout %q", code, tt.code, errOut, tt.want, out)
			}
		})
	}
}

func TestAskBadConfig(t *testing.T) {
	code, _, errOut := runPaperbot(t, testEnv(t, "LLM_TIMEOUT", "soon"), "", "ask", "q")
	if code != 2 || !strings.Contains(errOut, "LLM_TIMEOUT") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// TestAskReusesIndex: the second run loads the saved index, embeds nothing.
func TestAskReusesIndex(t *testing.T) {
	env := testEnv(t)
	code, out, errOut := runPaperbot(t, env, "", "index")
	if code != 0 || !strings.Contains(out, "newly embedded") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	if !strings.Contains(out, " 0 newly embedded") {
		code, out, _ = runPaperbot(t, env, "", "index")
		if code != 0 || !strings.Contains(out, " 0 newly embedded") {
			t.Errorf("second index run embedded again: %s", out)
		}
	}
}
