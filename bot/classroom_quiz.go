package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/corpus"
	class "paperbot/internal/classroom"
	"paperbot/internal/store"
	"paperbot/retrieval/study"
)

// cmdQuiz answers /quiz start [count] [topic] and /quiz scores.
func (b *Bot) cmdQuiz(r *reply, data discordgo.ApplicationCommandInteractionData) {
	if !r.needStore(false) {
		return
	}
	sub, opts := subcommand(data)
	switch sub {
	case "", "start":
		b.quizStart(r, optInt(opts, "count", class.DefaultQuizCount), strings.TrimSpace(optString(opts, "topic")))
	case "scores":
		r.answerSoon(lateMessage, func() { b.quizScores(r) })
	default:
		r.fail("Use /quiz start or /quiz scores.")
	}
}

// quizStart posts a quiz of count questions as one message showing the
// first question, with a button per choice and a Next button that shows
// the next question in its place. It acknowledges first (reading the
// channel's paper and building the quiz can take longer than Discord's 3
// seconds on a large paper), builds the quiz in an answer slot with a
// deadline like the other study commands, and stores every question before
// posting, under ids "<quiz id>.<n>", so the buttons and Next work after a
// restart.
func (b *Bot) quizStart(r *reply, count int, topic string) {
	if class.CheckQuizCount(count) != nil {
		r.fail(fmt.Sprintf("A quiz has 1 to %d questions.", study.MaxQuizCount))
		return
	}
	if !b.beginWork() {
		r.fail(msgRestarting)
		return
	}
	defer b.work.Done()
	if err := r.deferMessage(false); err != nil {
		b.log.Error("defer /quiz", "err", redactErr(err))
		return
	}
	p, err := b.paperOf(r)
	if err != nil {
		r.failErr("quiz paper", err)
		return
	}
	seed := uint64(time.Now().UnixNano())
	if n, err := strconv.ParseUint(r.i.ID, 10, 64); err == nil {
		seed = n
	}
	qs, err := b.buildQuiz(r, p, count, topic, seed)
	if err != nil {
		if errors.Is(err, study.ErrNoQuiz) {
			r.fail("I can't build a quiz on that: there is too little about it in this paper. Try another topic, or none.")
			return
		}
		b.failWork(r, "quiz", err)
		return
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	quiz, err := b.room.Quizzes.Save(ctx, r.i.ChannelID, p.ID, qs)
	if err != nil {
		b.log.Error("save quiz question", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	content, comps := quizMessage(quiz.Questions[0], 1, len(quiz.Questions), topic)
	if err := r.edit(b.workCtx, content, comps, []*discordgo.MessageEmbed{}); err != nil {
		b.log.Error("respond /quiz", "err", redactErr(err))
	}
}

// quizLetters label the choices.
const quizLetters = "ABCDE"

// quizMessage renders question n of total with its choice buttons
// ("pb:qz:<question id>:<choice>") and, before the last, a Next button
// ("pb:qn:<quiz id>:<n+1>:<total>").
func quizMessage(q store.QuizQuestion, n, total int, topic string) (string, []discordgo.MessageComponent) {
	var sb strings.Builder
	head := fmt.Sprintf("🧠 **Quiz question %d of %d**", n, total)
	if topic != "" && n == 1 {
		head += " · topic: " + mdEscape(truncate(oneLine(topic), 60))
	}
	sb.WriteString(head + "\n" + safe(truncate(oneLine(q.Question), 700)) + "\n")
	var buttons []discordgo.MessageComponent
	for i, c := range q.Choices {
		if i >= len(quizLetters) {
			break
		}
		letter := string(quizLetters[i])
		sb.WriteString("**" + letter + ".** " + safe(truncate(oneLine(c), 250)) + "\n")
		buttons = append(buttons, discordgo.Button{Label: letter, Style: discordgo.PrimaryButton, CustomID: idQuiz + q.ID + ":" + strconv.Itoa(i)})
	}
	rows := []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	if quizID, _, ok := class.SplitQuestionID(q.ID); ok && n < total {
		sb.WriteString("-# Pick an answer: only you see whether it was right, and only your first answer counts. **Next** shows the next question.")
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Next question", Style: discordgo.SecondaryButton, CustomID: fmt.Sprintf("%s%s:%d:%d", idQuizNext, quizID, n+1, total)},
		}})
	} else {
		sb.WriteString("-# Pick an answer: only you see whether it was right, and only your first answer counts. That was the last question: /quiz scores shows the leaderboard.")
	}
	return Neutralize(truncate(sb.String(), MaxContent)), rows
}

