package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Memory is the OpenSQLite path for a private in-memory database (tests).
const Memory = ":memory:"

// SQLite is the embedded store: one database file in WAL mode, with a busy
// timeout, foreign keys, and write transactions that take the write lock up
// front (BEGIN IMMEDIATE) so concurrent writers queue instead of failing.
type SQLite struct {
	core
	db   *sql.DB
	feed *feed
}

var _ Store = (*SQLite)(nil)

// OpenSQLite opens (creating if needed) the database at path, or a private
// in-memory one for Memory, and brings its schema up to date.
func OpenSQLite(path string) (*SQLite, error) {
	ctx := context.Background()
	if strings.TrimSpace(path) == "" {
		return nil, fmt.Errorf("%w: SQLite database path is empty", ErrInvalid)
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("%w: SQLite database path %q may not contain '?' or '#'", ErrInvalid, path)
	}
	if path != Memory {
		if err := privateFiles(path); err != nil {
			return nil, fmt.Errorf("open SQLite state: %w", err)
		}
	}
	dsn := path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(FULL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open SQLite state %s: %w", path, err)
	}
	if path == Memory {
		db.SetMaxOpenConns(1) // every connection would be a new, empty database
	} else {
		db.SetMaxOpenConns(8)
	}
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open SQLite state %s: %w", path, err)
	}
	if path != Memory {
		// The first connection created the WAL and shared-memory files.
		if err := privateFiles(path); err != nil {
			_ = db.Close()
			return nil, fmt.Errorf("open SQLite state: %w", err)
		}
	}
	s := &SQLite{db: db, feed: newFeed()}
	s.core = core{db: sqliteBackend{sqlQuerier{db}, db, new(sync.Mutex)}, paperCommitted: s.feed.publish}
	if err := migrate(ctx, s.core.db, sqliteDialect); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open SQLite state %s: %w", path, err)
	}
	return s, nil
}

// SubscribePapers calls fn with the id of every paper this store saves or
// deletes from now on (SQLite serves one process, so this is in-process).
func (s *SQLite) SubscribePapers(ctx context.Context, fn func(paperID string)) error {
	if fn == nil {
		return fmt.Errorf("%w: nil paper callback", ErrInvalid)
	}
	return s.feed.subscribe(ctx, fn)
}

// Close stops subscriptions and closes the database.
func (s *SQLite) Close() error {
	s.feed.close()
	return s.db.Close()
}

// sqliteBackend runs the shared SQL through database/sql. SQLite allows one
// writer at a time; writers in this process take turns on a mutex instead of
// polling the database lock (the busy timeout still covers other processes).
type sqliteBackend struct {
	sqlQuerier
	db     *sql.DB
	writer *sync.Mutex
}

func (b sqliteBackend) exec(ctx context.Context, query string, args ...any) (int64, error) {
	b.writer.Lock()
	defer b.writer.Unlock()
	return b.sqlQuerier.exec(ctx, query, args...)
}

func (b sqliteBackend) tx(ctx context.Context, fn func(q querier) error) error {
	b.writer.Lock()
	defer b.writer.Unlock()
	tx, err := b.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE (see _txlock)
	if err != nil {
		return err
	}
	if err := fn(sqlQuerier{tx}); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// sqlRunner is what *sql.DB and *sql.Tx share.
type sqlRunner interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type sqlQuerier struct{ r sqlRunner }

func (q sqlQuerier) exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := q.r.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (q sqlQuerier) query(ctx context.Context, query string, args ...any) (rows, error) {
	rs, err := q.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return sqlRows{rs}, nil
}

func (q sqlQuerier) queryRow(ctx context.Context, query string, args []any, dest ...any) error {
	err := q.r.QueryRowContext(ctx, query, args...).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return errNoRows
	}
	return err
}

type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { _ = r.Rows.Close() }

// privateFiles makes the database's directory 0700 and the database with
// its WAL, shared-memory and journal files 0600, creating the directory
// and an empty database file when missing, whatever modes existed before.
// The working directory itself (a bare file name) is left as it is.
func privateFiles(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if dir != "." {
		if err := os.Chmod(dir, 0o700); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	for _, name := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if err := os.Chmod(name, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}
