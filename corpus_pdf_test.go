package main

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paperbot/config"
	"paperbot/corpus"
	"paperbot/corpus/pdftext"
)

// TestCorpusDirPDFs: CORPUS_DIR papers may be PDFs; unreadable ones are
// reported and skipped.
func TestCorpusDirPDFs(t *testing.T) {
	if !pdftext.Available() {
		if os.Getenv("CI") != "" {
			t.Fatal("needs pdftotext (Debian package poppler-utils); CI must have it")
		}
		t.Skip("needs pdftotext (Debian package poppler-utils); .ci/run installs it")
	}
	dir := t.TempDir()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("andosols.pdf", pdftext.MakePDF([][]string{
		{"Andosols on volcanic slopes", "Abstract", "Andosols form from volcanic ash."},
		{"References", "1. Shoji, S. (1993). Volcanic ash soils. Elsevier.", "2. Nanzyo, M. (2002). Volcanic ash soils. Global Environmental Research, 6, 99-112."},
	}))
	write("scan.pdf", pdftext.MakePDF([][]string{{}}))
	write("fake.pdf", []byte("not a pdf at all"))
	write("notes.md", []byte("ignored"))

	cfg, err := config.Load(testEnv(t, "CORPUS_DIR", dir))
	if err != nil {
		t.Fatal(err)
	}
	lib, _, err := loadLibrary(cfg, engineSource{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if lib.Len() != 1 {
		t.Fatalf("papers: %d", lib.Len())
	}
	p, ok := lib.Get("andosols")
	if !ok || len(p.References) != 2 || p.Source != "andosols.pdf" {
		t.Fatalf("andosols: %+v", p)
	}
	andosols, _ := os.ReadFile(filepath.Join(dir, "andosols.pdf"))
	write("andosols_.pdf", andosols) // the same id, andosols
	_, rep, err := corpus.OpenDir(dir, corpus.DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, e := range rep.Problems {
		text = append(text, e.Error())
	}
	joined := strings.Join(text, "\n")
	for _, want := range []string{"fake.pdf: this file is not a PDF", "scan.pdf: this PDF has no text layer", "andosols_.pdf: duplicate paper id"} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems lack %q:\n%s", want, joined)
		}
	}
}
