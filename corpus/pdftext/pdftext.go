// Package pdftext turns a PDF into plain text with poppler's pdftotext
// (Debian package poppler-utils) and cleans it for the paper reader:
// hyphenation at line ends is undone, and running headers, footers and page
// numbers are dropped.
package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Tool is the extractor binary; tests may point it elsewhere.
var Tool = "pdftotext"

// Errors a caller can show as they are.
var (
	ErrNotPDF      = errors.New("this file is not a PDF (it does not start with %PDF-)")
	ErrNoTextLayer = errors.New("this PDF has no text layer (it may be a scanned image); upload a .txt file or a PDF with selectable text")
	ErrNoTool      = errors.New("PDF support needs pdftotext, from the Debian package poppler-utils; install it, or upload a .txt file")
)

// Extract returns the cleaned text of a PDF. It runs pdftotext with a
// deadline of its own within ctx.
func Extract(ctx context.Context, pdf []byte) (string, error) {
	if !bytes.HasPrefix(bytes.TrimLeft(pdf, " \t\r\n"), []byte("%PDF-")) {
		return "", ErrNotPDF
	}
	path, err := exec.LookPath(Tool)
	if err != nil {
		return "", ErrNoTool
	}
	dir, err := os.MkdirTemp("", "paperbot-pdf-")
	if err != nil {
		return "", fmt.Errorf("pdf temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return "", fmt.Errorf("pdf temp file: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	// Page breaks (form feeds) are kept so that Clean can find running headers.
	cmd := exec.CommandContext(ctx, path, "-enc", "UTF-8", "-q", in, "-")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("pdftotext took too long: %w", ctx.Err())
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("this PDF could not be read (%s)", firstLine(msg))
	}
	text := Clean(stdout.String())
	if len(strings.Fields(text)) < 5 {
		return "", ErrNoTextLayer
	}
	return text, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// Available reports whether the extractor is installed.
func Available() bool {
	_, err := exec.LookPath(Tool)
	return err == nil
}
