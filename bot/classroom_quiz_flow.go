package bot

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"paperbot/internal/store"
)

// idQuizNext is the Next button of a quiz message: pb:qn:<quiz id>:<n>:<total>.
const idQuizNext = "pb:qn:"

// quizQuestionID is the stored id of question n (1-based) of a quiz.
func quizQuestionID(quizID string, n int) string { return quizID + "." + strconv.Itoa(n) }

// splitQuizQuestionID reads "<quiz id>.<n>"; ok is false for the ids of
// quizzes posted before questions were numbered.
func splitQuizQuestionID(id string) (quizID string, n int, ok bool) {
	quizID, num, found := strings.Cut(id, ".")
	if !found {
		return "", 0, false
	}
	n, err := strconv.Atoi(num)
	return quizID, n, err == nil && n > 0
}

// btnQuizNext shows the next question of a quiz in the same message.
func (b *Bot) btnQuizNext(r *reply, rest string) {
	if !r.needStore(false) {
		return
	}
	parts := strings.Split(rest, ":")
	if len(parts) != 3 {
		r.fail("This button is no longer active. Start a new quiz with /quiz start.")
		return
	}
	n, err1 := strconv.Atoi(parts[1])
	total, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || n < 1 || n > total {
		r.fail("This button is no longer active. Start a new quiz with /quiz start.")
		return
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	q, err := b.opt.Store.QuizQuestion(ctx, quizQuestionID(parts[0], n))
	if errors.Is(err, store.ErrNotFound) {
		r.fail("I no longer have this quiz. Start a new one with /quiz start.")
		return
	}
	if err != nil {
		b.log.Error("next quiz question", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	content, comps := quizMessage(q, n, total, "")
	if err := r.update(&discordgo.InteractionResponseData{Content: content, Components: comps}); err != nil {
		b.log.Error("update quiz message", "err", redactErr(err))
	}
}

// maxCSVStudents is how many students /class quiz-csv lists (the store's
// largest leaderboard page).
const maxCSVStudents = 100

// cmdQuizCSV answers /class quiz-csv (instructors only): the channel's quiz
// scores as a CSV file, only the instructor sees it.
func (b *Bot) cmdQuizCSV(r *reply) {
	if !r.needStore(true) {
		return
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	scores, err := b.opt.Store.Leaderboard(ctx, r.i.ChannelID, maxCSVStudents)
	if err != nil {
		b.log.Error("quiz scores csv", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	if len(scores) == 0 {
		r.fail("Nobody has answered a quiz question in this channel yet.")
		return
	}
	var sb strings.Builder
	w := csv.NewWriter(&sb)
	_ = w.Write([]string{"rank", "user_id", "correct", "answered"})
	for i, s := range scores {
		_ = w.Write([]string{strconv.Itoa(i + 1), s.UserID, strconv.Itoa(s.Correct), strconv.Itoa(s.Answered)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		b.log.Error("write quiz csv", "err", err)
		r.fail("I couldn't write the scores.")
		return
	}
	err = r.respond(&discordgo.InteractionResponseData{
		Content: fmt.Sprintf("📊 Quiz scores of this channel: %s (only each first answer counts).", plural(len(scores), "student")),
		Flags:   discordgo.MessageFlagsEphemeral,
		Files:   []*discordgo.File{{Name: "quiz-scores.csv", ContentType: "text/csv; charset=utf-8", Reader: strings.NewReader(sb.String())}},
	})
	if err != nil {
		b.log.Error("respond /class quiz-csv", "err", redactErr(err))
	}
}
