package bot

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"paperbot/bot/discordtest"
	"paperbot/internal/store"
	"paperbot/internal/testutil/pgtest"
)

// TestE2EAnswerButtonsAfterRestart: an answer's buttons work in a new bot
// process on the same database with nothing shared in memory, and the
// answer was not written to disk while it was being answered.
func TestE2EAnswerButtonsAfterRestart(t *testing.T) {
	t.Parallel()
	path := dbPath(t)
	testAnswerButtonsAfterRestart(t, func() classroomStore {
		st, err := store.OpenSQLite(path)
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

// TestPostgresAnswerButtonsAfterRestart is the same with PostgreSQL. Needs
// PAPERBOT_TEST_DATABASE_URL (`bash .ci/postgres.sh`).
func TestPostgresAnswerButtonsAfterRestart(t *testing.T) {
	base := os.Getenv("PAPERBOT_TEST_DATABASE_URL")
	if base == "" {
		t.Skip("PAPERBOT_TEST_DATABASE_URL is not set; run `bash .ci/postgres.sh` and export its URL")
	}
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.Schema(t, base)
	testAnswerButtonsAfterRestart(t, func() classroomStore {
		st, err := store.OpenPostgres(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

// classroomStore is a store the restart test can open, use and close.
type classroomStore interface {
	ClassroomStore
	Close() error
}

func testAnswerButtonsAfterRestart(t *testing.T, open func() classroomStore) {
	start := func() (*env, classroomStore) {
		st := open()
		e := startBot(t, newClassroomEngine(t, st), func(o *Options) {
			o.Store = st
			o.AnswerFlushEvery = time.Hour // only shutdown writes
		})
		return e, st
	}
	stop := func(e *env, st classroomStore) {
		if err := e.shutdown(); err != nil { // a graceful shutdown writes the queued answer
			t.Fatalf("Run: %v", err)
		}
		e.checkRules()
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	click := func(e *env, customID, messageID string) discordtest.InteractionState {
		t.Helper()
		_, st := e.inject(discordtest.AsMember(discordtest.Button(customID, messageID, bob, channelB, ""), 0))
		return st
	}

	e, st := start()
	_, asked := e.inject(discordtest.AsMember(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, alice, channelB, ""), 0))
	ans := asked.Original
	evidenceID, citeID := buttonID(t, ans, "Show evidence"), buttonID(t, ans, "Cite sources")
	answerID := strings.TrimPrefix(evidenceID, idEvidence)
	if buttonByPrefix(t, ans, idFeedback+"up:") != idFeedback+"up:"+answerID || citeID != idCite+answerID {
		t.Fatalf("one id for every button of an answer: %+v", ans.Buttons())
	}
	if _, err := st.Answer(context.Background(), answerID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the answer was written on the answer path (want it queued): %v", err)
	}
	before := click(e, evidenceID, ans.ID)
	citedBefore := ephemeralText(t, click(e, citeID, ans.ID))
	if before.Original == nil || len(before.Original.Embeds) != 1 || len(before.Original.Embeds[0].Fields) == 0 {
		t.Fatalf("evidence before restart: %+v", before.Original)
	}
	if !strings.Contains(citedBefore, "**Sources**") {
		t.Fatalf("cite sources before restart:\n%s", citedBefore)
	}
	stop(e, st)

	e, st = start() // a new bot, engine, fake Discord and store connection
	defer stop(e, st)
	after := click(e, evidenceID, ans.ID)
	if after.Original == nil || !after.Original.Ephemeral() || !reflect.DeepEqual(after.Original.Embeds, before.Original.Embeds) {
		t.Fatalf("evidence after restart:\n%s\nwant:\n%s", jsonOf(t, after.Original), jsonOf(t, before.Original))
	}
	if got := ephemeralText(t, click(e, citeID, ans.ID)); got != citedBefore {
		t.Fatalf("cite sources after restart:\n%s\nwant:\n%s", got, citedBefore)
	}
	if got := ephemeralText(t, click(e, idFeedback+"up:"+answerID, ans.ID)); !strings.Contains(got, "Thanks") {
		t.Fatalf("👍 after restart: %s", got)
	}
}

// TestE2EAnswerButtonsQueued: a vote and the bibliography export right
// after an answer see it although its batch is not written yet.
func TestE2EAnswerButtonsQueued(t *testing.T) {
	t.Parallel()
	c := startClassroom(t, dbPath(t), nil, func(o *Options) { o.AnswerFlushEvery = time.Hour })
	defer c.stop()
	ans := c.ask(alice, channelB, "What is soft power?")
	up := buttonByPrefix(t, ans, idFeedback+"up:")
	if got := ephemeralText(t, c.click(bob, channelB, up, ans.ID, 0)); !strings.Contains(got, "Thanks") {
		t.Fatalf("👍 on a queued answer: %s", got)
	}
	c.ask(alice, channelB, "Which sources discuss Russia?")
	if cited, err := c.st.CitedRefs(context.Background(), channelB); err != nil || len(cited) == 0 {
		t.Fatalf("first answer's references not written with its vote: %v %v", cited, err)
	}
	before, _ := c.st.CitedRefs(context.Background(), channelB)
	st := c.as(alice, channelB, "export", nil, 0)
	after, _ := c.st.CitedRefs(context.Background(), channelB)
	if st.Original == nil || len(after) <= len(before) {
		t.Fatalf("/export did not write the queued answer's references first: %d then %d refs; %+v", len(before), len(after), st.Original)
	}
}

// TestE2EAnswerButtonsExpired: past the retention the buttons say so
// politely; an unknown answer says it is gone.
func TestE2EAnswerButtonsExpired(t *testing.T) {
	t.Parallel()
	c := startClassroom(t, dbPath(t), nil, nil)
	defer c.stop()
	old := store.AnswerRecord{ID: "0123456789abcdef", GuildID: discordtest.DefaultGuildID, ChannelID: channelB, UserID: alice.ID,
		PaperID: "china-soft-power-central-asia", Question: "What is soft power?", Answer: "Attraction [3].",
		Passages: json.RawMessage(`[]`), Citations: []int{3}, CreatedAt: time.Now().Add(-31 * 24 * time.Hour)}
	if err := c.st.SaveAnswer(context.Background(), old); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ id, want string }{
		{idEvidence + old.ID, "This answer is older than 30 days, so its evidence is no longer kept — ask again."},
		{idCite + old.ID, "This answer is older than 30 days, so its list of sources is no longer kept — ask again."},
		{idEvidence + "fedcba9876543210", "I no longer have this answer, so I can't show its evidence. Ask the question again."},
	} {
		if got := ephemeralText(t, c.click(bob, channelB, tc.id, "", 0)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.id, got, tc.want)
		}
	}
}
