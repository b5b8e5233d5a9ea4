package answer

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"paperbot/corpus"
	"paperbot/retrieval"
	"paperbot/retrieval/study"
)

// paperIndex is what AddPaper needs from the index (*retrieval.Index).
type paperIndex interface {
	Add(ctx context.Context, papers ...*corpus.Paper) error
	Remove(ctx context.Context, paperID string) error
	Save() error
}

// addMu serialises AddPaper across engines: adding is rare and the
// duplicate check must not race with another add.
var addMu sync.Mutex

// AddPaper adds an uploaded paper to the engine: it indexes p in memory,
// calls persist (for example, storing the paper's text in the state
// database; nil skips it), makes p visible in the library, so questions
// never see a half-added paper, and then saves the index file (a failure
// there is only logged: the paper stays in memory and persist's copy is
// the one that lasts). Any earlier failure rolls the index back and
// returns an error; an id already in use is a *UserError.
func (e *Engine) AddPaper(ctx context.Context, p *corpus.Paper, persist func(context.Context) error) error {
	if p == nil || p.ID == "" {
		return errors.New("add paper: no paper or no id")
	}
	if e.lib == nil {
		return errors.New("add paper: the engine has no library")
	}
	ix, ok := e.ix.(paperIndex)
	if !ok {
		return errors.New("add paper: the engine's index cannot add papers")
	}
	addMu.Lock()
	defer addMu.Unlock()
	if e.lib.Has(p.ID) {
		return &UserError{Msg: fmt.Sprintf("A paper with the id %q is already loaded. Rename the file (its name becomes the paper's id) and upload it again.", p.ID)}
	}
	rollback := func() {
		// A fresh context: the caller's may be the one that was cancelled.
		if err := ix.Remove(context.WithoutCancel(ctx), p.ID); err != nil {
			e.log.Error("add paper: rollback: remove from index", "paper", p.ID, "err", err)
		}
		if err := ix.Save(); err != nil {
			e.log.Warn("add paper: rollback: save index", "paper", p.ID, "err", err)
		}
	}
	if err := ix.Add(ctx, p); err != nil {
		rollback()
		return fmt.Errorf("add paper %q: index: %w", p.ID, err)
	}
	if persist != nil {
		if err := persist(ctx); err != nil {
			rollback()
			return fmt.Errorf("add paper %q: persist: %w", p.ID, err)
		}
	}
	if err := e.lib.Add(p); err != nil {
		rollback()
		return fmt.Errorf("add paper %q: %w", p.ID, err)
	}
	// The index is saved last, as a cache: the store (persist) holds the
	// paper, and a process that starts without it in its index file indexes
	// it again from there. So a crash between the two leaves no paper in
	// the index that the store lacks, and a read-only index (a shard's
	// shared copy) still takes uploads, in memory.
	if err := ix.Save(); err != nil {
		e.log.Warn("paper added but the index file not saved; it is kept in memory and indexed again at the next start", "paper", p.ID, "err", err)
	}
	e.log.Info("paper added", "paper", p.ID, "references", len(p.References))
	return nil
}

// HasPaper reports whether the library holds a paper with this id.
func (e *Engine) HasPaper(id string) bool {
	if e.lib == nil {
		return false
	}
	return e.lib.Has(id)
}

// Summary is the study guide of a paper ("" = default): the abstract's
// claims, each with the references that bear on it.
func (e *Engine) Summary(ctx context.Context, paperID string) ([]study.Claim, error) {
	p, err := e.Paper(paperID)
	if err != nil {
		return nil, err
	}
	if e.ix == nil {
		return nil, errors.New("summary: no index")
	}
	return study.Summary(ctx, searchAdapter{e.ix, e.opt.Mode}, p)
}

// Glossary lists a paper's key terms and names with the references where
// they appear.
func (e *Engine) Glossary(paperID string) ([]study.Term, error) {
	p, err := e.Paper(paperID)
	if err != nil {
		return nil, err
	}
	return e.info(p).glossary(), nil
}

// Suggestions are up to study.MaxSuggestions questions to start from on a
// paper ("" = default), from its structure and its glossary (see
// study.Suggestions); the same paper gives the same list every time.
func (e *Engine) Suggestions(paperID string) ([]string, error) {
	p, err := e.Paper(paperID)
	if err != nil {
		return nil, err
	}
	return study.Suggestions(p, e.info(p).glossary()), nil
}

// searchAdapter gives the engine's index the shape study.Searcher wants.
type searchAdapter struct {
	ix   searcher
	mode retrieval.Mode
}

func (s searchAdapter) Search(ctx context.Context, paperID, query string, k int) ([]retrieval.Hit, error) {
	return s.ix.SearchMode(ctx, paperID, query, k, s.mode)
}
