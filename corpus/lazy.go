package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// A catalog is a small file that lets OpenDir list a directory's papers
// without reading them: for each paper file its name, size, modification
// time and content hash, the id the reader gave it and its PaperInfo. A
// file whose size or modification time changed is read again (unless its
// content hash is unchanged); a catalog from another directory or version
// is ignored.
const (
	catalogFormat  = "paperbot-library-catalog"
	catalogVersion = 1 // bump when the reader's PaperInfo of a file may change
)

type catalog struct {
	Format  string         `json:"format"`
	Version int            `json:"version"`
	Dir     string         `json:"dir"`
	Files   []catalogEntry `json:"files"`
}

type catalogEntry struct {
	Name    string    `json:"name"`
	Size    int64     `json:"size"`
	ModTime int64     `json:"mtime"` // UnixNano
	Hash    string    `json:"hash"`  // of the file's bytes
	Info    PaperInfo `json:"info"`  // Info.ID as the reader gave it, before de-duplication
}

// DirOptions configure OpenDir.
type DirOptions struct {
	// Catalog is the catalog file (read, and rewritten when papers were
	// added, changed or removed). "" reads every paper now.
	Catalog string
	// Reread reads every paper now and rewrites the catalog, as when a
	// new version of the reader may read the papers differently.
	Reread bool
	// PDFTimeout bounds reading one PDF; 0 means no bound.
	PDFTimeout time.Duration
}

// DirReport says what OpenDir did.
type DirReport struct {
	// Problems are the papers that cannot be read (left out).
	Problems []error
	// Read counts the papers read now: new or changed since the catalog
	// was written, or all of them without a catalog.
	Read int
	// Shelved counts the papers listed from the catalog, read on first use.
	Shelved int
	// CatalogErr says why the catalog could not be written (the next
	// OpenDir reads those papers again).
	CatalogErr error
}

// OpenDir lists the .txt and then the .pdf papers of dir (each sorted by
// name), reading only those its catalog does not describe; the others are
// shelved and read on first use (Library.Get). Ids are the reader's,
// with a numbered suffix for a .txt paper whose id is taken (as
// NewLibrary); a .pdf paper whose id is taken is a problem. err is non-nil
// only when dir cannot be listed.
func OpenDir(dir string, opt DirOptions) (*Library, DirReport, error) {
	var rep DirReport
	txt, err := dirPapers(dir, ".txt")
	if err != nil {
		return nil, rep, err
	}
	pdf, err := dirPapers(dir, ".pdf")
	if err != nil {
		return nil, rep, err
	}
	abs, _ := filepath.Abs(dir)
	old := map[string]catalogEntry{}
	if opt.Catalog != "" && !opt.Reread {
		old = readCatalog(opt.Catalog, abs)
	}
	names := append(txt, pdf...)
	files := make([]dirFile, len(names))
	parallelFor(len(names), func(i int) {
		files[i] = openFile(dir, names[i], old, opt)
	})

	lib := &Library{byID: map[string]*item{}}
	cat := catalog{Format: catalogFormat, Version: catalogVersion, Dir: abs}
	dirty := len(old) != len(names)
	for i, f := range files {
		if f.err != nil {
			rep.Problems = append(rep.Problems, f.err)
			dirty = true
			continue
		}
		id := f.entry.Info.ID
		if i >= len(txt) && lib.byID[id] != nil {
			rep.Problems = append(rep.Problems, fmt.Errorf("%s: %w: a paper with id %q is already loaded", f.entry.Name, ErrDuplicatePaper, id))
			continue
		}
		id = lib.freeID(id)
		it := &item{id: id, info: f.entry.Info, p: f.paper}
		it.info.ID = id
		if f.paper != nil {
			f.paper.ID = id
			rep.Read++
		} else {
			it.read = reader(filepath.Join(dir, f.entry.Name), opt.PDFTimeout)
			rep.Shelved++
		}
		lib.put(it)
		cat.Files = append(cat.Files, f.entry)
		dirty = dirty || f.changed
	}
	if opt.Catalog != "" && dirty {
		rep.CatalogErr = writeCatalog(opt.Catalog, &cat)
	}
	return lib, rep, nil
}

