package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// dialect holds what differs between SQLite and PostgreSQL DDL.
type dialect struct {
	name string
	// autoID is an auto-increment integer primary key column type.
	autoID string
	// lock, run first in a migration transaction, keeps concurrent
	// processes from migrating at once ("" when the transaction already
	// takes the lock, as SQLite's BEGIN IMMEDIATE does).
	lock string
}

var (
	sqliteDialect   = dialect{name: "sqlite", autoID: "INTEGER PRIMARY KEY AUTOINCREMENT"}
	postgresDialect = dialect{name: "postgres", autoID: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
		lock: "SELECT pg_advisory_xact_lock(hashtext('paperbot migrations ' || current_schema()))"}
)

// migrations returns the embedded migrations, in order, for a dialect.
func migrations(d dialect) ([]migration, error) {
	return migrationsIn(migrationFiles, d)
}

// migrationsIn reads migrations/NNNN_what.sql files from fsys, numbered from
// 1 without gaps.
func migrationsIn(fsys fs.FS, d dialect) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []migration
	for i, name := range names {
		base := path.Base(name)
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want number %04d", base, i+1)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		sql := strings.ReplaceAll(string(b), "{{autoid}}", d.autoID)
		out = append(out, migration{version: v, name: base, sql: sql})
	}
	return out, nil
}

// migrate applies the migrations not yet recorded in schema_version, each in
// its own transaction together with its schema_version row. It is safe to run
// on every start and from several processes at once.
func migrate(ctx context.Context, db backend, d dialect) error {
	ms, err := migrations(d)
	if err != nil {
		return err
	}
	return apply(ctx, db, d, ms)
}

// apply applies the migrations in ms that are not yet recorded.
func apply(ctx context.Context, db backend, d dialect, ms []migration) error {
	err := db.tx(ctx, func(q querier) error {
		if d.lock != "" {
			if _, err := q.exec(ctx, d.lock); err != nil {
				return err
			}
		}
		_, err := q.exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_ms BIGINT NOT NULL)`)
		return err
	})
	if err != nil {
		return fmt.Errorf("create schema_version (%s): %w", d.name, err)
	}
	for _, m := range ms {
		err := db.tx(ctx, func(q querier) error {
			if d.lock != "" {
				if _, err := q.exec(ctx, d.lock); err != nil {
					return err
				}
			}
			var one int
			err := q.queryRow(ctx, `SELECT 1 FROM schema_version WHERE version = $1`, []any{m.version}, &one)
			if err == nil {
				return nil // already applied
			}
			if err != errNoRows {
				return err
			}
			if _, err := q.exec(ctx, m.sql); err != nil {
				return err
			}
			_, err = q.exec(ctx, `INSERT INTO schema_version (version, name, applied_ms) VALUES ($1, $2, $3)`,
				m.version, m.name, millis(timeNow()))
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s (%s): %w", m.name, d.name, err)
		}
	}
	return nil
}

// schemaVersion is the highest applied migration (0 when none).
func schemaVersion(ctx context.Context, db querier) (int, error) {
	var v int
	err := db.queryRow(ctx, `SELECT CAST(COALESCE(MAX(version), 0) AS INTEGER) FROM schema_version`, nil, &v)
	return v, err
}
