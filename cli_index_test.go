package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProgressBar(t *testing.T) {
	var b strings.Builder
	bar := &progressBar{w: &b, on: true}
	bar.update(0, 4)
	bar.update(4, 4)
	bar.done()
	if got := b.String(); !strings.Contains(got, "[>                             ] 0/4") || !strings.Contains(got, "[==============================] 4/4\n") {
		t.Errorf("bar drew %q", got)
	}
	b.Reset()
	off := &progressBar{w: &b}
	off.update(1, 2)
	off.done()
	if b.Len() != 0 {
		t.Errorf("bar drawn off a terminal: %q", b.String())
	}
}

func TestIndexCommand(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt"} {
		text := "Paper " + name + "\n\nAbstract\n\nTea is popular.\n\nReferences\n\n1. Smith, J. (2020). Green tea. Tea Journal.\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "broken.txt"), []byte("no references here"), 0o644)
	env := testEnv(t)
	code, out, errOut := runPaperbot(t, env, "", "index", "--corpus", dir)
	if code != 0 || !strings.Contains(out, "indexed 2 paper(s)") || strings.Count(out, "\n") != 1 {
		t.Fatalf("exit %d: %q %q", code, out, errOut)
	}
	if !strings.Contains(errOut, "broken.txt") {
		t.Errorf("unreadable paper not reported: %q", errOut)
	}
	code, out, _ = runPaperbot(t, env, "", "index", "--corpus", dir)
	if code != 0 || !strings.Contains(out, " 0 newly embedded") {
		t.Errorf("second run re-embedded: %q", out)
	}
	if code, _, _ := runPaperbot(t, env, "", "index", "extra"); code != 2 {
		t.Errorf("extra argument: exit %d, want 2", code)
	}
	if code, _, errOut := runPaperbot(t, env, "", "index", "--corpus", filepath.Join(dir, "missing")); code != 1 || errOut == "" {
		t.Errorf("missing corpus: exit %d", code)
	}
}
