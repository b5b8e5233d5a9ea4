package classroom

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"paperbot/corpus"
	"paperbot/corpus/pdftext"
	"paperbot/internal/store"
)

// shelf is a set of papers: AddPaper persists first and adds nothing when
// that fails, as the engine does.
type shelf struct {
	mu     sync.Mutex
	papers map[string]*corpus.Paper
}

func (s *shelf) AddPaper(ctx context.Context, p *corpus.Paper, persist func(context.Context) error) error {
	if persist != nil {
		if err := persist(ctx); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.papers == nil {
		s.papers = map[string]*corpus.Paper{}
	}
	s.papers[p.ID] = p
	return nil
}

func (s *shelf) HasPaper(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.papers[id] != nil
}

// failingSave is a paper store whose saves fail.
type failingSave struct{ PaperStore }

func (failingSave) SaveUploadedPaper(context.Context, store.UploadedPaper) error {
	return errors.New("disk full")
}

// files serves name -> content.
func files(t *testing.T, content map[string][]byte) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, ok := content[strings.TrimPrefix(r.URL.Path, "/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

func TestIngest(t *testing.T) {
	t.Parallel()
	text := corpus.DefaultText()
	base := files(t, map[string][]byte{
		"paper.txt": text, "blank.txt": []byte(" \n "), "fake.pdf": []byte("not a pdf"), "big.txt": make([]byte, 2048),
	})
	st := openSQLite(t)
	at := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
	sh := &shelf{}
	in := NewIngest(st, sh, IngestOptions{MaxBytes: 1 << 20, Now: func() time.Time { return at }})
	ctx := t.Context()

	p, err := in.Add(ctx, Upload{FileName: "week 1.txt", Size: int64(len(text)), URL: base + "paper.txt"}, "teacher")
	if err != nil {
		t.Fatal(err)
	}
	if !sh.HasPaper(p.ID) || len(p.References) != len(corpus.Default().References) {
		t.Fatalf("added %q with %d references; on the shelf: %v", p.ID, len(p.References), sh.HasPaper(p.ID))
	}
	ups, err := st.UploadedPapers(ctx)
	if err != nil || len(ups) != 1 || ups[0].ID != p.ID || ups[0].UploaderID != "teacher" || !ups[0].UploadedAt.Equal(at) || ups[0].Text != string(text) {
		t.Fatalf("stored uploads = %d, %v", len(ups), err)
	}

	var ue *UploadError
	if _, err := in.Add(ctx, Upload{FileName: "blank.txt", URL: base + "blank.txt"}, "t"); !errors.As(err, &ue) || ue.Problem != EmptyFile {
		t.Errorf("blank upload: %v, want EmptyFile", err)
	}
	if _, err := in.Add(ctx, Upload{FileName: "fake.pdf", URL: base + "fake.pdf"}, "t"); !errors.Is(err, pdftext.ErrNotPDF) {
		t.Errorf("a .pdf that is not one: %v, want ErrNotPDF", err)
	}
	if _, err := in.Add(ctx, Upload{FileName: "gone.txt", URL: base + "gone.txt"}, "t"); !errors.As(err, &ue) || ue.Problem != DownloadFailed {
		t.Errorf("404: %v, want DownloadFailed", err)
	}
	small := NewIngest(st, sh, IngestOptions{MaxBytes: 1024})
	if _, err := small.Add(ctx, Upload{FileName: "big.txt", URL: base + "big.txt"}, "t"); !errors.As(err, &ue) || ue.Problem != TooLarge || ue.Limit != 1024 {
		t.Errorf("over the cap: %v, want TooLarge", err)
	}

	// Store first: a paper that cannot be stored is not added.
	other := &shelf{}
	failing := NewIngest(failingSave{st}, other, IngestOptions{})
	if _, err := failing.Add(ctx, Upload{FileName: "paper.txt", URL: base + "paper.txt"}, "t"); err == nil || other.HasPaper(p.ID) {
		t.Fatalf("failed save: %v; added anyway: %v", err, other.HasPaper(p.ID))
	}

	// Another process (a new shelf over the same store) loads what was
	// stored, and a notification of a stored id adds it.
	fresh := &shelf{}
	NewIngest(st, fresh, IngestOptions{}).LoadStored(ctx)
	if !fresh.HasPaper(p.ID) {
		t.Error("LoadStored did not add the stored paper")
	}
	synced := &shelf{}
	NewIngest(st, synced, IngestOptions{}).Sync(ctx, p.ID)
	if !synced.HasPaper(p.ID) {
		t.Error("Sync did not add the stored paper")
	}
	NewIngest(st, synced, IngestOptions{}).Sync(ctx, "never-stored")
	if synced.HasPaper("never-stored") {
		t.Error("Sync added a paper that is not stored")
	}
}
