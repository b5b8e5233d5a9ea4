package answer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"paperbot/corpus"
)

// Paper returns a paper by id; "" means the library's default paper. An
// unknown id is a *UserError listing the known ids.
func (e *Engine) Paper(id string) (*corpus.Paper, error) {
	if e.lib == nil {
		return nil, &UserError{Msg: "No paper is loaded."}
	}
	id = strings.TrimSpace(id)
	if id == "" {
		if p := e.lib.Default(); p != nil {
			return p, nil
		}
		return nil, &UserError{Msg: "No paper is loaded."}
	}
	p, err := e.lib.Load(id)
	switch {
	case err == nil:
		return p, nil
	case errors.Is(err, corpus.ErrNoPaper):
		return nil, &UserError{Msg: fmt.Sprintf("There is no paper %q. Known papers: %s.", id, strings.Join(e.lib.IDs(), ", "))}
	default:
		return nil, fmt.Errorf("read paper %q: %w", id, err)
	}
}

// Papers lists the library's papers (what a list shows of them; a paper
// not read yet is not read).
func (e *Engine) Papers() []corpus.PaperInfo {
	if e.lib == nil {
		return nil
	}
	return e.lib.Infos()
}

// Cite formats reference arg ("15") or the paper itself ("paper") of a
// paper in a citation style ("" means IEEE, the paper's own). Bad numbers and
// styles are *UserErrors such as "this paper has 29 references (1–29)".
func (e *Engine) Cite(paperID, arg, format string) (string, error) {
	p, err := e.Paper(paperID)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(format) == "" {
		format = string(corpus.StyleIEEE)
	}
	style, err := corpus.ParseStyle(format)
	if err != nil {
		return "", &UserError{Msg: err.Error()}
	}
	arg = strings.Trim(strings.TrimSpace(arg), "[]")
	if strings.EqualFold(arg, "paper") || strings.EqualFold(arg, "self") {
		return corpus.FormatPaper(style, p), nil
	}
	n, err := strconv.Atoi(arg)
	if err != nil {
		return "", &UserError{Msg: fmt.Sprintf("Give a reference number (1–%d) or “paper”, for example /cite 15.", len(p.References))}
	}
	r, err := p.Ref(n)
	if err != nil {
		return "", &UserError{Msg: err.Error()}
	}
	return corpus.FormatRef(style, p, r), nil
}

// Refs lists a paper's references matching query (all of them when query
// is blank).
func (e *Engine) Refs(paperID, query string) ([]corpus.Reference, error) {
	p, err := e.Paper(paperID)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(query) == "" {
		return p.References, nil
	}
	return p.FindRefs(query), nil
}