// dirFile is one paper file as OpenDir found it.
type dirFile struct {
	entry   catalogEntry
	paper   *Paper // read now (nil when shelved)
	changed bool   // its catalog entry is new or different
	err     error
}

// openFile describes one file from the catalog, or reads it.
func openFile(dir, name string, old map[string]catalogEntry, opt DirOptions) dirFile {
	path := filepath.Join(dir, name)
	st, err := os.Stat(path)
	if err != nil {
		return dirFile{err: &ReadError{Name: name, Err: err, Detail: fmt.Sprintf("cannot open: %v", err)}}
	}
	e := catalogEntry{Name: name, Size: st.Size(), ModTime: st.ModTime().UnixNano()}
	prev, known := old[name]
	if known && prev.Size == e.Size && prev.ModTime == e.ModTime {
		return dirFile{entry: prev}
	}
	data, err := readLimited(path, name, maxBytes(name))
	if err != nil {
		return dirFile{err: err}
	}
	sum := sha256.Sum256(data)
	e.Hash = hex.EncodeToString(sum[:16])
	if known && prev.Hash == e.Hash {
		e.Info = prev.Info // touched, not changed
		return dirFile{entry: e, changed: true}
	}
	p, err := parseBytes(name, data, opt.PDFTimeout)
	if err != nil {
		return dirFile{err: err}
	}
	e.Info = InfoOf(p)
	return dirFile{entry: e, paper: p, changed: true}
}

// reader reads a shelved paper from its file.
func reader(path string, pdfTimeout time.Duration) func() (*Paper, error) {
	return func() (*Paper, error) {
		name := filepath.Base(path)
		data, err := readLimited(path, name, maxBytes(name))
		if err != nil {
			return nil, err
		}
		return parseBytes(name, data, pdfTimeout)
	}
}

func isPDF(name string) bool { return strings.EqualFold(filepath.Ext(name), ".pdf") }

func maxBytes(name string) int64 {
	if isPDF(name) {
		return MaxPDFBytes
	}
	return MaxPaperBytes
}

// parseBytes reads a paper file's bytes: Parse, or ParsePDF for a .pdf.
func parseBytes(name string, data []byte, pdfTimeout time.Duration) (*Paper, error) {
	if !isPDF(name) {
		return Parse(name, data)
	}
	ctx := context.Background()
	if pdfTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, pdfTimeout)
		defer cancel()
	}
	p, err := ParsePDF(ctx, name, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}

// readLimited reads at most max+1 bytes of path (a longer file fails in
// the reader with ErrTooLarge).
func readLimited(path, name string, max int64) ([]byte, error) {
	f, err := openPaper(path, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, &ReadError{Name: name, Err: err, Detail: fmt.Sprintf("cannot read: %v", err)}
	}
	if isPDF(name) && int64(len(data)) > max {
		return nil, readErr(name, ErrTooLarge, "the PDF is larger than %d MB", max>>20)
	}
	return data, nil
}

// readCatalog returns the catalog's entries by file name; a missing,
// unreadable or foreign catalog is empty (every paper is read again).
func readCatalog(path, dir string) map[string]catalogEntry {
	data, err := os.ReadFile(path)
	if err != nil {
		return map[string]catalogEntry{}
	}
	var c catalog
	if json.Unmarshal(data, &c) != nil || c.Format != catalogFormat || c.Version != catalogVersion || c.Dir != dir {
		return map[string]catalogEntry{}
	}
	out := make(map[string]catalogEntry, len(c.Files))
	for _, e := range c.Files {
		if e.Name != "" && e.Info.ID != "" && e.Hash != "" {
			out[e.Name] = e
		}
	}
	return out
}

// writeCatalog replaces the catalog atomically (a temporary file renamed).
func writeCatalog(path string, c *catalog) error {
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("write catalog: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write catalog: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".catalog-*")
	if err != nil {
		return fmt.Errorf("write catalog: %w", err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write catalog: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write catalog: %w", err)
	}
	return nil
}

// parallelFor runs f(0..n-1) on up to GOMAXPROCS goroutines.
func parallelFor(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				next.Lock()
				j := i
				i++
				next.Unlock()
				if j >= n {
					return
				}
				f(j)
			}
		})
	}
	wg.Wait()
}
