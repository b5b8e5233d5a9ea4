package bot

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"paperbot/internal/store"
)

// idQuizNext is the Next button of a quiz message: pb:qn:<quiz id>:<n>:<total>.
const idQuizNext = "pb:qn:"

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
	q, err := b.room.Quizzes.Question(ctx, parts[0], n)
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

// cmdQuizCSV answers /class quiz-csv (instructors only): the channel's quiz
// scores as a CSV file, only the instructor sees it.
func (b *Bot) cmdQuizCSV(r *reply) {
	if !r.needStore(true) {
		return
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	file, students, err := b.room.Quizzes.ScoresCSV(ctx, r.i.ChannelID)
	if err != nil {
		b.log.Error("quiz scores csv", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	if students == 0 {
		r.fail("Nobody has answered a quiz question in this channel yet.")
		return
	}
	err = r.respond(&discordgo.InteractionResponseData{
		Content: fmt.Sprintf("📊 Quiz scores of this channel: %s (only each first answer counts).", plural(students, "student")),
		Flags:   discordgo.MessageFlagsEphemeral,
		Files:   []*discordgo.File{{Name: "quiz-scores.csv", ContentType: "text/csv; charset=utf-8", Reader: bytes.NewReader(file)}},
	})
	if err != nil {
		b.log.Error("respond /class quiz-csv", "err", redactErr(err))
	}
}
