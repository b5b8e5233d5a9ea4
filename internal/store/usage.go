package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// RecordCitations notes references of a paper cited in a channel; each
// (paper, ref) keeps the place of its first citation.
func (c *core) RecordCitations(ctx context.Context, channelID, paperID string, refs []int) error {
	if err := need("channel id", channelID, "paper id", paperID); err != nil {
		return err
	}
	if err := checkRefs(refs); err != nil {
		return err
	}
	if len(refs) == 0 {
		return nil
	}
	err := c.db.tx(ctx, func(q querier) error {
		if err := insertCitations(ctx, q, channelID, paperID, refs, millis(timeNow())); err != nil {
			return err
		}
		// Cited on purpose: /export keeps it whatever answers were flagged.
		for _, ref := range refs {
			if _, err := q.exec(ctx, `UPDATE cited_refs SET by_cite = 1 WHERE channel_id = $1 AND paper_id = $2 AND ref = $3`,
				channelID, paperID, ref); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("record citations: %w", err)
	}
	return nil
}

// checkRefs refuses reference numbers below 1.
func checkRefs(refs []int) error {
	for _, ref := range refs {
		if ref <= 0 {
			return fmt.Errorf("%w: reference number %d", ErrInvalid, ref)
		}
	}
	return nil
}

// citedRow is one cited_refs row to insert.
type citedRow struct {
	channelID, paperID string
	ref                int
	ms                 int64
}

// insertCitations records refs for a channel's paper inside a transaction.
func insertCitations(ctx context.Context, q querier, channelID, paperID string, refs []int, ms int64) error {
	rows := make([]citedRow, len(refs))
	for i, ref := range refs {
		rows[i] = citedRow{channelID, paperID, ref, ms}
	}
	return insertCitedRows(ctx, q, rows)
}

// insertCitedRows records citations with multi-row INSERTs, in order (the
// first citation of each reference keeps its place).
func insertCitedRows(ctx context.Context, q querier, rows []citedRow) error {
	for len(rows) > 0 {
		n := min(len(rows), rowsPerInsert)
		var sb strings.Builder
		args := make([]any, 0, 4*n)
		for i, r := range rows[:n] {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString(placeholders(len(args), 4))
			args = append(args, r.channelID, r.paperID, r.ref, r.ms)
		}
		if _, err := q.exec(ctx, `INSERT INTO cited_refs (channel_id, paper_id, ref, first_ms)
			VALUES `+sb.String()+` ON CONFLICT (channel_id, paper_id, ref) DO NOTHING`, args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// CitedRefs lists a channel's cited references in first-cited order.
func (c *core) CitedRefs(ctx context.Context, channelID string) ([]CitedRef, error) {
	rs, err := c.db.query(ctx, `SELECT paper_id, ref FROM cited_refs WHERE channel_id = $1 ORDER BY seq`, channelID)
	out, err := collect(rs, err, func(r rows) (CitedRef, error) {
		var cr CitedRef
		err := r.Scan(&cr.PaperID, &cr.Ref)
		return cr, err
	})
	if err != nil {
		return nil, fmt.Errorf("cited references: %w", err)
	}
	return out, nil
}

// FlaggedOnlyRefs lists a channel's references that students were shown
// only in answers marked 👎: cited by at least one such answer, by no other
// answer of the channel still stored, and never with /cite. /export leaves
// them out.
func (c *core) FlaggedOnlyRefs(ctx context.Context, channelID string) ([]CitedRef, error) {
	type answerCites struct {
		paperID string
		refs    []int
		down    bool
	}
	rs, err := c.db.query(ctx, `SELECT a.paper_id, a.citations_json,
			EXISTS (SELECT 1 FROM feedback f WHERE f.answer_id = a.id AND f.vote = $2)
		FROM answers a WHERE a.channel_id = $1 ORDER BY a.created_ms, a.id`, channelID, int(ThumbDown))
	answers, err := collect(rs, err, func(r rows) (answerCites, error) {
		var a answerCites
		var cites string
		if err := r.Scan(&a.paperID, &cites, &a.down); err != nil {
			return a, err
		}
		return a, json.Unmarshal([]byte(cites), &a.refs)
	})
	if err != nil {
		return nil, fmt.Errorf("flagged-only references: %w", err)
	}
	rs, err = c.db.query(ctx, `SELECT paper_id, ref FROM cited_refs WHERE channel_id = $1 AND by_cite = 1`, channelID)
	explicit, err := collect(rs, err, func(r rows) (CitedRef, error) {
		var cr CitedRef
		err := r.Scan(&cr.PaperID, &cr.Ref)
		return cr, err
	})
	if err != nil {
		return nil, fmt.Errorf("references cited with /cite: %w", err)
	}
	kept := map[CitedRef]bool{}
	for _, cr := range explicit {
		kept[cr] = true
	}
	for _, a := range answers {
		if !a.down {
			for _, ref := range a.refs {
				kept[CitedRef{a.paperID, ref}] = true
			}
		}
	}
	var out []CitedRef
	seen := map[CitedRef]bool{}
	for _, a := range answers {
		for _, ref := range a.refs {
			cr := CitedRef{a.paperID, ref}
			if a.down && !kept[cr] && !seen[cr] {
				seen[cr] = true
				out = append(out, cr)
			}
		}
	}
	return out, nil
}

// The scopes of token_usage rows.
const (
	scopeUser   = "user"
	scopeGuild  = "guild"
	scopeGlobal = "global"
)

func checkDay(day string) error {
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return fmt.Errorf("%w: day %q is not YYYY-MM-DD", ErrInvalid, day)
	}
	return nil
}

// AddUsage adds tokens to a day's user, guild and global totals in one
// transaction.
func (c *core) AddUsage(ctx context.Context, day, userID, guildID string, tokens int) error {
	if err := checkDay(day); err != nil {
		return err
	}
	if err := need("user id", userID); err != nil {
		return err
	}
	if tokens < 0 {
		return fmt.Errorf("%w: negative token count %d", ErrInvalid, tokens)
	}
	if tokens == 0 {
		return nil
	}
	// Rows are always touched in the same order (user, guild, global), so
	// concurrent transactions cannot deadlock on them.
	subjects := [][2]string{{scopeUser, userID}, {scopeGuild, guildID}, {scopeGlobal, ""}}
	err := c.db.tx(ctx, func(q querier) error {
		for _, s := range subjects {
			if s[0] == scopeGuild && guildID == "" {
				continue
			}
			if _, err := q.exec(ctx, `INSERT INTO token_usage (day, scope, subject, tokens) VALUES ($1, $2, $3, $4)
				ON CONFLICT (day, scope, subject) DO UPDATE SET tokens = token_usage.tokens + excluded.tokens`,
				day, s[0], s[1], tokens); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("add token usage: %w", err)
	}
	return nil
}

// Usage returns a day's totals for the user, the guild and everyone.
func (c *core) Usage(ctx context.Context, day, userID, guildID string) (userTokens, guildTokens, globalTokens int, err error) {
	if err := checkDay(day); err != nil {
		return 0, 0, 0, err
	}
	rs, err := c.db.query(ctx, `SELECT scope, tokens FROM token_usage WHERE day = $1 AND (
		(scope = $2 AND subject = $3) OR (scope = $4 AND subject = $5 AND $5 <> '') OR scope = $6)`,
		day, scopeUser, userID, scopeGuild, guildID, scopeGlobal)
	type row struct {
		scope  string
		tokens int
	}
	got, err := collect(rs, err, func(r rows) (row, error) {
		var x row
		err := r.Scan(&x.scope, &x.tokens)
		return x, err
	})
	if err != nil {
		return 0, 0, 0, fmt.Errorf("token usage: %w", err)
	}
	for _, x := range got {
		switch x.scope {
		case scopeUser:
			userTokens = x.tokens
		case scopeGuild:
			guildTokens = x.tokens
		case scopeGlobal:
			globalTokens = x.tokens
		}
	}
	return userTokens, guildTokens, globalTokens, nil
}
