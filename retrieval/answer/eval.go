package answer

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// EvalCase is one line of an evaluation set (testdata/eval/*.jsonl): a
// question about a paper with what a right answer cites or says, or a
// question the paper does not cover.
type EvalCase struct {
	ID      string     `json:"id,omitempty"`
	Paper   string     `json:"paper,omitempty"` // "default", a repository path, or "shared:<file>.pdf"
	Type    string     `json:"type,omitempty"`  // meta, abstract, body, which-source, who-coined, compare, follow-up, typo, language, decline, ...
	Q       string     `json:"q"`
	History []EvalTurn `json:"history,omitempty"`
	Refs    []int      `json:"refs,omitempty"`    // acceptable references
	Phrases []string   `json:"phrases,omitempty"` // expected phrases (any one)
	Decline bool       `json:"decline,omitempty"`
	Abstain bool       `json:"abstain,omitempty"` // older name of Decline
	Lang    string     `json:"lang,omitempty"`
}

// EvalTurn is one earlier message of an evaluation conversation.
type EvalTurn struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// ShouldDecline reports whether the paper does not cover the question.
func (c EvalCase) ShouldDecline() bool { return c.Decline || c.Abstain }

// Turns converts the case's history to engine turns.
func (c EvalCase) Turns() []Turn {
	out := make([]Turn, 0, len(c.History))
	for _, t := range c.History {
		out = append(out, Turn{Role: t.Role, Text: t.Content})
	}
	return out
}

// ReadEvalSet reads JSON lines of EvalCase; blank lines and lines starting
// with "//" are skipped. Errors name the line.
func ReadEvalSet(r io.Reader) ([]EvalCase, error) {
	var out []EvalCase
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		var c EvalCase
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		switch {
		case strings.TrimSpace(c.Q) == "":
			return nil, fmt.Errorf("line %d: no question (\"q\")", n)
		case c.ShouldDecline() && (len(c.Refs) > 0 || len(c.Phrases) > 0):
			return nil, fmt.Errorf("line %d: a question to decline has no \"refs\" or \"phrases\"", n)
		case !c.ShouldDecline() && len(c.Refs) == 0 && len(c.Phrases) == 0:
			return nil, fmt.Errorf("line %d: give \"refs\", \"phrases\" or \"decline\": true", n)
		}
		if c.Type == "" {
			c.Type = "other"
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read evaluation set: %w", err)
	}
	return out, nil
}