// btnQuiz records a quiz answer and tells the student, ephemerally,
// whether it was right, with the answer key's citation.
func (b *Bot) btnQuiz(r *reply, rest string) {
	if !r.needStore(false) {
		return
	}
	qid, choiceText, ok := strings.Cut(rest, ":")
	choice, err := strconv.Atoi(choiceText)
	if !ok || err != nil || choice < 0 {
		r.fail("This button is no longer active. Start a new quiz with /quiz start.")
		return
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	v, err := b.room.Quizzes.Answer(ctx, qid, r.userID(), choice)
	switch {
	case errors.Is(err, store.ErrNotFound):
		r.fail("I no longer have this question. Start a new quiz with /quiz start.")
		return
	case errors.Is(err, class.ErrBadChoice):
		r.fail("This button is no longer active. Start a new quiz with /quiz start.")
		return
	case err != nil:
		b.log.Error("quiz answer", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	var paper *corpus.Paper
	if p, err := b.opt.Engine.Paper(v.Question.PaperID); err == nil {
		paper = p
	}
	if err := r.respond(&discordgo.InteractionResponseData{Content: quizVerdict(v.Question, choice, v.Correct, v.Already, paper), Flags: discordgo.MessageFlagsEphemeral}); err != nil {
		b.log.Error("respond quiz answer", "err", redactErr(err))
	}
}

// quizVerdict tells a student how they did, with the key's references.
func quizVerdict(q store.QuizQuestion, choice int, correct, already bool, p *corpus.Paper) string {
	right := letterOf(q.Correct) + ". " + safe(truncate(oneLine(q.Choices[q.Correct]), 300))
	var sb strings.Builder
	switch {
	case already && correct:
		sb.WriteString("You already answered this one, and your first answer was right ✅. Only the first answer counts.")
	case already:
		sb.WriteString("You already answered this one; your first answer was not right ❌. Only the first answer counts. The answer is **" + right + "**.")
	case correct:
		sb.WriteString("✅ Right! **" + right + "**")
	default:
		sb.WriteString("❌ Not quite: you picked " + letterOf(choice) + ". The answer is **" + right + "**.")
	}
	if p != nil {
		if src := study.SourceOf(p, q.Question, q.Choices[q.Correct]); src != nil {
			where := "the abstract"
			if !src.Abstract {
				where = src.Label()
			}
			sb.WriteString("\n**Where the paper says it** (" + mdEscape(where) + "): “" + mdEscape(truncate(oneLine(src.Text), 600)) + "”")
		}
	}
	if len(q.Refs) > 0 {
		sb.WriteString("\n**Source:**")
		for _, n := range q.Refs {
			line := fmt.Sprintf("\n[%d]", n)
			if p != nil {
				if ref, err := p.Ref(n); err == nil {
					line += " " + mdEscape(truncate(oneLine(ref.Short()), 200))
				}
			}
			sb.WriteString(line)
		}
	}
	return Neutralize(truncate(sb.String(), MaxContent))
}

func letterOf(i int) string {
	if i >= 0 && i < len(quizLetters) {
		return string(quizLetters[i])
	}
	return strconv.Itoa(i + 1)
}

// quizScores answers /quiz scores: the channel's leaderboard.
func (b *Bot) quizScores(r *reply) {
	ctx, cancel := b.storeCtx()
	defer cancel()
	scores, err := b.room.Quizzes.Scores(ctx, r.i.ChannelID, 10)
	if err != nil {
		b.log.Error("leaderboard", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	if err := r.respond(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{leaderboardEmbed(scores)}}); err != nil {
		b.log.Error("respond /quiz scores", "err", redactErr(err))
	}
}

// cmdQuizReset answers /class reset-quiz (instructors only): the channel's
// leaderboard starts again.
func (b *Bot) cmdQuizReset(r *reply) {
	if !r.needStore(true) {
		return
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	n, err := b.room.Quizzes.Reset(ctx, r.i.ChannelID)
	if err != nil {
		b.log.Error("reset quiz scores", "channel", r.i.ChannelID, "err", err)
		r.fail(msgStoreProblem)
		return
	}
	b.log.Info("quiz scores reset", "channel", r.i.ChannelID, "answers", n, "by", r.userID())
	msg := fmt.Sprintf("🧹 This channel's quiz leaderboard is reset (%s cleared).", plural(int(n), "answer"))
	if err := r.respond(&discordgo.InteractionResponseData{Content: msg}); err != nil {
		b.log.Error("respond /class reset-quiz", "err", redactErr(err))
	}
}

// leaderboardEmbed ranks users; names are mentions, which render as names
// and never ping inside an embed.
func leaderboardEmbed(scores []store.Score) *discordgo.MessageEmbed {
	medals := []string{"🥇", "🥈", "🥉"}
	var lines []string
	for i, s := range scores {
		rank := strconv.Itoa(i+1) + "."
		if i < len(medals) {
			rank = medals[i]
		}
		lines = append(lines, fmt.Sprintf("%s %s — %d of %d right", rank, userMention(s.UserID), s.Correct, s.Answered))
	}
	if len(lines) == 0 {
		lines = append(lines, "Nobody has answered a quiz question in this channel yet. Start one with /quiz start.")
	}
	return fitEmbed(&discordgo.MessageEmbed{
		Title:       "Quiz leaderboard",
		Description: strings.Join(lines, "\n"),
		Color:       colorHelp,
		Footer:      &discordgo.MessageEmbedFooter{Text: "Only each student's first answer to a question counts."},
	})
}
