package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClipMiddle(t *testing.T) {
	long := "Leopold, River channel patterns:" + strings.Repeat(" braided and meandering reaches", 400) + ", 1957."
	for _, n := range []int{40, 500, 3000} {
		got := clipMiddle(long, n)
		if c := utf8.RuneCountInString(got); c > n {
			t.Errorf("clipMiddle(%d): %d characters", n, c)
		}
		if !strings.HasPrefix(got, "Leopold,") || !strings.HasSuffix(got, " 1957.") || !strings.Contains(got, " … ") {
			t.Errorf("clipMiddle(%d) = %q", n, got)
		}
	}
	if got := clipMiddle("short", 10); got != "short" {
		t.Errorf("clipMiddle of a short text = %q", got)
	}
}

func TestCiteParts(t *testing.T) {
	short := "[1] A. Author, \"A title,\" 2001."
	if got := citeParts("**Reference [1]** (IEEE)", "ieee", short, "X"); len(got) != 1 || strings.Contains(got[0], "Shortened") {
		t.Errorf("short entry: %q", got)
	}
	huge := "@article{ref2,\n  title = {" + strings.Repeat("word ", 30000) + "},\n  year = {1957}\n}"
	got := citeParts("**Reference [2]** (BIBTEX)", "bibtex", huge, "/export puts the whole entry in a file.")
	if len(got) == 0 || len(got) > maxCiteMessages {
		t.Fatalf("%d parts", len(got))
	}
	all := strings.Join(got, "\n")
	for _, p := range got {
		if utf8.RuneCountInString(p) > MaxContent {
			t.Errorf("a part of %d characters", utf8.RuneCountInString(p))
		}
	}
	if !strings.Contains(all, "year = {1957}\n}\n```") || !strings.HasSuffix(all, "-# Shortened: this entry is 150,046 characters long, far longer than a reference usually is, so its middle is left out. /export puts the whole entry in a file.") {
		t.Errorf("huge entry ends %q", tail(all, 300))
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 120345: "120,345", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
