package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// SubscribePapers LISTENs on its own connection and calls fn with the id of
// every paper saved or deleted by any process sharing the database, this one
// included. If the connection drops it reconnects (backing off up to 5 s) and
// then calls fn("") to mean "notifications may have been missed: reload the
// list of uploaded papers".
func (p *Postgres) SubscribePapers(ctx context.Context, fn func(paperID string)) error {
	if fn == nil {
		return fmt.Errorf("%w: nil paper callback", ErrInvalid)
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return errClosed
	}
	p.wg.Add(1)
	p.mu.Unlock()
	conn, err := p.listen(ctx)
	if err != nil {
		p.wg.Done()
		return fmt.Errorf("subscribe to uploaded papers: %w", err)
	}
	go p.deliver(ctx, conn, fn)
	return nil
}

// listen opens a connection outside the pool and LISTENs on it.
func (p *Postgres) listen(ctx context.Context) (*pgx.Conn, error) {
	cfg := p.pool.Config().ConnConfig.Copy()
	cfg.RuntimeParams["application_name"] = "paperbot-listen"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{p.channel}.Sanitize()); err != nil {
		closeConn(conn)
		return nil, err
	}
	return conn, nil
}

func (p *Postgres) deliver(ctx context.Context, conn *pgx.Conn, fn func(string)) {
	defer p.wg.Done()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-p.stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err == nil {
			fn(n.Payload)
			continue
		}
		closeConn(conn)
		if ctx.Err() != nil {
			return
		}
		p.log.Warn("paper notifications interrupted; reconnecting", "err", err)
		if conn = p.relisten(ctx); conn == nil {
			return
		}
		p.log.Info("paper notifications restored")
		fn("")
	}
}

// relisten retries listen with backoff until it works or ctx ends (nil).
func (p *Postgres) relisten(ctx context.Context) *pgx.Conn {
	wait := 100 * time.Millisecond
	for {
		conn, err := p.listen(ctx)
		if err == nil {
			return conn
		}
		p.log.Warn("reconnect for paper notifications failed", "err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}

func closeConn(c *pgx.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = c.Close(ctx)
}
