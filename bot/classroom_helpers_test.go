package bot

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
	class "paperbot/internal/classroom"
	"paperbot/internal/store"
	"paperbot/retrieval/answer"
)

// Ids of the classroom tests.
const (
	instructorRole = "900000000000000777"
	channelA       = "900000000000000201" // switched between uploaded papers
	channelB       = "900000000000000202" // keeps the default paper
)

var (
	alice = discordtest.NewUser("900000000000000301", "alice")
	bob   = discordtest.NewUser("900000000000000302", "bob")
	prof  = discordtest.NewUser("900000000000000399", "prof")
)

// coralPaper is a small plain-text paper about coral reefs.
const coralPaper = `Coral reef bleaching under marine heatwaves

Maya Reefkeeper, Tom Lagoon

Abstract

Marine heatwaves drive mass coral bleaching on tropical reefs. Zooxanthellae symbionts leave coral tissue when sea surface temperature stays above the bleaching threshold. Reef recovery depends on herbivorous fish and water quality. Restoration by coral gardening helps damaged reefs recover.

References

1. Hughes, T. (2017). Global warming and recurrent mass bleaching of corals. Nature, 543, 373-377.
2. Baker, A. (2008). Climate change and coral reef bleaching: an ecological assessment of long-term impacts, recovery trends and future outlook. Estuarine, Coastal and Shelf Science, 80, 435-471.
3. Graham, N. (2015). Predicting climate-driven regime shifts versus rebound potential in coral reefs. Nature, 518, 94-97.
4. Boström-Einarsson, L. (2020). Coral restoration: a systematic review of current methods, successes, failures and future directions. PLoS ONE, 15, e0226631.
5. Oliver, E. (2018). Longer and more frequent marine heatwaves over the past century. Nature Communications, 9, 1324.
`

// volcanoPages is a small paper about volcanic soils, for a PDF.
var volcanoPages = [][]string{
	{
		"Fertile ground: andosols on volcanic slopes",
		"",
		"Ana Basalt",
		"",
		"Abstract",
		"",
		"Andosols form from volcanic ash and hold water and phosphorus well.",
		"Farmers on volcanic slopes grow coffee on andosols rich in allophane.",
		"Tephra layers record past eruptions and their weathering.",
	},
	{
		"References",
		"",
		"1. Shoji, S. (1993). Volcanic ash soils: genesis, properties and utilization. Elsevier.",
		"2. Nanzyo, M. (2002). Unique properties of volcanic ash soils. Global Environmental Research, 6, 99-112.",
		"3. Dahlgren, R. (2004). Andosols and allophane chemistry. Advances in Agronomy, 82, 113-182.",
		"4. Lowe, D. (2011). Tephrochronology and its application. Quaternary Geochronology, 6, 107-153.",
	},
}

// newClassroomEngine is an offline engine over the default paper with its
// own in-memory index (so uploads do not leak into other tests), whose
// pinned answers come from st.
func newClassroomEngine(t testing.TB, st store.Pins) *answer.Engine {
	t.Helper()
	return newEngine(t, answer.Options{Pins: class.EnginePins{Store: st}, Logger: slog.New(slog.NewTextHandler(testLogWriter(), nil))})
}

// classroom is a bot with a SQLite store, a fresh engine and a fake CDN.
type classroom struct {
	*env
	st     *store.SQLite
	cdn    *discordtest.CDN
	synced chan string // paper ids whose announcement the bot has handled
}

// syncedStore passes the bot's paper subscription through and sends each
// announced paper id on synced once the bot's callback has returned, so a
// test waits for the sync instead of polling for its effect.
type syncedStore struct {
	ClassroomStore
	synced chan string
}

func newSyncedStore(st ClassroomStore) syncedStore {
	return syncedStore{ClassroomStore: st, synced: make(chan string, 64)}
}

// SubscribePapers implements store.Papers.
func (s syncedStore) SubscribePapers(ctx context.Context, fn func(paperID string)) error {
	return s.ClassroomStore.SubscribePapers(ctx, func(id string) {
		fn(id)
		select {
		case s.synced <- id:
		case <-ctx.Done():
		}
	})
}

