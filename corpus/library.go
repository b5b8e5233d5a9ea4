package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Library is a set of papers with unique ids. A paper may be shelved: the
// library knows its PaperInfo (from a catalog, lazy.go) and reads its text
// only when it is asked for (Get, Default, Papers). It is safe for
// concurrent use: the bot adds uploaded papers while serving questions.
type Library struct {
	mu    sync.RWMutex
	items []*item
	byID  map[string]*item
}

// item is one paper of a library: parsed, or shelved with a way to read it.
type item struct {
	id string

	reading sync.Mutex // held while reading a shelved paper (one read at a time)

	mu   sync.Mutex // guards the fields below (never held while reading)
	info PaperInfo
	p    *Paper                 // nil while shelved
	read func() (*Paper, error) // reads a shelved paper (nil once read)
}

// PaperInfo is what a list of papers shows, known without reading a
// shelved paper's text.
type PaperInfo struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Authors    []string `json:"authors,omitempty"`
	Year       string   `json:"year,omitempty"`
	References int      `json:"references"`
}

// InfoOf is p's PaperInfo.
func InfoOf(p *Paper) PaperInfo {
	in := PaperInfo{ID: p.ID, Title: p.Title, Authors: p.Authors, References: len(p.References)}
	if p.Citation != nil {
		in.Year = p.Citation.Year
	}
	return in
}

// NewLibrary returns a library holding papers in order; a paper whose id is
// already taken gets a numbered suffix ("-2", "-3"…) so none is lost.
func NewLibrary(papers ...*Paper) *Library {
	l := &Library{byID: map[string]*item{}}
	for _, p := range papers {
		if p == nil {
			continue
		}
		if id := l.freeID(p.ID); id != p.ID {
			p.ID = id // written only when taken: a shared paper (Default) stays read-only
		}
		l.put(&item{id: p.ID, info: InfoOf(p), p: p})
	}
	return l
}

// put appends it. Callers hold mu for writing (or own l).
func (l *Library) put(it *item) {
	l.items = append(l.items, it)
	l.byID[it.id] = it
}

// freeID returns id, or id with the first free numeric suffix. Callers hold mu.
func (l *Library) freeID(id string) string {
	if id == "" {
		id = "paper"
	}
	if _, taken := l.byID[id]; !taken {
		return id
	}
	for i := 2; ; i++ {
		if c := fmt.Sprintf("%s-%d", id, i); l.byID[c] == nil {
			return c
		}
	}
}

// LoadDir reads every .txt file of dir (sorted by name) into a library.
// Files that cannot be read are returned as problems, not as a failure;
// err is non-nil only when dir itself cannot be listed. OpenDir reads a
// directory lazily instead.
func LoadDir(dir string) (*Library, []error, error) {
	names, err := dirPapers(dir, ".txt")
	if err != nil {
		return nil, nil, err
	}
	var papers []*Paper
	var problems []error
	for _, n := range names {
		p, err := ParseFile(filepath.Join(dir, n))
		if err != nil {
			problems = append(problems, err)
			continue
		}
		papers = append(papers, p)
	}
	return NewLibrary(papers...), problems, nil
}

// dirPapers lists the regular files of dir with extension ext (any case),
// sorted by name.
func dirPapers(dir, ext string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read corpus directory: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.EqualFold(filepath.Ext(e.Name()), ext) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// Papers returns the papers in the order they were added, reading every
// shelved one (a paper that can no longer be read is left out). Lists
// should use Infos, which reads nothing.
func (l *Library) Papers() []*Paper {
	var out []*Paper
	for _, it := range l.list() {
		if p, err := it.paper(); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// Infos lists every paper's PaperInfo in order, without reading any.
func (l *Library) Infos() []PaperInfo {
	items := l.list()
	out := make([]PaperInfo, len(items))
	for i, it := range items {
		it.mu.Lock()
		out[i] = it.info
		it.mu.Unlock()
	}
	return out
}

// IDs lists the papers' ids in order.
func (l *Library) IDs() []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make([]string, len(l.items))
	for i, it := range l.items {
		out[i] = it.id
	}
	return out
}

func (l *Library) list() []*item {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return append([]*item(nil), l.items...)
}

// Len is the number of papers.
func (l *Library) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.items)
}

// Has reports whether the library holds a paper with id, without reading it.
func (l *Library) Has(id string) bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	_, ok := l.byID[id]
	return ok
}

// Get returns the paper with id, reading it if it is shelved; false when
// there is none or it cannot be read (Load says why).
func (l *Library) Get(id string) (*Paper, bool) {
	p, err := l.Load(id)
	return p, err == nil
}

// Load returns the paper with id, reading it if it is shelved. An unknown
// id is ErrNoPaper; a shelved paper that can no longer be read is the
// reader's error (it stays shelved, and is tried again next time).
func (l *Library) Load(id string) (*Paper, error) {
	l.mu.RLock()
	it := l.byID[id]
	l.mu.RUnlock()
	if it == nil {
		return nil, fmt.Errorf("%w: %q", ErrNoPaper, id)
	}
	return it.paper()
}

// Loaded returns the paper with id only if it has been read already.
func (l *Library) Loaded(id string) (*Paper, bool) {
	l.mu.RLock()
	it := l.byID[id]
	l.mu.RUnlock()
	if it == nil {
		return nil, false
	}
	p := it.loaded()
	return p, p != nil
}

// Default returns the first paper, or nil when the library is empty or
// the first paper cannot be read.
func (l *Library) Default() *Paper {
	l.mu.RLock()
	var it *item
	if len(l.items) > 0 {
		it = l.items[0]
	}
	l.mu.RUnlock()
	if it == nil {
		return nil
	}
	p, _ := it.paper()
	return p
}

// Add adds p; it fails with ErrDuplicatePaper when its id is taken.
func (l *Library) Add(p *Paper) error {
	if p == nil {
		return errors.New("add paper: nil paper")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byID == nil {
		l.byID = map[string]*item{}
	}
	if p.ID == "" {
		p.ID = Slug(p.Title)
	}
	if _, taken := l.byID[p.ID]; taken {
		return fmt.Errorf("%w: a paper with id %q is already loaded", ErrDuplicatePaper, p.ID)
	}
	l.put(&item{id: p.ID, info: InfoOf(p), p: p})
	return nil
}

// paper returns the item's paper, reading it if it is shelved (once, even
// when asked for concurrently; lists are not held up meanwhile). The paper
// keeps the library's id, and the item's info is taken from it.
func (it *item) paper() (*Paper, error) {
	if p := it.loaded(); p != nil {
		return p, nil
	}
	it.reading.Lock()
	defer it.reading.Unlock()
	it.mu.Lock()
	p, read := it.p, it.read
	it.mu.Unlock()
	if p != nil {
		return p, nil
	}
	p, err := read()
	if err != nil {
		return nil, err
	}
	p.ID = it.id
	it.mu.Lock()
	it.info, it.p, it.read = InfoOf(p), p, nil
	it.mu.Unlock()
	return p, nil
}

// loaded is the item's paper if it has been read, else nil.
func (it *item) loaded() *Paper {
	it.mu.Lock()
	defer it.mu.Unlock()
	return it.p
}
