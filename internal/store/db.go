package store

import (
	"context"
	"errors"
)

// errNoRows is what both drivers' "no rows" errors are translated to.
var errNoRows = errors.New("no rows")

// querier runs the SQL shared by both dialects ($1-style placeholders, which
// SQLite accepts too) on a database or inside a transaction.
type querier interface {
	exec(ctx context.Context, sql string, args ...any) (affected int64, err error)
	query(ctx context.Context, sql string, args ...any) (rows, error)
	// queryRow scans the first row into dest; errNoRows when there is none.
	queryRow(ctx context.Context, sql string, args []any, dest ...any) error
}

// rows iterates a query's result.
type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// backend is one dialect's database.
type backend interface {
	querier
	// tx runs fn in a transaction, committing when fn returns nil.
	tx(ctx context.Context, fn func(q querier) error) error
}

// collect scans every row with scan and closes the rows.
func collect[T any](rs rows, err error, scan func(rows) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []T
	for rs.Next() {
		v, err := scan(rs)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rs.Err()
}
