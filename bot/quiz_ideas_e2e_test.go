package bot

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
)

// TestE2EQuizOneAtATime: /quiz start posts one message with the first
// question about the paper's statements and a Next button that shows the
// next one in its place, also after a restart; the answer key says where
// the paper says it; an instructor exports the scores as CSV and resets
// them.
func TestE2EQuizOneAtATime(t *testing.T) {
	t.Parallel()
	path := dbPath(t)
	c := startClassroom(t, path, nil, nil)
	const channel = "900000000000000260"
	st := c.as(alice, channel, "quiz", map[string]any{"start": map[string]any{"count": 3}}, 0)
	if st.Original == nil || len(st.Followups) != 0 || !strings.Contains(st.Original.Content, "Quiz question 1 of 3") {
		t.Fatalf("one message with the first question: %+v, %d follow-ups", st.Original, len(st.Followups))
	}
	msgID := st.Original.ID
	answer := func(user *discordgo.User, right bool) string {
		t.Helper()
		m := c.srv.Message(msgID)
		qid := strings.Split(strings.TrimPrefix(m.Buttons()[0].CustomID, idQuiz), ":")[0]
		q, err := c.st.QuizQuestion(context.Background(), qid)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(q.Question, "published") || strings.Contains(q.Question, "Who wrote") {
			t.Errorf("trivia question: %q", q.Question)
		}
		choice := q.Correct
		if !right {
			choice = (q.Correct + 1) % len(q.Choices)
		}
		return ephemeralText(t, c.click(user, channel, idQuiz+qid+":"+strconv.Itoa(choice), msgID, 0))
	}
	// next presses the message's Next button (or the one given) and
	// returns the content the message is updated to.
	next := func(id, want string) string {
		t.Helper()
		if id == "" {
			id = buttonID(t, c.srv.Message(msgID), "Next question")
		}
		_, st := c.inject(discordtest.AsMember(discordtest.Button(id, msgID, bob, channel, ""), 0))
		if st.AckType != discordgo.InteractionResponseUpdateMessage || len(st.Responses) == 0 {
			t.Fatalf("Next: ack type %d, want 7", st.AckType)
		}
		content := st.Responses[len(st.Responses)-1].Content
		if !strings.Contains(content, want) {
			t.Fatalf("after Next, want %q:\n%s", want, content)
		}
		return content
	}
	v := answer(alice, true)
	if !strings.Contains(v, "✅ Right!") || !strings.Contains(v, "**Where the paper says it** (the abstract): “") {
		t.Fatalf("verdict:\n%s", v)
	}
	answer(bob, false)
	next("", "Quiz question 2 of 3")
	answer(alice, true)
	lastNext := buttonID(t, c.srv.Message(msgID), "Next question")

	// A new process on the same database: Next still works.
	c.stop()
	c = startClassroom(t, path, nil, nil)
	defer c.checkRules()
	if last := next(lastNext, "Quiz question 3 of 3"); strings.Contains(last, "**Next**") || !strings.Contains(last, "last question") {
		t.Fatalf("the last question offers Next:\n%s", last)
	}

	if text := ephemeralText(t, c.as(alice, channel, "class", map[string]any{"quiz-csv": map[string]any{}}, 0)); !strings.Contains(text, "Only instructors") {
		t.Fatalf("student /class quiz-csv: %s", text)
	}
	st = c.teacher(channel, "class", map[string]any{"quiz-csv": map[string]any{}})
	if st.Original == nil || !st.Original.Ephemeral() || len(st.Original.Files) != 1 || st.Original.Files[0].Name != "quiz-scores.csv" {
		t.Fatalf("/class quiz-csv: %+v", st.Original)
	}
	want := "rank,user_id,correct,answered\n1," + alice.ID + ",2,2\n2," + bob.ID + ",0,1\n"
	if got := string(st.Original.Files[0].Data); got != want {
		t.Fatalf("csv:\n%s\nwant:\n%s", got, want)
	}
	c.teacher(channel, "class", map[string]any{"reset-quiz": map[string]any{}})
	if text := ephemeralText(t, c.teacher(channel, "class", map[string]any{"quiz-csv": map[string]any{}})); !strings.Contains(text, "Nobody has answered") {
		t.Fatalf("csv after reset: %s", text)
	}
}
