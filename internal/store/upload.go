package store

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// pdfMarker starts the raw_text column of an uploaded PDF, followed by the
// file's bytes in standard base64 (the column is text in both dialects, and
// PostgreSQL text cannot hold a NUL byte). No uploaded text file starts
// with it: the bot reads any upload starting with "%PDF-" as a PDF.
const pdfMarker = "%PDF-base64\n"

// encodeUpload is the raw_text column for an uploaded paper.
func encodeUpload(p UploadedPaper) (string, error) {
	if err := need("paper id", p.ID); err != nil {
		return "", err
	}
	switch {
	case len(p.PDF) > 0 && p.Text != "":
		return "", fmt.Errorf("%w: paper %q has both text and a PDF", ErrInvalid, p.ID)
	case len(p.PDF) > 0:
		return pdfMarker + base64.StdEncoding.EncodeToString(p.PDF), nil
	case strings.HasPrefix(p.Text, pdfMarker):
		return "", fmt.Errorf("%w: paper %q text starts like a stored PDF", ErrInvalid, p.ID)
	}
	if err := need("paper text", p.Text); err != nil {
		return "", err
	}
	return p.Text, nil
}

// decodeUpload turns a stored PDF's raw_text back into its bytes.
func decodeUpload(p *UploadedPaper) error {
	enc, ok := strings.CutPrefix(p.Text, pdfMarker)
	if !ok {
		return nil
	}
	data, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return fmt.Errorf("uploaded paper %q: stored PDF: %w", p.ID, err)
	}
	p.Text, p.PDF = "", data
	return nil
}
