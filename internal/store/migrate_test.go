package store

import (
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"
)

func TestMigrationsNumbered(t *testing.T) {
	for _, d := range []dialect{sqliteDialect, postgresDialect} {
		ms, err := migrations(d)
		if err != nil || len(ms) == 0 {
			t.Fatalf("%s: %v %v", d.name, ms, err)
		}
		for _, m := range ms {
			if filepath.Ext(m.name) != ".sql" || m.sql == "" {
				t.Errorf("%s: bad migration %+v", d.name, m)
			}
		}
	}
	bad := fstest.MapFS{"migrations/0001_a.sql": {Data: []byte("")}, "migrations/0003_c.sql": {Data: []byte("")}}
	if _, err := migrationsIn(bad, sqliteDialect); err == nil {
		t.Error("a gap in migration numbers was accepted")
	}
}

// TestMigrationUpgrade: a database at version 1 gains version 2 on the next
// start, keeping its data; a failing migration changes nothing.
func TestMigrationUpgrade(t *testing.T) {
	ctx := ctxT(t)
	s, err := OpenSQLite(filepath.Join(t.TempDir(), "state.db"))
	must(t, err)
	defer s.Close()
	must(t, s.SetChannelPaper(ctx, "c1", "paper-a"))
	fsys := fstest.MapFS{}
	ms, err := migrations(sqliteDialect)
	must(t, err)
	for _, m := range ms {
		fsys["migrations/"+m.name] = &fstest.MapFile{Data: []byte(m.sql)}
	}
	next := len(ms) + 1
	name := func(n int, what string) string { return fmt.Sprintf("migrations/%04d_%s.sql", n, what) }

	// A migration whose second statement fails leaves no trace.
	fsys[name(next, "broken")] = &fstest.MapFile{Data: []byte(
		"CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);")}
	up, err := migrationsIn(fsys, sqliteDialect)
	must(t, err)
	if err := apply(ctx, s.core.db, sqliteDialect, up); err == nil {
		t.Fatal("broken migration applied")
	}
	if v, _ := schemaVersion(ctx, s.core.db); v != len(ms) {
		t.Fatalf("version after failed migration = %d", v)
	}
	var n int
	if err := s.core.db.queryRow(ctx, `SELECT 1 FROM half_done`, nil, &n); err == nil || errors.Is(err, errNoRows) {
		t.Fatalf("table of the failed migration exists: %v", err)
	}

	fsys[name(next, "broken")] = &fstest.MapFile{Data: []byte(
		"ALTER TABLE channel_papers ADD COLUMN note TEXT NOT NULL DEFAULT 'kept';")}
	up, err = migrationsIn(fsys, sqliteDialect)
	must(t, err)
	for i := 0; i < 2; i++ { // the second run is a no-op
		must(t, apply(ctx, s.core.db, sqliteDialect, up))
	}
	if v, _ := schemaVersion(ctx, s.core.db); v != next {
		t.Fatalf("version = %d, want %d", v, next)
	}
	var note string
	must(t, s.core.db.queryRow(ctx, `SELECT note FROM channel_papers WHERE channel_id = 'c1'`, nil, &note))
	if p, ok, err := s.ChannelPaper(ctx, "c1"); err != nil || !ok || p != "paper-a" || note != "kept" {
		t.Fatalf("data after upgrade: %q %v %v %q", p, ok, err, note)
	}
}

// TestMigrationPinsByGuild: a version-1 database's pins (keyed by paper
// only) survive the upgrade to pins keyed by guild, under guild "" (direct
// messages), so they no longer change answers in every server.
func TestMigrationPinsByGuild(t *testing.T) {
	ctx := ctxT(t)
	path := filepath.Join(t.TempDir(), "state.db")
	db, err := sql.Open("sqlite", path)
	must(t, err)
	old := sqliteBackend{sqlQuerier{db}, db, new(sync.Mutex)}
	ms, err := migrations(sqliteDialect)
	must(t, err)
	must(t, apply(ctx, old, sqliteDialect, ms[:1]))
	_, err = old.exec(ctx, `INSERT INTO pinned_answers (paper_id, question_key, question, answer, pinned_by, pinned_ms)
		VALUES ('paper-a', $1, 'What is soft power?', 'old pin', 'prof', 1)`, NormalizeQuestion("What is soft power?"))
	must(t, err)
	must(t, db.Close())

	s, err := OpenSQLite(path)
	must(t, err)
	defer s.Close()
	if v, _ := schemaVersion(ctx, s.core.db); v != len(ms) {
		t.Fatalf("version after upgrade = %d, want %d", v, len(ms))
	}
	if p, ok, err := s.PinnedAnswer(ctx, "", "paper-a", "what is soft power"); err != nil || !ok || p.Answer != "old pin" {
		t.Fatalf("old pin after upgrade: %+v %v %v", p, ok, err)
	}
	if _, ok, err := s.PinnedAnswer(ctx, "g1", "paper-a", "what is soft power"); err != nil || ok {
		t.Fatalf("old pin applies in guild g1: %v %v", ok, err)
	}
	must(t, s.PinAnswer(ctx, Pin{GuildID: "g1", PaperID: "paper-a", Question: "What is soft power?", Answer: "g1 pin"}))
	if p, ok, _ := s.PinnedAnswer(ctx, "", "paper-a", "what is soft power"); !ok || p.Answer != "old pin" {
		t.Fatalf("old pin after a guild pin: %+v", p)
	}
}
