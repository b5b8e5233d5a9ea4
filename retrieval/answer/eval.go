package answer

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"paperbot/retrieval"
)

// EvalCase is one line of an evaluation set: a question with the reference
// numbers that answer it, or a question the paper does not cover.
type EvalCase struct {
	Q       string `json:"q"`
	Refs    []int  `json:"refs,omitempty"`
	Abstain bool   `json:"abstain,omitempty"`
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
		case c.Abstain && len(c.Refs) > 0:
			return nil, fmt.Errorf("line %d: a question has either \"refs\" or \"abstain\": true, not both", n)
		case !c.Abstain && len(c.Refs) == 0:
			return nil, fmt.Errorf("line %d: give \"refs\": [n, ...] or \"abstain\": true", n)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read evaluation set: %w", err)
	}
	return out, nil
}

// EvalResult summarises retrieval quality on an evaluation set. The
// ranking metrics are over the ranked reference passages (abstract and
// metadata passages skipped) of the questions that have refs; abstention
// accuracy is over every question (abstaining exactly when it should).
type EvalResult struct {
	Mode         retrieval.Mode
	Answerable   int     // questions with refs
	Unanswerable int     // questions to abstain on
	Hit1         float64 // a right reference ranked first
	Hit5         float64 // a right reference among the first five
	Recall5      float64 // share of the right references among the first five
	MRR          float64 // mean reciprocal rank of the first right reference
	AbstainAcc   float64 // abstained exactly when it should have
	// Wrongly answered unanswerable / wrongly abstained answerable questions.
	FalseAnswers, FalseAbstentions int
	Misses                         []EvalMiss
}

// EvalMiss is a question whose right references were not in the first five,
// or whose abstention was wrong.
type EvalMiss struct {
	Q         string
	Want      []int
	Got       []int // ranked references
	Abstained bool
}

// evalDepth is how many passages are ranked for the metrics.
const evalDepth = 20

// Evaluate runs cases against paperID ("" = default) with a ranking mode,
// offline: abstention uses the engine's first K passages, as Ask does.
func (e *Engine) Evaluate(ctx context.Context, paperID string, cases []EvalCase, mode retrieval.Mode) (EvalResult, error) {
	res := EvalResult{Mode: mode}
	if mode == "" {
		res.Mode = retrieval.Hybrid
	}
	p, err := e.Paper(paperID)
	if err != nil {
		return res, err
	}
	if e.ix == nil {
		return res, fmt.Errorf("evaluate: no index")
	}
	pi := e.info(p)
	correctAbstain := 0
	for _, c := range cases {
		q, err := cleanQuestion(c.Q)
		if err != nil {
			return res, fmt.Errorf("evaluate %q: %w", c.Q, err)
		}
		hits, err := e.ix.SearchMode(ctx, p.ID, q, max(evalDepth, e.opt.K), mode)
		if err != nil {
			return res, fmt.Errorf("evaluate %q: %w", c.Q, err)
		}
		ev := weigh(pi, q, hits[:min(len(hits), e.opt.K)])
		if ev.abstain == c.Abstain {
			correctAbstain++
		} else if c.Abstain {
			res.FalseAnswers++
		} else {
			res.FalseAbstentions++
		}
		var ranked []int
		for _, h := range hits {
			if n, ok := pi.citable(h.Ref); ok && h.Kind == retrieval.KindReference && !containsInt(ranked, n) {
				ranked = append(ranked, n)
			}
		}
		miss := ev.abstain != c.Abstain
		if !c.Abstain {
			res.Answerable++
			first, found := 0, 0
			for i, n := range ranked {
				if containsInt(c.Refs, n) {
					if first == 0 {
						first = i + 1
					}
					if i < 5 {
						found++
					}
				}
			}
			if first == 1 {
				res.Hit1++
			}
			if first >= 1 && first <= 5 {
				res.Hit5++
			} else {
				miss = true
			}
			if first > 0 {
				res.MRR += 1 / float64(first)
			}
			res.Recall5 += float64(found) / float64(len(c.Refs))
		} else {
			res.Unanswerable++
		}
		if miss {
			res.Misses = append(res.Misses, EvalMiss{Q: c.Q, Want: c.Refs, Got: ranked[:min(len(ranked), 5)], Abstained: ev.abstain})
		}
	}
	if n := float64(res.Answerable); n > 0 {
		res.Hit1, res.Hit5, res.Recall5, res.MRR = res.Hit1/n, res.Hit5/n, res.Recall5/n, res.MRR/n
	}
	if n := len(cases); n > 0 {
		res.AbstainAcc = float64(correctAbstain) / float64(n)
	}
	return res, nil
}
