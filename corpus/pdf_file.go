package corpus

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
)

// MaxPDFBytes is the largest PDF file read.
const MaxPDFBytes = 50 << 20

// parsePDFFile reads a paper from a .pdf file (ParseFile's PDF case).
// pdftotext runs under pdftext.Timeout.
func parsePDFFile(path string) (*Paper, error) {
	name := filepath.Base(path)
	f, err := openPaper(path, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxPDFBytes+1))
	if err != nil {
		return nil, &ReadError{Name: name, Err: err, Detail: fmt.Sprintf("cannot read: %v", err)}
	}
	if len(data) > MaxPDFBytes {
		return nil, readErr(name, ErrTooLarge, "the PDF is larger than %d MB", MaxPDFBytes>>20)
	}
	return ParsePDF(context.Background(), name, data)
}
