package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paperbot/retrieval/llm/llmtest"
)

func TestEnvDotenvParse(t *testing.T) {
	in := "\uFEFF# settings\n" +
		"\n" +
		"PLAIN=value\n" +
		"export EXPORTED=yes\n" +
		"  SPACED  =  padded value  \n" +
		"COMMENTED=abc # a note\n" +
		"HASH=a#b\n" +
		"SINGLE='it''s # literal \\n'\n" +
		"SQ='keep # this \\n' # note\n" +
		"DOUBLE=\"line\\nnext \\\"q\\\" \\\\ $HOME\"\n" +
		"EMPTY=\n" +
		"EMPTYQ=\"\"\n" +
		"URL=https://discord.com/api/v10/\n" +
		"REPEAT=1\n" +
		"REPEAT=2\n" +
		"no equals sign\n" +
		"1BAD=x\n" +
		"UNTERMINATED=\"abc\n" +
		"TRAILING=\"abc\" junk\n" +
		"exported=lower ok\n"
	vars, bad, err := parseDotenv(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"PLAIN": "value", "EXPORTED": "yes", "SPACED": "padded value", "COMMENTED": "abc", "HASH": "a#b",
		"SQ": "keep # this \\n", "DOUBLE": "line\nnext \"q\" \\ $HOME", "EMPTY": "", "EMPTYQ": "",
		"URL": "https://discord.com/api/v10/", "REPEAT": "2", "exported": "lower ok",
	}
	for k, v := range want {
		if got, ok := vars[k]; !ok || got != v {
			t.Errorf("%s = %q (set %v), want %q", k, got, ok, v)
		}
	}
	if len(vars) != len(want) {
		t.Errorf("got %d variables, want %d: %q", len(vars), len(want), vars)
	}
	if got := joinInts(bad); got != "8, 16, 17, 18, 19" {
		t.Errorf("bad lines %s", got)
	}
}

func TestEnvDotenvPrecedence(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".env")
	if err := os.WriteFile(path, []byte("A=from-file\nB=from-file\nC=from-file\nsecret line without equals\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	procEnv := map[string]string{"A": "from-env", "B": ""}
	lookup := func(k string) (string, bool) { v, ok := procEnv[k]; return v, ok }
	var warn bytes.Buffer
	getenv := withDotenv(path, lookup, &warn)
	for k, want := range map[string]string{"A": "from-env", "B": "", "C": "from-file", "D": ""} {
		if got := getenv(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if w := warn.String(); !strings.Contains(w, "line 4") || strings.Contains(w, "secret") {
		t.Errorf("warning %q: want the line number and not the line", w)
	}

	warn.Reset()
	getenv = withDotenv(filepath.Join(dir, "missing.env"), lookup, &warn)
	if getenv("A") != "from-env" || getenv("C") != "" || warn.Len() != 0 {
		t.Errorf("missing file: A=%q C=%q warn=%q", getenv("A"), getenv("C"), warn.String())
	}
}

// TestEnvDotenvConfiguresChat runs the chat with settings from a .env file:
// the model it names is used, unless the environment clears CHAT_MODEL.
func TestEnvDotenvConfiguresChat(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Chunks: []string{"From the model [29]."}})
	path := filepath.Join(t.TempDir(), ".env")
	file := "# copied from .env.example\nexport OPENAI_BASE_URL=" + srv.URL() + "\nCHAT_MODEL='fake-chat'\n"
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	dataDir := t.TempDir()
	for _, tc := range []struct {
		env       map[string]string
		wantModel bool
	}{
		{map[string]string{"DATA_DIR": dataDir}, true},
		{map[string]string{"DATA_DIR": dataDir, "CHAT_MODEL": ""}, false},
	} {
		lookup := func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok }
		var out, errOut bytes.Buffer
		code := run([]string{"chat"}, strings.NewReader("Are China and Russia competing there?\n"), &out, &errOut, withDotenv(path, lookup, &errOut))
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		if got := strings.Contains(out.String(), "language model"); got != tc.wantModel {
			t.Errorf("env %v: model banner %v, want %v:\n%s", tc.env, got, tc.wantModel, out.String())
		}
		if tc.wantModel && !strings.Contains(out.String(), "From the model [29].") {
			t.Errorf("model answer missing:\n%s", out.String())
		}
	}
}
