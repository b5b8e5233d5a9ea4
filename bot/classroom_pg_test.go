package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"paperbot/bot/discordtest"
	"paperbot/internal/store"
)

// TestPostgresPaperSync: with PostgreSQL, a paper uploaded by one process
// reaches another process's engine through LISTEN/NOTIFY, without a
// restart. Needs PAPERBOT_TEST_DATABASE_URL (`bash .ci/postgres.sh`).
func TestPostgresPaperSync(t *testing.T) {
	base := os.Getenv("PAPERBOT_TEST_DATABASE_URL")
	if base == "" {
		t.Skip("PAPERBOT_TEST_DATABASE_URL is not set; run `bash .ci/postgres.sh` and export its URL")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "paperbot_bot_test_" + hex.EncodeToString(b[:])
	adminExec(t, ctx, base, "CREATE SCHEMA "+schema)
	t.Cleanup(func() { adminExec(t, context.Background(), base, "DROP SCHEMA "+schema+" CASCADE") })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()

	open := func() *store.Postgres {
		st, err := store.OpenPostgres(ctx, u.String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	uploader, follower := open(), open()

	eng := newClassroomEngine(t, follower)
	synced := newSyncedStore(follower)
	bot, err := New(Options{Token: "test-token", Engine: eng, Store: synced, APIURL: "http://127.0.0.1:1/api/v10/",
		Logger: slog.New(slog.NewTextHandler(testLogWriter(), nil))})
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	bot.startClassroom(runCtx)

	err = uploader.SaveUploadedPaper(ctx, store.UploadedPaper{ID: "coral-reefs", FileName: "coral-reefs.txt", Text: coralPaper, UploaderID: prof.ID, UploadedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	waitSynced(t, synced.synced, "coral-reefs")
	if !eng.HasPaper("coral-reefs") {
		t.Fatal("the other process's upload was announced but not added")
	}
	// Channel papers chosen in one process are seen by the other.
	if err := uploader.SetChannelPaper(ctx, channelA, "coral-reefs"); err != nil {
		t.Fatal(err)
	}
	if got, err := bot.paperFor(discordtest.DefaultGuildID, channelA); err != nil || got != "coral-reefs" {
		t.Fatalf("paperFor = %q", got)
	}
}

func adminExec(t *testing.T, ctx context.Context, dsn, sql string) {
	t.Helper()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatal(err)
	}
}
