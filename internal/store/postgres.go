package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Postgres is the shared store for several processes: a pgx connection pool,
// the same migrations as SQLite, and LISTEN/NOTIFY to announce papers.
type Postgres struct {
	core
	pool *pgxpool.Pool
	log  *slog.Logger
	// channel is the NOTIFY channel, specific to the schema in use.
	channel string

	mu     sync.Mutex
	closed bool
	stop   chan struct{}
	wg     sync.WaitGroup
}

var _ Store = (*Postgres)(nil)

// Option configures OpenPostgres and Open.
type Option func(*options)

type options struct{ log *slog.Logger }

// WithLogger sets the logger for background work (default slog.Default()).
func WithLogger(l *slog.Logger) Option {
	return func(o *options) {
		if l != nil {
			o.log = l
		}
	}
}

// OpenPostgres connects to the database at url (a postgres:// URL or a
// key=value string; a search_path parameter selects the schema) and brings
// its schema up to date. Processes sharing the database may start at once.
func OpenPostgres(ctx context.Context, url string, opts ...Option) (*Postgres, error) {
	o := options{log: slog.Default()}
	for _, opt := range opts {
		opt(&o)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's parse errors can quote the URL; never echo a password.
		return nil, fmt.Errorf("%w: DATABASE_URL is not a valid PostgreSQL connection string", ErrInvalid)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open PostgreSQL state: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to PostgreSQL at %s:%d: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, err)
	}
	p := &Postgres{pool: pool, log: o.log, stop: make(chan struct{})}
	var schema string
	if err := pool.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil || schema == "" {
		pool.Close()
		return nil, fmt.Errorf("open PostgreSQL state: no current schema (does search_path name one that exists?): %v", err)
	}
	p.channel = notifyChannel(schema)
	p.core = core{db: pgBackend{pgQuerier{pool}, pool}, paperChanged: p.notify}
	if err := migrate(ctx, p.core.db, postgresDialect); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open PostgreSQL state: %w", err)
	}
	return p, nil
}

// notifyChannel names the NOTIFY channel for a schema (channels are
// database-wide, schemas are not).
func notifyChannel(schema string) string {
	name := "paperbot_papers"
	if schema != "public" {
		name += "_" + schema
	}
	if len(name) > 63 {
		name = name[:63]
	}
	return name
}

func (p *Postgres) notify(ctx context.Context, q querier, id string) error {
	_, err := q.exec(ctx, `SELECT pg_notify($1, $2)`, p.channel, id)
	return err
}

// Close stops subscriptions and closes the pool.
func (p *Postgres) Close() error {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.stop)
	}
	p.mu.Unlock()
	p.wg.Wait()
	p.pool.Close()
	return nil
}

// pgBackend runs the shared SQL through pgx.
type pgBackend struct {
	pgQuerier
	pool *pgxpool.Pool
}

// tx retries a transaction that PostgreSQL aborted as a deadlock or a
// serialization failure.
func (b pgBackend) tx(ctx context.Context, fn func(q querier) error) error {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		err = pgx.BeginTxFunc(ctx, b.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
			return fn(pgQuerier{tx})
		})
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || (pe.Code != "40001" && pe.Code != "40P01") {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * 10 * time.Millisecond):
		}
	}
	return err
}

// pgRunner is what a pool and a transaction share.
type pgRunner interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

type pgQuerier struct{ r pgRunner }

func (q pgQuerier) exec(ctx context.Context, sql string, args ...any) (int64, error) {
	tag, err := q.r.Exec(ctx, sql, args...)
	return tag.RowsAffected(), err
}

func (q pgQuerier) query(ctx context.Context, sql string, args ...any) (rows, error) {
	return q.r.Query(ctx, sql, args...)
}

func (q pgQuerier) queryRow(ctx context.Context, sql string, args []any, dest ...any) error {
	err := q.r.QueryRow(ctx, sql, args...).Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return errNoRows
	}
	return err
}
