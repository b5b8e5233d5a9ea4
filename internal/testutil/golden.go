package testutil

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Golden compares got with the golden file at path, or, with update (a
// test package's -update flag), writes got there (creating its folder).
// A difference is reported with its first differing line, and with all of
// got when it is short (maxShown lines).
func Golden(t testing.TB, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) == got {
		return
	}
	msg := fmt.Sprintf("%s differs from the golden file (run go test -update to accept, then review git diff) at %s", path, firstDiff(string(want), got))
	if strings.Count(got, "\n") <= maxShown {
		msg += "\n--- got ---\n" + got
	}
	t.Error(msg)
}

// maxShown is the most lines of a differing output Golden prints whole.
const maxShown = 100

// firstDiff describes the first line where got differs from want, or ""
// when they are equal.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d\nwant: %s\n got: %s", i+1, w, g)
		}
	}
	if len(wl) != len(gl) { // they differ only in empty lines at the end
		return fmt.Sprintf("the end: want %d lines, got %d", len(wl), len(gl))
	}
	return ""
}
