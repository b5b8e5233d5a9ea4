package bot

import (
	"context"
	"log/slog"
	"os"
	"testing"
	"time"

	"paperbot/bot/discordtest"
	"paperbot/internal/store"
	"paperbot/internal/testutil/pgtest"
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
	dsn := pgtest.Schema(t, base)

	open := func() *store.Postgres {
		st, err := store.OpenPostgres(ctx, dsn)
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
