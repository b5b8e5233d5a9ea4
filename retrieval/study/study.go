// Package study builds classroom material from a paper as plain data: a
// study guide of the abstract's claims with references on the same topic
// labelled as further reading, a glossary of key terms, multiple-choice quizzes whose answer keys
// cite [n], and bibliography exports. Discord rendering lives in package bot.
package study

import (
	"context"
	"fmt"

	"paperbot/corpus"
	"paperbot/retrieval"
)

// Searcher ranks a paper's passages for a query; *retrieval.Index is one.
type Searcher interface {
	Search(ctx context.Context, paperID, query string, k int) ([]retrieval.Hit, error)
}

// Claim is one sentence of the abstract. Refs are what the author cited
// for it (abstract sentences of the papers we read cite nothing, so it is
// usually empty); Related are references that share its topic, offered as
// further reading and never as the author's support.
type Claim struct {
	Text    string `json:"text"`
	Refs    []int  `json:"refs"`
	Related []int  `json:"related"`
}

// minClaimLexical is the BM25 score below which a reference is not said to
// bear on a claim: a match on a single common word is not support.
const minClaimLexical = 2.0

// Summary returns the abstract's claims, in order, each with up to three
// references whose text shares the claim's distinctive terms as related
// reading (Claim.Related).
func Summary(ctx context.Context, s Searcher, p *corpus.Paper) ([]Claim, error) {
	var claims []Claim
	for _, sp := range corpus.Sentences(p.Abstract) {
		hits, err := s.Search(ctx, p.ID, sp.Text, 12)
		if err != nil {
			return nil, fmt.Errorf("summary search: %w", err)
		}
		c := Claim{Text: sp.Text, Refs: []int{}}
		for _, h := range hits {
			if h.Kind != retrieval.KindReference || h.Lexical < minClaimLexical || !citable(p, h.Ref) {
				continue
			}
			c.Related = appendUnique(c.Related, h.Ref)
			if len(c.Related) == 3 {
				break
			}
		}
		claims = append(claims, c)
	}
	return claims, nil
}

// citable reports whether n is a reference of its own (not a continuation).
func citable(p *corpus.Paper, n int) bool {
	r, err := p.Ref(n)
	return err == nil && r.ContinuationOf == 0
}

func appendUnique(s []int, n int) []int {
	for _, v := range s {
		if v == n {
			return s
		}
	}
	return append(s, n)
}
