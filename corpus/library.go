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

// Library is a set of papers with unique ids. It is safe for concurrent
// use: the bot adds uploaded papers while serving questions.
type Library struct {
	mu     sync.RWMutex
	papers []*Paper
	byID   map[string]*Paper
}

// NewLibrary returns a library holding papers in order; a paper whose id is
// already taken gets a numbered suffix ("-2", "-3"…) so none is lost.
func NewLibrary(papers ...*Paper) *Library {
	l := &Library{byID: map[string]*Paper{}}
	for _, p := range papers {
		if p == nil {
			continue
		}
		if id := l.freeID(p.ID); id != p.ID {
			p.ID = id // written only when taken: a shared paper (Default) stays read-only
		}
		l.papers = append(l.papers, p)
		l.byID[p.ID] = p
	}
	return l
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
// err is non-nil only when dir itself cannot be listed.
func LoadDir(dir string) (*Library, []error, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read corpus directory: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.EqualFold(filepath.Ext(e.Name()), ".txt") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
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

// Papers returns the papers in the order they were added.
func (l *Library) Papers() []*Paper {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return append([]*Paper(nil), l.papers...)
}

// Len is the number of papers.
func (l *Library) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.papers)
}

// Get returns the paper with id.
func (l *Library) Get(id string) (*Paper, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	p, ok := l.byID[id]
	return p, ok
}

// Default returns the first paper, or nil when the library is empty.
func (l *Library) Default() *Paper {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if len(l.papers) == 0 {
		return nil
	}
	return l.papers[0]
}

// Add adds p; it fails with ErrDuplicatePaper when its id is taken.
func (l *Library) Add(p *Paper) error {
	if p == nil {
		return errors.New("add paper: nil paper")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byID == nil {
		l.byID = map[string]*Paper{}
	}
	if p.ID == "" {
		p.ID = Slug(p.Title)
	}
	if _, taken := l.byID[p.ID]; taken {
		return fmt.Errorf("%w: a paper with id %q is already loaded", ErrDuplicatePaper, p.ID)
	}
	l.papers = append(l.papers, p)
	l.byID[p.ID] = p
	return nil
}
