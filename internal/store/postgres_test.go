package store

import (
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"paperbot/internal/testutil/pgtest"
)

// testDatabaseURL is the PostgreSQL server for the Postgres half of the
// suite (`bash .ci/postgres.sh` prints one).
func testDatabaseURL(t *testing.T) string {
	u := os.Getenv("PAPERBOT_TEST_DATABASE_URL")
	if u == "" {
		t.Skip("PAPERBOT_TEST_DATABASE_URL is not set; run `bash .ci/postgres.sh` and export its URL to test PostgreSQL")
	}
	return u
}

// pgOpener gives each test its own fresh schema (dropped afterwards), so
// runs and tests never collide; reopening in the same test reopens it.
func pgOpener(t *testing.T, base string) opener {
	var schemas sync.Map // *testing.T -> its schema's connection string
	return func(t *testing.T) Store {
		t.Helper()
		dsn, ok := schemas.Load(t)
		if !ok {
			dsn = pgtest.Schema(t, base)
			schemas.Store(t, dsn)
		}
		s, err := OpenPostgres(ctxT(t), dsn.(string))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		return s
	}
}

func TestPostgres(t *testing.T) {
	base := testDatabaseURL(t)
	testStore(t, pgOpener(t, base))
}

// TestPostgresSharedAcrossProcesses: two stores on one database (two shards)
// see each other's state, and a paper uploaded through one reaches the
// other's subscriber through LISTEN/NOTIFY.
func TestPostgresSharedAcrossProcesses(t *testing.T) {
	open := pgOpener(t, testDatabaseURL(t))
	ctx := ctxT(t)
	a, b := open(t), open(t)
	got := make(chan string, 4)
	must(t, b.SubscribePapers(ctx, func(id string) { got <- id }))
	must(t, a.SaveUploadedPaper(ctx, paperA))
	select {
	case id := <-got:
		if id != paperA.ID {
			t.Fatalf("shard b notified of %q", id)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("shard b was not notified")
	}
	ps, err := b.UploadedPapers(ctx)
	must(t, err)
	if len(ps) != 1 || ps[0].Text != paperA.Text {
		t.Fatalf("shard b papers: %+v", ps)
	}
	must(t, a.SetChannelPaper(ctx, "c1", "paper-a"))
	if p, ok, _ := b.ChannelPaper(ctx, "c1"); !ok || p != "paper-a" {
		t.Fatalf("shard b channel paper: %q %v", p, ok)
	}
}

// TestPostgresListenerReconnects kills the LISTEN connection; the subscriber
// reconnects, says "reload" with "", and keeps receiving.
func TestPostgresListenerReconnects(t *testing.T) {
	base := testDatabaseURL(t)
	s := pgOpener(t, base)(t).(*Postgres)
	ctx := ctxT(t)
	got := make(chan string, 4)
	must(t, s.SubscribePapers(ctx, func(id string) { got <- id }))
	pgtest.Exec(t, base, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE application_name = 'paperbot-listen' AND query LIKE '%`+s.channel+`%'`)
	select {
	case id := <-got:
		if id != "" {
			t.Fatalf("after reconnect got %q, want the reload signal \"\"", id)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("subscriber did not reconnect")
	}
	must(t, s.SaveUploadedPaper(ctx, paperA))
	select {
	case id := <-got:
		if id != paperA.ID {
			t.Fatalf("got %q", id)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no notification after reconnect")
	}
}

// TestPostgresConcurrentOpen starts several "shards" at once on a fresh
// schema: migrations run once, none fails.
func TestPostgresConcurrentOpen(t *testing.T) {
	base := testDatabaseURL(t)
	dsn := pgtest.Schema(t, base)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := OpenPostgres(ctxT(t), dsn)
			if err == nil {
				err = s.Close()
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		must(t, err)
	}
}

func TestOpenPostgresBadURL(t *testing.T) {
	ctx := ctxT(t)
	_, err := OpenPostgres(ctx, "postgres://user:s3cret@[bad")
	if !errors.Is(err, ErrInvalid) || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("bad URL: %v", err)
	}
	// Nothing listens on port 1: a clear connection error, no password.
	_, err = OpenPostgres(ctx, "postgres://user:s3cret@127.0.0.1:1/db?connect_timeout=2")
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("unreachable server: %v", err)
	}
}
