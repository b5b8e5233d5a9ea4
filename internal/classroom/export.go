package classroom

import (
	"context"
	"errors"
	"fmt"

	"paperbot/corpus"
	"paperbot/internal/store"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/study"
)

// Library finds a paper by id ("" is the default paper); the answering
// engine is one.
type Library interface {
	Paper(id string) (*corpus.Paper, error)
}

// ErrNothingCited means a channel has cited nothing yet, so there is no
// bibliography to export.
var ErrNothingCited = errors.New("nothing has been cited here yet")

// Bibliographies keeps the references each channel cites and exports them
// as a bibliography.
type Bibliographies struct {
	st  store.Citations
	lib Library
}

// NewBibliographies keeps citations in st and reads papers from lib.
func NewBibliographies(st store.Citations, lib Library) *Bibliographies {
	return &Bibliographies{st: st, lib: lib}
}

// Note records references of a paper cited in a channel (paperID "" is
// the default paper); a paper lib does not know is not noted.
func (x *Bibliographies) Note(ctx context.Context, channelID, paperID string, refs []int) error {
	if len(refs) == 0 {
		return nil
	}
	p, err := x.lib.Paper(paperID)
	if err != nil || p == nil {
		return nil
	}
	return x.st.RecordCitations(ctx, channelID, p.ID, refs)
}

// Bibliography is an exported bibliography: a file name (".bib" or
// ".md"), its content and how many references it lists.
type Bibliography struct {
	Name       string
	File       []byte
	References int
}

// Export renders what a channel cited in format ("bibtex" or "markdown"):
// each paper's own citation first, then its references by number, leaving
// out references shown only in answers marked 👎. ErrNothingCited when
// nothing is left; an unknown format is an answer.UserError.
func (x *Bibliographies) Export(ctx context.Context, channelID, format string) (Bibliography, error) {
	cited, err := x.st.CitedRefs(ctx, channelID)
	if err != nil {
		return Bibliography{}, fmt.Errorf("cited references: %w", err)
	}
	flagged, err := x.st.FlaggedOnlyRefs(ctx, channelID)
	if err != nil {
		return Bibliography{}, fmt.Errorf("flagged-only references: %w", err)
	}
	items := study.ExportItems(paperRefs(cited), paperRefs(flagged), func(id string) *corpus.Paper {
		if id == "" {
			return nil
		}
		p, _ := x.lib.Paper(id)
		return p
	})
	if len(items) == 0 {
		return Bibliography{}, ErrNothingCited
	}
	name, file, err := study.Bibliography(format, items)
	if err != nil {
		return Bibliography{}, &answer.UserError{Msg: err.Error()}
	}
	return Bibliography{Name: name, File: file, References: study.References(items)}, nil
}

// paperRefs converts the store's cited references for study.ExportItems.
func paperRefs(crs []store.CitedRef) []study.PaperRef {
	out := make([]study.PaperRef, len(crs))
	for i, c := range crs {
		out[i] = study.PaperRef{PaperID: c.PaperID, Ref: c.Ref}
	}
	return out
}
