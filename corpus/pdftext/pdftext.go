// Package pdftext turns a PDF into text with poppler's pdftotext (Debian
// package poppler-utils). Extract gives cleaned plain text; ExtractLayout
// gives pages of blocks and lines with their boxes and font sizes, cleaned
// of running headers, page numbers and rotated margin text, for the paper
// reader. pdftotext runs under a deadline and its output is capped.
package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Tool is the extractor binary; tests may point it elsewhere.
var Tool = "pdftotext"

// Limits on one run of pdftotext; tests may lower them.
var (
	// Timeout bounds one run of pdftotext (within the caller's context).
	Timeout = 30 * time.Second
	// MaxOutput caps what pdftotext may print, in bytes; the layout form
	// is about twenty times the size of the text.
	MaxOutput = 20 << 20
)

// Errors a caller can show as they are.
var (
	ErrNotPDF      = errors.New("this file is not a PDF (it does not start with %PDF-)")
	ErrNoTextLayer = errors.New("this PDF has no text layer (it may be a scanned image); upload a .txt file or a PDF with selectable text")
	ErrNoTool      = errors.New("PDF support needs pdftotext, from the Debian package poppler-utils; install it, or upload a .txt file")
	ErrTooMuchText = errors.New("this PDF gives more text than PaperBot reads from one paper")
	ErrTooSlow     = errors.New("reading this PDF took too long")
)

// Extract returns the cleaned plain text of a PDF. It runs pdftotext with a
// deadline of its own within ctx.
func Extract(ctx context.Context, pdf []byte) (string, error) {
	out, err := run(ctx, pdf)
	if err != nil {
		return "", err
	}
	text := Clean(string(out))
	if len(strings.Fields(text)) < 5 {
		return "", ErrNoTextLayer
	}
	return text, nil
}

// ExtractLayout returns a PDF's pages with the boxes of their blocks, lines
// and words, cleaned (Document.Clean). pdftotext's output is parsed as it
// is printed, never held whole: its layout form is about twenty times the
// size of the text, and holding it beside the parsed document doubled the
// memory an upload took.
func ExtractLayout(ctx context.Context, pdf []byte) (*Document, error) {
	var doc *Document
	err := runStream(ctx, pdf, func(out io.Reader) error {
		d, err := parseLayout(safeReader{out})
		doc = d
		return err
	}, "-bbox-layout")
	if err != nil {
		return nil, err
	}
	return cleanLayout(doc)
}

// LayoutFromXHTML parses and cleans the output of pdftotext -bbox-layout
// (what ExtractLayout runs), for callers that cache it.
func LayoutFromXHTML(xhtml []byte) (*Document, error) {
	doc, err := ParseLayout(xhtml)
	if err != nil {
		return nil, err
	}
	return cleanLayout(doc)
}

// cleanLayout cleans a parsed layout and checks it has a text layer.
func cleanLayout(doc *Document) (*Document, error) {
	doc.Clean()
	words := 0
	for _, p := range doc.Pages {
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				words += len(l.Words)
			}
		}
	}
	if words < 5 {
		return nil, ErrNoTextLayer
	}
	return doc, nil
}

// prepare checks pdf, finds pdftotext and writes pdf to a temporary file,
// which cleanup removes.
func prepare(pdf []byte) (tool, in string, cleanup func(), err error) {
	if !bytes.HasPrefix(bytes.TrimLeft(pdf, " \t\r\n"), []byte("%PDF-")) {
		return "", "", nil, ErrNotPDF
	}
	tool, err = exec.LookPath(Tool)
	if err != nil {
		return "", "", nil, ErrNoTool
	}
	dir, err := os.MkdirTemp("", "paperbot-pdf-")
	if err != nil {
		return "", "", nil, fmt.Errorf("pdf temp dir: %w", err)
	}
	cleanup = func() { os.RemoveAll(dir) }
	in = filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		cleanup()
		return "", "", nil, fmt.Errorf("pdf temp file: %w", err)
	}
	return tool, in, cleanup, nil
}

// run writes pdf to a temporary file and returns what pdftotext prints for
// it with the extra flags.
func run(ctx context.Context, pdf []byte, flags ...string) ([]byte, error) {
	path, in, cleanup, err := prepare(pdf)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	stdout := &capWriter{max: MaxOutput, cancel: cancel}
	var stderr bytes.Buffer
	// Page breaks (form feeds) are kept so that Clean can find running headers.
	args := append([]string{"-enc", "UTF-8", "-q"}, flags...)
	cmd := exec.CommandContext(ctx, path, append(args, in, "-")...)
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	err = cmd.Run()
	switch {
	case stdout.over:
		return nil, fmt.Errorf("%w (pdftotext printed more than %d MB)", ErrTooMuchText, MaxOutput>>20)
	case err != nil && ctx.Err() != nil:
		return nil, fmt.Errorf("%w (pdftotext was stopped after %s)", ErrTooSlow, Timeout)
	case err != nil:
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("this PDF could not be read (%s)", firstLine(msg))
	}
	return stdout.buf.Bytes(), nil
}

// runStream runs pdftotext with the extra flags on pdf and hands its
// output to read as it is printed, under the same deadline and output cap
// as run. When read fails, pdftotext is stopped.
func runStream(ctx context.Context, pdf []byte, read func(io.Reader) error, flags ...string) error {
	tool, in, cleanup, err := prepare(pdf)
	if err != nil {
		return err
	}
	defer cleanup()
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	args := append([]string{"-enc", "UTF-8", "-q"}, flags...)
	cmd := exec.CommandContext(ctx, tool, append(args, in, "-")...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("pdftotext pipe: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start pdftotext: %w", err)
	}
	out := &capReader{r: pipe, left: int64(MaxOutput)}
	readErr := read(out)
	stopped := ctx.Err() != nil // the deadline, or the caller, stopped it
	if readErr != nil {
		cancel() // pdftotext's output is of no use any more
	} else {
		_, _ = io.Copy(io.Discard, out) // whatever follows the document
	}
	waitErr := cmd.Wait()
	msg := strings.TrimSpace(stderr.String())
	switch {
	case out.over:
		return fmt.Errorf("%w (pdftotext printed more than %d MB)", ErrTooMuchText, MaxOutput>>20)
	case stopped:
		return fmt.Errorf("%w (pdftotext was stopped after %s)", ErrTooSlow, Timeout)
	case readErr == nil && waitErr != nil:
		if msg == "" {
			msg = waitErr.Error()
		}
		return fmt.Errorf("this PDF could not be read (%s)", firstLine(msg))
	case readErr != nil && msg != "":
		return fmt.Errorf("this PDF could not be read (%s)", firstLine(msg))
	}
	return readErr
}

// capReader reads at most left bytes; past that it reports over and
// ErrTooMuchText.
type capReader struct {
	r    io.Reader
	left int64
	over bool
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.over {
		return 0, ErrTooMuchText
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		c.over = true
		return 0, ErrTooMuchText
	}
	return n, err
}

// capWriter keeps at most max bytes and stops the command past that.
type capWriter struct {
	buf    bytes.Buffer
	max    int
	over   bool
	cancel context.CancelFunc
}

func (w *capWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > w.max {
		w.over = true
		w.cancel()
		return 0, ErrTooMuchText
	}
	return w.buf.Write(p)
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
