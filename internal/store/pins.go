package store

import (
	"context"
	"fmt"
)

// maxPinsListed caps how many pins PinsFor returns (the newest): a guild
// pins a handful of corrections per paper, and every question is compared
// with each of them.
const maxPinsListed = 500

// PinsFor lists the pins of a guild ("" for direct messages) on a paper,
// newest first.
func (c *core) PinsFor(ctx context.Context, guildID, paperID string) ([]Pin, error) {
	rs, err := c.db.query(ctx, `SELECT question, answer, pinned_by, pinned_ms FROM pinned_answers
		WHERE guild_id = $1 AND paper_id = $2 ORDER BY pinned_ms DESC, question_key LIMIT $3`,
		guildID, paperID, maxPinsListed)
	out, err := collect(rs, err, func(r rows) (Pin, error) {
		p := Pin{GuildID: guildID, PaperID: paperID}
		var ms int64
		if err := r.Scan(&p.Question, &p.Answer, &p.PinnedBy, &ms); err != nil {
			return p, err
		}
		p.PinnedAt = fromMillis(ms)
		return p, nil
	})
	if err != nil {
		return nil, fmt.Errorf("pins of %s: %w", paperID, err)
	}
	return out, nil
}
