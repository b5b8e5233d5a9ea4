package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	copyFile := func(src, dst string) {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, dst), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(filepath.Join("testdata", "papers", "tide-ledger.txt"), "b-tide.txt")
	copyFile(filepath.Join("data", DefaultName), "a-china.txt")
	copyFile(filepath.Join("testdata", "papers", "tide-ledger.txt"), "Tide-Ledger.TXT") // upper-case extension, sorts first
	_ = os.WriteFile(filepath.Join(dir, "c-empty.txt"), nil, 0o644)
	_ = os.WriteFile(filepath.Join(dir, "notes.md"), []byte("ignored"), 0o644)
	_ = os.Mkdir(filepath.Join(dir, "sub.txt"), 0o755)

	lib, problems, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !errors.Is(problems[0], ErrEmpty) || !strings.Contains(problems[0].Error(), "c-empty.txt") {
		t.Errorf("problems = %v", problems)
	}
	var ids []string
	for _, p := range lib.Papers() {
		ids = append(ids, p.ID)
	}
	if got := strings.Join(ids, " "); got != "tide-ledger a-china b-tide" {
		t.Errorf("ids = %q", got)
	}
	if lib.Default().ID != "tide-ledger" || lib.Len() != 3 {
		t.Errorf("default %q len %d", lib.Default().ID, lib.Len())
	}
	if p, ok := lib.Get("a-china"); !ok || len(p.References) != 29 {
		t.Errorf("Get(a-china) = %v, %v", p, ok)
	}
	if _, ok := lib.Get("nope"); ok {
		t.Error("Get(nope) found a paper")
	}
	if _, _, err := LoadDir(filepath.Join(dir, "missing")); err == nil {
		t.Error("LoadDir of a missing dir should fail")
	}
}

func TestLibraryAddAndIDs(t *testing.T) {
	a := &Paper{ID: "x", Title: "A"}
	b := &Paper{ID: "x", Title: "B"}
	lib := NewLibrary(a, nil, b)
	if a.ID != "x" || b.ID != "x-2" || lib.Len() != 2 {
		t.Fatalf("ids %q %q", a.ID, b.ID)
	}
	if err := lib.Add(&Paper{ID: "x"}); !errors.Is(err, ErrDuplicatePaper) {
		t.Errorf("Add duplicate: %v", err)
	}
	if err := lib.Add(&Paper{Title: "Fresh Paper"}); err != nil {
		t.Fatal(err)
	}
	if _, ok := lib.Get("fresh-paper"); !ok {
		t.Error("Add without id should use the title slug")
	}
	if err := lib.Add(nil); err == nil {
		t.Error("Add(nil) should fail")
	}
	var empty Library
	if empty.Default() != nil || empty.Add(&Paper{ID: "z"}) != nil {
		t.Error("zero Library should be usable")
	}
}

func TestLibraryConcurrent(t *testing.T) {
	lib := NewLibrary(Default())
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_ = lib.Add(&Paper{ID: fmt.Sprintf("p%d", i)})
		}()
		go func() {
			defer wg.Done()
			for _, p := range lib.Papers() {
				_, _ = lib.Get(p.ID)
			}
			_ = lib.Default()
		}()
	}
	wg.Wait()
	if lib.Len() != 9 {
		t.Errorf("len %d", lib.Len())
	}
}

func TestDefaultIsShared(t *testing.T) {
	first, second := Default(), Default()
	if first != second {
		t.Error("Default should parse once")
	}
}

func TestSentences(t *testing.T) {
	text := "First sentence here. Dr. Smith et al. found 3.5 times more (see Fig. 2). Is it? \"Yes,\" said U.S. officials! Last one without period\n\nNew paragraph. e.g. lower case continues. As in Ref. 5 and Refs. 6 and 7, it holds."
	var got []string
	for _, s := range Sentences(text) {
		if text[s.Start:s.End] != s.Text {
			t.Fatalf("span %+v does not match text", s)
		}
		got = append(got, s.Text)
	}
	want := []string{
		"First sentence here.",
		"Dr. Smith et al. found 3.5 times more (see Fig. 2).",
		"Is it?",
		"\"Yes,\" said U.S. officials!",
		"Last one without period",
		"New paragraph. e.g. lower case continues.",
		"As in Ref. 5 and Refs. 6 and 7, it holds.",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if Sentences("") != nil || len(Sentences("   ")) != 0 {
		t.Error("empty text has no sentences")
	}
	if n := len(Sentences(Default().Abstract)); n != 17 {
		t.Errorf("seed abstract has %d sentences, want 17", n)
	}
}
