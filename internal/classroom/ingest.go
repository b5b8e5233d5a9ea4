package classroom

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"paperbot/corpus"
	"paperbot/corpus/pdftext"
	"paperbot/internal/store"
)

// downloadTimeout bounds the download of an uploaded file.
const downloadTimeout = 30 * time.Second

// Shelf is the engine's set of papers, which uploads are added to.
type Shelf interface {
	// AddPaper indexes p and calls persist (when not nil) before making it
	// visible; a persist error adds nothing.
	AddPaper(ctx context.Context, p *corpus.Paper, persist func(context.Context) error) error
	HasPaper(id string) bool
}

// PaperStore keeps uploaded papers (the part of store.Papers Ingest uses).
type PaperStore interface {
	SaveUploadedPaper(ctx context.Context, p store.UploadedPaper) error
	UploadedPapers(ctx context.Context) ([]store.UploadedPaper, error)
}

// IngestOptions configure an Ingest; every field is optional.
type IngestOptions struct {
	Client   *http.Client // downloads uploads; nil = http.DefaultClient
	MaxBytes int64        // upload cap; 0 = DefaultMaxUploadBytes
	Now      func() time.Time
	Logger   *slog.Logger
}

// Ingest adds uploaded papers: it downloads and reads a file, then stores
// it and indexes it in one step (store first: a paper that could not be
// stored is not added), and it adds papers stored by other processes.
type Ingest struct {
	st    PaperStore
	shelf Shelf
	opt   IngestOptions
	mu    sync.Mutex // serialises adding papers
}

// NewIngest adds papers to shelf, keeping them in st.
func NewIngest(st PaperStore, shelf Shelf, opt IngestOptions) *Ingest {
	if opt.Client == nil {
		opt.Client = http.DefaultClient
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxUploadBytes
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	return &Ingest{st: st, shelf: shelf, opt: opt}
}

// Limit is the upload size cap.
func (in *Ingest) Limit() int64 { return in.opt.MaxBytes }

// Add downloads and reads an upload, then stores and indexes it. Errors
// are an *UploadError, the PDF reader's sentinels (pdftext.ErrNotPDF,
// ErrNoTextLayer, ErrNoTool), a *corpus.ReadError, or the store's or
// index's; on any error nothing is added.
func (in *Ingest) Add(ctx context.Context, u Upload, uploaderID string) (*corpus.Paper, error) {
	p, up, err := in.read(ctx, u)
	if err != nil {
		return nil, err
	}
	up.UploaderID, up.UploadedAt = uploaderID, in.opt.Now()
	in.mu.Lock()
	defer in.mu.Unlock()
	if err := in.shelf.AddPaper(ctx, p, func(ctx context.Context) error { return in.st.SaveUploadedPaper(ctx, up) }); err != nil {
		return nil, err
	}
	return p, nil
}

// read downloads and reads an upload into a parsed paper and the form it
// is stored in: a text file's text, or a PDF's bytes (kept so a restart
// reads the paper the same way).
func (in *Ingest) read(ctx context.Context, u Upload) (*corpus.Paper, store.UploadedPaper, error) {
	up := store.UploadedPaper{FileName: u.FileName}
	data, err := in.download(ctx, u.URL)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return nil, up, &UploadError{Problem: TooLarge, FileName: u.FileName, Limit: in.opt.MaxBytes}
		}
		return nil, up, &UploadError{Problem: DownloadFailed, FileName: u.FileName, Err: err}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, up, &UploadError{Problem: EmptyFile, FileName: u.FileName}
	}
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		// A PDF is read as one whatever its name says.
		up.PDF = data
	case strings.EqualFold(filepath.Ext(u.FileName), ".pdf"):
		return nil, up, pdftext.ErrNotPDF
	default:
		up.Text = string(data)
	}
	p, err := ParseUpload(ctx, up)
	if err != nil {
		return nil, up, err
	}
	up.ID = p.ID
	return p, up, nil
}

// errTooLarge means a download exceeded its limit.
var errTooLarge = errors.New("file too large")

// download fetches url with a timeout, reading at most the cap.
func (in *Ingest) download(ctx context.Context, url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := in.opt.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	maxBytes := in.opt.MaxBytes
	if resp.ContentLength > maxBytes {
		return nil, errTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxBytes {
		return nil, errTooLarge
	}
	return data, nil
}
