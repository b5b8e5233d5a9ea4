package store

import "context"

// Open opens PostgreSQL when databaseURL is set (several processes share
// it), else the SQLite database at sqlitePath.
func Open(ctx context.Context, databaseURL, sqlitePath string, opts ...Option) (Store, error) {
	if databaseURL != "" {
		return OpenPostgres(ctx, databaseURL, opts...)
	}
	return OpenSQLite(sqlitePath)
}
