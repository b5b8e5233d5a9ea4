package classroom

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"paperbot/corpus"
	"paperbot/internal/store"
)

// DefaultMaxUploadBytes is the upload size cap when none is set.
const DefaultMaxUploadBytes = 10 << 20

// Upload is a file offered as a paper, as the front end describes it
// before it is downloaded.
type Upload struct {
	FileName string
	Size     int64 // as announced; the download is capped again
	URL      string
}

// UploadProblem is what is wrong with an uploaded file.
type UploadProblem int

// The problems of an upload.
const (
	NotPaperFile   UploadProblem = iota + 1 // not named .txt or .pdf
	EmptyFile                               // nothing in it
	TooLarge                                // over the cap (Size is 0 when found while downloading)
	NoLink                                  // no address to download it from
	DownloadFailed                          // the download failed (Err says why)
)

// UploadError is an uploaded file's own problem, for the front end to
// word for the instructor.
type UploadError struct {
	Problem  UploadProblem
	FileName string
	Size     int64 // the announced size, for TooLarge
	Limit    int64 // the cap, for TooLarge
	Err      error // for DownloadFailed
}

func (e *UploadError) Error() string {
	switch e.Problem {
	case NotPaperFile:
		return fmt.Sprintf("%q is not a .txt or .pdf file", e.FileName)
	case EmptyFile:
		return fmt.Sprintf("%q is empty", e.FileName)
	case TooLarge:
		return fmt.Sprintf("%q is larger than the limit of %s", e.FileName, HumanBytes(e.Limit))
	case NoLink:
		return fmt.Sprintf("no link to download %q", e.FileName)
	default:
		return fmt.Sprintf("download %q: %v", e.FileName, e.Err)
	}
}

func (e *UploadError) Unwrap() error { return e.Err }

// CheckUpload checks what is known of a file before it is downloaded: a
// .txt or .pdf name, not empty, not over limit, a link to fetch it.
func CheckUpload(u Upload, limit int64) error {
	ext := strings.ToLower(filepath.Ext(u.FileName))
	switch {
	case ext != ".txt" && ext != ".pdf":
		return &UploadError{Problem: NotPaperFile, FileName: u.FileName}
	case u.Size == 0:
		return &UploadError{Problem: EmptyFile, FileName: u.FileName}
	case u.Size > limit:
		return &UploadError{Problem: TooLarge, FileName: u.FileName, Size: u.Size, Limit: limit}
	case u.URL == "":
		return &UploadError{Problem: NoLink, FileName: u.FileName}
	}
	return nil
}

// ParseUpload reads an uploaded paper as stored: a PDF with the full PDF
// reader (corpus.ParsePDF, as the library directory reads a .pdf), a text
// file with the text reader.
func ParseUpload(ctx context.Context, up store.UploadedPaper) (*corpus.Paper, error) {
	if len(up.PDF) > 0 {
		return corpus.ParsePDF(ctx, UploadName(up.FileName, ".pdf"), up.PDF)
	}
	return corpus.Parse(UploadName(up.FileName, ".txt"), []byte(up.Text))
}

// UploadName is the name an upload is parsed under: its file name with
// the extension of what it holds (".txt" or ".pdf"), so a renamed file
// gets the same paper id as its content type would suggest.
func UploadName(fileName, ext string) string {
	base := filepath.Base(fileName)
	if base == "." || base == "/" {
		base = "paper"
	}
	return strings.TrimSuffix(base, filepath.Ext(base)) + ext
}

// HumanBytes renders a size: "512 bytes", "3.2 KB", "50.0 MB".
func HumanBytes(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
}
