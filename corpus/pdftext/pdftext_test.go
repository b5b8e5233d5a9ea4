package pdftext

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func needTool(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath(Tool); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext not installed (Debian package poppler-utils); CI must have it (.ci/run installs it)")
		}
		t.Skip("pdftotext not installed (Debian package poppler-utils); .ci/run installs it")
	}
}

func TestExtractCleansPages(t *testing.T) {
	needTool(t)
	header := "Soc. sci. humanities j. Vol 8 Issue 04"
	pdf := MakePDF([][]string{
		{header, "A Study of Soft Power", "", "Abstract", "China builds inter-", "national ties in Central Asia.", "1"},
		{header, "References", "1. Nye, J. S. (2004). Soft power. Public Affairs.", "2"},
		{header, "2. Zogg, B. (2019). Cooperation. The Diplomat.", "3"},
	})
	text, err := Extract(context.Background(), pdf)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, header) {
		t.Errorf("running header kept:\n%s", text)
	}
	if !strings.Contains(text, "China builds international ties") {
		t.Errorf("hyphenation not joined:\n%s", text)
	}
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == "2" || strings.TrimSpace(l) == "3" {
			t.Errorf("page number kept:\n%s", text)
		}
	}
	if !strings.Contains(text, "1. Nye, J. S. (2004). Soft power. Public Affairs.") {
		t.Errorf("reference lost:\n%s", text)
	}
}

func TestExtractErrors(t *testing.T) {
	needTool(t)
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"not a pdf", []byte("\x7fELF\x02\x01\x01binary"), ErrNotPDF},
		{"empty", nil, ErrNotPDF},
		{"no text layer", MakePDF([][]string{{}}), ErrNoTextLayer},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Extract(context.Background(), c.data)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
		})
	}
	_, err := Extract(context.Background(), []byte("%PDF-1.4\ngarbage that is not a pdf"))
	if err == nil || !strings.Contains(err.Error(), "could not be read") {
		if !errors.Is(err, ErrNoTextLayer) {
			t.Fatalf("broken pdf: %v", err)
		}
	}
}

func TestMissingTool(t *testing.T) {
	old := Tool
	Tool = "pdftotext-that-does-not-exist"
	defer func() { Tool = old }()
	if _, err := Extract(context.Background(), MakePDF([][]string{{"x"}})); !errors.Is(err, ErrNoTool) {
		t.Fatalf("err = %v", err)
	}
}

func TestClean(t *testing.T) {
	cases := []struct{ in, want string }{
		{"hyphen-\nated word", "hyphenated\nword"},
		{"China-\nCentral Asia", "China-\nCentral Asia"},
		{"https://example.org/china-\ncentral", "https://example.org/china-\ncentral"},
		{"text\n  12  \nmore", "text\nmore"},
		{"text\nPage 3 of 9\nmore", "text\nmore"},
	}
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
