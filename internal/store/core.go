package store

import (
	"context"
	"fmt"
	"strings"
)

// core implements every Store method over a backend, with one set of SQL for
// both dialects. SQLite and Postgres embed it.
type core struct {
	db backend
	// paperChanged runs inside the transaction that saved or deleted a
	// paper (Postgres sends NOTIFY there, delivered on commit).
	paperChanged func(ctx context.Context, q querier, id string) error
	// paperCommitted runs after that transaction committed.
	paperCommitted func(id string)
}

// need returns an ErrInvalid error naming the first empty field.
func need(fields ...string) error {
	for i := 0; i+1 < len(fields); i += 2 {
		if strings.TrimSpace(fields[i+1]) == "" {
			return fmt.Errorf("%w: %s is empty", ErrInvalid, fields[i])
		}
	}
	return nil
}

// ChannelPaper returns the paper chosen for a channel.
func (c *core) ChannelPaper(ctx context.Context, channelID string) (string, bool, error) {
	var paper string
	err := c.db.queryRow(ctx, `SELECT paper_id FROM channel_papers WHERE channel_id = $1`,
		[]any{channelID}, &paper)
	switch {
	case err == errNoRows:
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("channel paper: %w", err)
	}
	return paper, true, nil
}

// SetChannelPaper chooses a channel's paper.
func (c *core) SetChannelPaper(ctx context.Context, channelID, paperID string) error {
	if err := need("channel id", channelID, "paper id", paperID); err != nil {
		return err
	}
	_, err := c.db.exec(ctx, `INSERT INTO channel_papers (channel_id, paper_id, updated_ms)
		VALUES ($1, $2, $3)
		ON CONFLICT (channel_id) DO UPDATE SET paper_id = excluded.paper_id, updated_ms = excluded.updated_ms`,
		channelID, paperID, millis(timeNow()))
	if err != nil {
		return fmt.Errorf("set channel paper: %w", err)
	}
	return nil
}

// SaveUploadedPaper stores or replaces an uploaded paper and announces it.
func (c *core) SaveUploadedPaper(ctx context.Context, p UploadedPaper) error {
	raw, err := encodeUpload(p)
	if err != nil {
		return err
	}
	err = c.db.tx(ctx, func(q querier) error {
		_, err := q.exec(ctx, `INSERT INTO uploaded_papers (id, file_name, raw_text, uploader_id, uploaded_ms)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (id) DO UPDATE SET file_name = excluded.file_name, raw_text = excluded.raw_text,
				uploader_id = excluded.uploader_id, uploaded_ms = excluded.uploaded_ms`,
			p.ID, p.FileName, raw, p.UploaderID, millis(p.UploadedAt))
		if err != nil {
			return err
		}
		return c.announce(ctx, q, p.ID)
	})
	if err != nil {
		return fmt.Errorf("save uploaded paper %q: %w", p.ID, err)
	}
	c.committed(p.ID)
	return nil
}

// UploadedPapers lists every uploaded paper, oldest first.
func (c *core) UploadedPapers(ctx context.Context) ([]UploadedPaper, error) {
	rs, err := c.db.query(ctx, `SELECT id, file_name, raw_text, uploader_id, uploaded_ms
		FROM uploaded_papers ORDER BY uploaded_ms, id`)
	out, err := collect(rs, err, func(r rows) (UploadedPaper, error) {
		var p UploadedPaper
		var ms int64
		if err := r.Scan(&p.ID, &p.FileName, &p.Text, &p.UploaderID, &ms); err != nil {
			return p, err
		}
		p.UploadedAt = fromMillis(ms)
		return p, decodeUpload(&p)
	})
	if err != nil {
		return nil, fmt.Errorf("list uploaded papers: %w", err)
	}
	return out, nil
}

// DeleteUploadedPaper removes an uploaded paper and announces it.
func (c *core) DeleteUploadedPaper(ctx context.Context, id string) error {
	if err := need("paper id", id); err != nil {
		return err
	}
	var n int64
	err := c.db.tx(ctx, func(q querier) error {
		var err error
		if n, err = q.exec(ctx, `DELETE FROM uploaded_papers WHERE id = $1`, id); err != nil || n == 0 {
			return err
		}
		return c.announce(ctx, q, id)
	})
	if err != nil {
		return fmt.Errorf("delete uploaded paper %q: %w", id, err)
	}
	if n > 0 {
		c.committed(id)
	}
	return nil
}

func (c *core) announce(ctx context.Context, q querier, id string) error {
	if c.paperChanged == nil {
		return nil
	}
	return c.paperChanged(ctx, q, id)
}

func (c *core) committed(id string) {
	if c.paperCommitted != nil {
		c.paperCommitted(id)
	}
}
