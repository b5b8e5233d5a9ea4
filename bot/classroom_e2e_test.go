package bot

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
	"paperbot/corpus/pdftext"
)

// TestE2EClassroom runs the classroom through the fake Discord with the
// real discordgo session: uploads (.txt and .pdf) and switching papers, a
// quiz taken by two users, feedback with a pinned correction, export as a
// file, and a restart of the bot in the middle with all state intact.
func TestE2EClassroom(t *testing.T) {
	t.Parallel()
	if !pdftext.Available() {
		if os.Getenv("CI") != "" {
			t.Fatal("needs pdftotext (Debian package poppler-utils); CI must have it")
		}
		t.Skip("needs pdftotext (Debian package poppler-utils); .ci/run installs it")
	}
	path := dbPath(t)
	cdn := discordtest.NewCDN(t)
	c := startClassroom(t, path, cdn, nil)

	// --- Uploads and switching papers.
	st := c.upload(cdn.Add("coral-reefs.txt", "text/plain", []byte(coralPaper)))
	report := ephemeralText(t, st)
	if !strings.Contains(report, "Added **Coral reef bleaching under marine heatwaves** as `coral-reefs`.") ||
		!strings.Contains(report, "**Authors:** Maya Reefkeeper, Tom Lagoon") || !strings.Contains(report, ", 5 references.") {
		t.Fatalf("txt upload report:\n%s", report)
	}
	if len(st.Followups) != 1 || st.Followups[0].Ephemeral() || !strings.Contains(st.Followups[0].Content, "New paper available") {
		t.Fatalf("txt upload announcement: %+v", st.Followups)
	}
	st = c.upload(cdn.Add("volcanic-soils.pdf", "application/pdf", pdftext.MakePDF(volcanoPages)))
	if report := ephemeralText(t, st); !strings.Contains(report, "as `volcanic-soils`.") || !strings.Contains(report, ", 4 references") {
		t.Fatalf("pdf upload report:\n%s", report)
	}

	st = c.as(alice, channelA, "paper", map[string]any{"list": map[string]any{}}, 0)
	list := st.Original.Embeds[0].Description
	for _, id := range []string{"`china-soft-power-central-asia`", "`coral-reefs`", "`volcanic-soils`"} {
		if !strings.Contains(list, id) {
			t.Errorf("/paper list lacks %s:\n%s", id, list)
		}
	}

	if text := ephemeralText(t, c.as(alice, channelA, "class", map[string]any{"paper": map[string]any{"id": "coral-reefs"}}, 0)); !strings.Contains(text, "Only instructors") {
		t.Fatalf("student /class paper: %s", text)
	}
	st = c.teacher(channelA, "class", map[string]any{"paper": map[string]any{"id": "coral-reefs"}})
	if st.Original == nil || !strings.Contains(st.Original.Content, "now studies **Coral reef bleaching") {
		t.Fatalf("/class paper: %+v", st.Original)
	}
	ans := c.ask(alice, channelA, "What causes coral bleaching during marine heatwaves?")
	if !strings.Contains(strings.ToLower(ans.Content), "bleach") || strings.Contains(ans.Content, "Central Asia") || !citationRE.MatchString(ans.Content) {
		t.Fatalf("answer in the coral channel:\n%s", ans.Content)
	}
	// A question about the default paper finds nothing in the coral paper.
	if other := c.ask(alice, channelA, "How does China use soft power in Central Asia?"); strings.Contains(other.Content, "Kazakhstan") || strings.Contains(other.Content, "Xi") {
		t.Fatalf("answer mixes papers:\n%s", other.Content)
	}
	// Managers of the server are instructors too (no role).
	st = c.as(prof, channelA, "class", map[string]any{"paper": map[string]any{"id": "volcanic-soils"}}, discordgo.PermissionManageGuild)
	if st.Original == nil || st.Original.Ephemeral() {
		t.Fatalf("/class paper by a manager: %+v", st.Original)
	}
	if ans := c.ask(alice, channelA, "Which soils form from volcanic ash?"); !strings.Contains(strings.ToLower(ans.Content), "andosol") {
		t.Fatalf("answer in the volcanic channel:\n%s", ans.Content)
	}
	if ans := c.ask(alice, channelB, "How does China use soft power in Central Asia?"); !strings.Contains(ans.Content, "China") {
		t.Fatalf("answer in the default channel:\n%s", ans.Content)
	}

	// --- A quiz taken by two users, and the leaderboard.
	st = c.as(alice, channelB, "quiz", map[string]any{"start": map[string]any{"count": 2}}, 0)
	if st.Original == nil || len(st.Followups) != 0 || !strings.Contains(st.Original.Content, "Quiz question 1 of 2") {
		t.Fatalf("quiz message: %+v (%d follow-ups)", st.Original, len(st.Followups))
	}
	// One message, a question at a time: the second question's buttons
	// carry its stored id, "<quiz>.2" (Next shows it; see quiz_ideas_e2e_test.go).
	first := strings.Split(strings.TrimPrefix(st.Original.Buttons()[0].CustomID, idQuiz), ":")[0]
	quizMsg := st.Original.ID
	quiz := []string{first, strings.TrimSuffix(first, ".1") + ".2"}
	answerQuiz := func(user *discordgo.User, qid string, right bool) string {
		t.Helper()
		q, err := c.st.QuizQuestion(context.Background(), qid)
		if err != nil {
			t.Fatal(err)
		}
		choice := q.Correct
		if !right {
			choice = (q.Correct + 1) % len(q.Choices)
		}
		return ephemeralText(t, c.click(user, channelB, idQuiz+qid+":"+strconv.Itoa(choice), quizMsg, 0))
	}
	if v := answerQuiz(alice, quiz[0], true); !strings.Contains(v, "✅ Right!") || !strings.Contains(v, "**Where the paper says it**") {
		t.Fatalf("right answer verdict:\n%s", v)
	}
	if v := answerQuiz(alice, quiz[1], false); !strings.Contains(v, "❌ Not quite") {
		t.Fatalf("wrong answer verdict:\n%s", v)
	}
	answerQuiz(bob, quiz[0], true)
	answerQuiz(bob, quiz[1], true)
	if v := answerQuiz(alice, quiz[1], true); !strings.Contains(v, "already answered") {
		t.Fatalf("second answer verdict:\n%s", v)
	}
	wantBoard := "🥇 <@" + bob.ID + "> — 2 of 2 right\n🥈 <@" + alice.ID + "> — 1 of 2 right"
	st = c.as(alice, channelB, "quiz", map[string]any{"scores": map[string]any{}}, 0)
	if got := st.Original.Embeds[0].Description; got != wantBoard {
		t.Fatalf("leaderboard:\n%s\nwant:\n%s", got, wantBoard)
	}

	// --- Feedback: 👎 with a comment, /review, and a pinned correction.
	const question = "What is soft power?"
	ans = c.ask(bob, channelB, question)
	down := buttonByPrefix(t, ans, idFeedback+"dn:")
	buttonByPrefix(t, ans, idFeedback+"up:")
	st = c.click(bob, channelB, down, ans.ID, 0)
	if st.Modal == nil || st.Modal.Title != "What was wrong?" {
		t.Fatalf("👎 should open the form: %+v", st)
	}
	st = c.submit(bob, channelB, st.Modal.CustomID, map[string]string{fieldComment: "It never defines the term."})
	if text := ephemeralText(t, st); !strings.Contains(text, "Thanks") {
		t.Fatalf("form reply: %s", text)
	}
	if text := ephemeralText(t, c.as(bob, channelB, "review", nil, 0)); !strings.Contains(text, "Only instructors") {
		t.Fatalf("student /review: %s", text)
	}
	st = c.teacher(channelB, "review", nil)
	if st.Original == nil || !st.Original.Ephemeral() || len(st.Original.Embeds) != 1 {
		t.Fatalf("/review: %+v", st.Original)
	}
	field := st.Original.Embeds[0].Fields[0]
	if !strings.Contains(field.Name, question) || !strings.Contains(field.Value, "It never defines the term.") {
		t.Fatalf("/review field: %+v", field)
	}
	pinBtn := buttonByPrefix(t, st.Original, idPinButton)
	st = c.click(prof, channelB, pinBtn, st.Original.ID, 0, instructorRole)
	if st.Modal == nil || !strings.HasPrefix(st.Modal.CustomID, idPinModal) {
		t.Fatalf("Pin fix should open the form: %+v", st)
	}
	const corrected = "Soft power is the ability to shape what others want through attraction rather than coercion [15]."
	st = c.submit(prof, channelB, st.Modal.CustomID, map[string]string{fieldQuestion: question, fieldAnswer: corrected}, instructorRole)
	if text := ephemeralText(t, st); !strings.Contains(text, "Pinned") {
		t.Fatalf("pin reply: %s", text)
	}
	if ans := c.ask(alice, channelB, "what is soft-power"); !strings.Contains(ans.Content, corrected) || !strings.Contains(ans.Content, "pinned by an instructor") {
		t.Fatalf("pinned answer not used:\n%s", ans.Content)
	}
	// /pin pins for the channel's paper only.
	st = c.teacher(channelA, "pin", map[string]any{"question": "Where do andosols form?", "answer": "On volcanic ash [1]."})
	if text := ephemeralText(t, st); !strings.Contains(text, "`volcanic-soils`") {
		t.Fatalf("/pin: %s", text)
	}

	// --- Export: /cite and answers record what was cited here.
	c.as(alice, channelB, "cite", map[string]any{"number": "15"}, 0)
	st = c.as(alice, channelB, "export", nil, 0)
	bib := exportedFile(t, st, "bibliography.bib")
	if !strings.Contains(bib, "@") || !strings.Contains(bib, "Nye") {
		t.Fatalf("bibtex export:\n%s", bib)
	}
	st = c.as(alice, channelA, "export", map[string]any{"format": "markdown"}, 0)
	if md := exportedFile(t, st, "bibliography.md"); !strings.Contains(md, "# Bibliography") || !strings.Contains(md, "Coral reef") {
		t.Fatalf("markdown export:\n%s", md)
	}
	if text := ephemeralText(t, c.as(alice, "900000000000000299", "export", nil, 0)); !strings.Contains(text, "Nothing has been cited") {
		t.Fatalf("empty export: %s", text)
	}

	// --- Restart: a new bot, engine and fake Discord on the same database.
	c.stop()
	c = startClassroom(t, path, cdn, nil)
	defer c.checkRules()

	st = c.as(alice, channelA, "paper", map[string]any{"list": map[string]any{}}, 0)
	if list := st.Original.Embeds[0].Description; !strings.Contains(list, "`coral-reefs`") || !strings.Contains(list, "`volcanic-soils` — ") || !strings.Contains(list, "← this channel") {
		t.Fatalf("/paper list after restart:\n%s", list)
	}
	st = c.as(alice, channelA, "paper", map[string]any{"show": map[string]any{}}, 0)
	if title := st.Original.Embeds[0].Title; !strings.Contains(title, "andosols") {
		t.Fatalf("channel paper after restart: %q", title)
	}
	if ans := c.ask(alice, channelA, "Where do andosols form?"); !strings.Contains(ans.Content, "On volcanic ash [1].") {
		t.Fatalf("/pin lost in restart:\n%s", ans.Content)
	}
	if ans := c.ask(bob, channelB, question); !strings.Contains(ans.Content, corrected) {
		t.Fatalf("pinned answer lost in restart:\n%s", ans.Content)
	}
	st = c.as(alice, channelB, "quiz", map[string]any{"scores": map[string]any{}}, 0)
	if got := st.Original.Embeds[0].Description; got != wantBoard {
		t.Fatalf("leaderboard after restart:\n%s", got)
	}
	if v := answerQuiz(bob, quiz[0], false); !strings.Contains(v, "already answered") {
		t.Fatalf("old quiz button after restart:\n%s", v)
	}
	st = c.teacher(channelB, "review", nil)
	if st.Original == nil || !strings.Contains(st.Original.Embeds[0].Fields[0].Value, "It never defines the term.") {
		t.Fatalf("/review after restart: %+v", st.Original)
	}
	if bib2 := exportedFile(t, c.as(alice, channelB, "export", nil, 0), "bibliography.bib"); bib2 != bib {
		t.Fatalf("export after restart differs:\n%s\nwas:\n%s", bib2, bib)
	}
	flags, err := c.st.RecentFlagged(context.Background(), discordtest.DefaultGuildID, 10)
	if err != nil || len(flags) != 1 || flags[0].VoterID != bob.ID {
		t.Fatalf("stored flags: %+v, %v", flags, err)
	}
	ups, err := c.st.UploadedPapers(context.Background())
	if err != nil || len(ups) != 2 || ups[0].UploaderID != prof.ID {
		t.Fatalf("stored uploads: %+v, %v", ups, err)
	}
}

// exportedFile is the text of the file attached to an /export reply.
func exportedFile(t *testing.T, st discordtest.InteractionState, name string) string {
	t.Helper()
	if st.Original == nil || len(st.Original.Files) != 1 {
		t.Fatalf("/export: want one file, got %+v", st.Original)
	}
	f := st.Original.Files[0]
	if f.Name != name {
		t.Fatalf("/export file %q, want %q", f.Name, name)
	}
	return string(f.Data)
}
