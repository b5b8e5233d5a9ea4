package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"paperbot/config"
	"paperbot/retrieval/answer"
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

// TestAskSeesAChangedPaper: a start does not compare the papers with the
// index; the first question about a paper that changed since `paperbot
// index` updates it (and its segment) before answering.
func TestAskSeesAChangedPaper(t *testing.T) {
	dir := t.TempDir()
	paper := filepath.Join(dir, "a.txt")
	write := func(abstract string) {
		text := "Paper a\n\nAbstract\n\n" + abstract + "\n\nReferences\n\n1. Smith, J. (2020). Green tea. Tea Journal.\n"
		if err := os.WriteFile(paper, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Tea is popular in Kyoto.")
	env := testEnv(t)
	if code, out, errOut := runPaperbot(t, env, "", "index", "--corpus", dir); code != 0 {
		t.Fatalf("index: exit %d: %s %s", code, out, errOut)
	}
	manifest := filepath.Join(env("DATA_DIR"), "index.bin")
	before, _ := os.ReadFile(manifest)
	write("Coffee is popular in Vienna.")
	code, out, errOut := runPaperbot(t, env, "", "ask", "--json", "--corpus", dir, "Where is coffee popular?")
	if code != 0 || !strings.Contains(out, "Vienna") {
		t.Fatalf("ask after the change: exit %d: %s %s", code, out, errOut)
	}
	if after, _ := os.ReadFile(manifest); string(after) == string(before) {
		t.Error("the changed paper's segment was not saved")
	}
}

// TestStartReadsOnlyTheAskedPaper: after `paperbot index`, a start lists
// the papers from the library catalog without reading any; a question
// about one paper reads that paper only, and lists still show them all.
func TestStartReadsOnlyTheAskedPaper(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a", "b", "c"} {
		text := "Paper " + name + "\n\nAbstract\n\nTea from " + name + " is popular.\n\nReferences\n\n1. Smith, J. (2020). Green tea. Tea Journal.\n"
		if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := testEnv(t, "CORPUS_DIR", dir)
	if code, out, errOut := runPaperbot(t, env, "", "index"); code != 0 {
		t.Fatalf("index: exit %d: %s %s", code, out, errOut)
	}
	cfg, err := config.Load(env)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	src := engineSource{Offline: true}
	lib, _, err := loadLibrary(cfg, src, logger)
	if err != nil {
		t.Fatal(err)
	}
	ix, _, err := openIndex(ctx, cfg, logger, lib, true, src)
	if err != nil {
		t.Fatal(err)
	}
	read := func() (ids []string) {
		for _, id := range lib.IDs() {
			if _, ok := lib.Loaded(id); ok {
				ids = append(ids, id)
			}
		}
		return ids
	}
	if got := read(); len(got) != 0 {
		t.Fatalf("start read %v", got)
	}
	eng := answer.New(lib, ix, answer.Options{Logger: logger})
	if _, err := eng.Ask(ctx, answer.Request{PaperID: "b", Question: "Where is tea popular?"}); err != nil {
		t.Fatal(err)
	}
	if got := read(); !slices.Equal(got, []string{"b"}) {
		t.Errorf("a question about b read %v", got)
	}
	if ps := eng.Papers(); len(ps) != 3 || ps[2].Title != "Paper c" || ps[2].References != 1 {
		t.Errorf("listed %+v", ps)
	}
	if got := read(); !slices.Equal(got, []string{"b"}) {
		t.Errorf("listing read %v", got)
	}
}
