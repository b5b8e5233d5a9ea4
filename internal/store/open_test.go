package store

import (
	"os"
	"path/filepath"
	"testing"

	"paperbot/internal/testutil/pgtest"
)

func TestOpenPicksBackend(t *testing.T) {
	ctx := ctxT(t)
	s, err := Open(ctx, "", filepath.Join(t.TempDir(), "state.db"))
	must(t, err)
	if _, ok := s.(*SQLite); !ok {
		t.Fatalf("Open without a URL = %T, want *SQLite", s)
	}
	must(t, s.Close())

	base := os.Getenv("PAPERBOT_TEST_DATABASE_URL")
	if base == "" {
		t.Skip("PAPERBOT_TEST_DATABASE_URL is not set; the PostgreSQL half is skipped")
	}
	p, err := Open(ctx, pgtest.Schema(t, base), "unused.db")
	must(t, err)
	if _, ok := p.(*Postgres); !ok {
		t.Fatalf("Open with a URL = %T, want *Postgres", p)
	}
	must(t, p.Close())
	if _, err := os.Stat("unused.db"); err == nil {
		t.Error("Open with a URL created the SQLite file")
	}
}