// waitSynced waits (up to 10 s) until the bot has handled the announcement
// of paper id.
func waitSynced(t testing.TB, synced <-chan string, id string) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case got := <-synced:
			if got == id {
				return
			}
		case <-timeout:
			t.Fatalf("the announcement of paper %q was never handled", id)
		}
	}
}

// startClassroom starts a bot over the SQLite database at path.
func startClassroom(t *testing.T, path string, cdn *discordtest.CDN, configure func(*Options)) *classroom {
	t.Helper()
	st, err := store.OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	eng := newClassroomEngine(t, st)
	synced := newSyncedStore(st)
	e := startBot(t, eng, func(o *Options) {
		o.Store = synced
		o.InstructorRoleID = instructorRole
		if configure != nil {
			configure(o)
		}
	})
	return &classroom{env: e, st: st, cdn: cdn, synced: synced.synced}
}

// stop shuts the bot down and closes its store, as a process exit would.
func (c *classroom) stop() {
	c.t.Helper()
	if err := c.shutdown(); err != nil {
		c.t.Fatalf("Run: %v", err)
	}
	c.checkRules()
	if err := c.st.Close(); err != nil {
		c.t.Fatalf("close store: %v", err)
	}
}

// as runs a slash command as user in channel, with permission bits and
// roles, and waits for its final state.
func (c *classroom) as(user *discordgo.User, channel, name string, opts map[string]any, perms int64, roles ...string) discordtest.InteractionState {
	c.t.Helper()
	_, st := c.inject(discordtest.AsMember(discordtest.SlashCommand(name, opts, user, channel, ""), perms, roles...))
	return st
}

// teacher runs a slash command as the instructor (by role).
func (c *classroom) teacher(channel, name string, opts map[string]any) discordtest.InteractionState {
	c.t.Helper()
	return c.as(prof, channel, name, opts, 0, instructorRole)
}

// upload runs /ingest with a file as the instructor.
func (c *classroom) upload(att *discordgo.MessageAttachment) discordtest.InteractionState {
	c.t.Helper()
	in := discordtest.AsMember(discordtest.SlashCommand("ingest", nil, prof, channelA, ""), 0, instructorRole)
	_, st := c.inject(discordtest.WithAttachment(in, "file", att))
	return st
}

// click presses a button as user.
func (c *classroom) click(user *discordgo.User, channel, customID, messageID string, perms int64, roles ...string) discordtest.InteractionState {
	c.t.Helper()
	_, st := c.inject(discordtest.AsMember(discordtest.Button(customID, messageID, user, channel, ""), perms, roles...))
	return st
}

// submit sends a modal as user.
func (c *classroom) submit(user *discordgo.User, channel, customID string, fields map[string]string, roles ...string) discordtest.InteractionState {
	c.t.Helper()
	_, st := c.inject(discordtest.AsMember(discordtest.ModalSubmit(customID, fields, user, channel, ""), 0, roles...))
	return st
}

// ask asks a question in channel as user and returns the answer message.
func (c *classroom) ask(user *discordgo.User, channel, question string) *discordtest.Message {
	c.t.Helper()
	st := c.as(user, channel, "ask", map[string]any{"question": question}, 0)
	if st.Original == nil || st.Original.Ephemeral() {
		c.t.Fatalf("ask %q: %+v", question, st)
	}
	return st.Original
}

// ephemeralText is an interaction's ephemeral reply text, failing when the
// reply is missing or public.
func ephemeralText(t *testing.T, st discordtest.InteractionState) string {
	t.Helper()
	if st.Original == nil || !st.Original.Ephemeral() {
		t.Fatalf("want an ephemeral reply, got %+v", st.Original)
	}
	return st.Text()
}

// buttonByPrefix finds the custom id of a button whose id starts with prefix.
func buttonByPrefix(t *testing.T, m *discordtest.Message, prefix string) string {
	t.Helper()
	if m != nil {
		for _, b := range m.Buttons() {
			if strings.HasPrefix(b.CustomID, prefix) {
				return b.CustomID
			}
		}
	}
	t.Fatalf("no button with id prefix %q in %+v", prefix, m)
	return ""
}

func dbPath(t *testing.T) string { return filepath.Join(t.TempDir(), "state.db") }
