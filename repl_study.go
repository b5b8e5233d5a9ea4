package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"paperbot/corpus"
	"paperbot/internal/classroom"
	"paperbot/retrieval/study"
)

// The terminal's study commands use the same engine and classroom service
// as the Discord commands (bot/classroom_study.go, bot/classroom_quiz.go);
// only the rendering differs. The terminal has no database: its classroom
// state (quizzes and their answers, the references cited) is a
// classroom.Memory that lives as long as the chat.

// chatChannel and chatUser are the chat's "channel" and its one student in
// the classroom service.
const (
	chatChannel = "chat"
	chatUser    = "you"
)

// summary prints /summary: the abstract's claims with their references.
func (r *repl) summary(ctx context.Context) {
	claims, err := r.eng.Summary(ctx, r.paperID)
	if err != nil {
		r.print("", err)
		return
	}
	if len(claims) == 0 {
		fmt.Fprintln(r.out, "This paper has no abstract to summarise. Try /glossary or /refs.")
		return
	}
	fmt.Fprintln(r.out, "Study guide: each claim of the abstract, with references on it (/cite N formats one).")
	for i, c := range claims {
		line := fmt.Sprintf("%d. %s", i+1, oneLineText(c.Text))
		if len(c.Refs) > 0 {
			line += " " + study.RefLabels(c.Refs)
		}
		fmt.Fprintln(r.out, line)
	}
}

// glossary prints /glossary: key terms with where they appear.
func (r *repl) glossary() {
	terms, err := r.eng.Glossary(r.paperID)
	if err != nil {
		r.print("", err)
		return
	}
	if len(terms) == 0 {
		fmt.Fprintln(r.out, "I found no term that recurs in this paper's abstract and references.")
		return
	}
	fmt.Fprintln(r.out, "Glossary: key terms, the paper's own definition where it gives one, and where each appears.")
	for _, t := range terms {
		line := "- " + oneLineText(t.Term)
		if where := t.Where(); where != "" {
			line += " — " + where
		}
		switch {
		case t.Definition != nil:
			line += fmt.Sprintf("\n    “%s” (%s)", oneLineText(t.Definition.Text), t.Definition.Label())
		case t.Appears != nil:
			line += fmt.Sprintf("\n    used in: “%s” (%s)", oneLineText(t.Appears.Text), t.Appears.Label())
		}
		fmt.Fprintln(r.out, line)
	}
}

// quizSession is a quiz being answered, one question at a time.
type quizSession struct {
	paper *corpus.Paper
	quiz  classroom.Quiz
	next  int // index of the question being asked
	right int
}

const quizLetters = "ABCDE"

// quizStart runs /quiz [N] [TOPIC].
func (r *repl) quizStart(ctx context.Context, args string) {
	count, topic := classroom.DefaultQuizCount, args
	if first, rest, _ := strings.Cut(args, " "); first != "" {
		if n, err := strconv.Atoi(first); err == nil {
			count, topic = n, strings.TrimSpace(rest)
		}
	}
	if classroom.CheckQuizCount(count) != nil {
		fmt.Fprintf(r.out, "A quiz has 1 to %d questions, e.g. /quiz 5.\n", study.MaxQuizCount)
		return
	}
	p, err := r.eng.Paper(r.paperID)
	if err != nil {
		r.print("", err)
		return
	}
	quiz, err := r.quizzes.Start(ctx, chatChannel, p, count, topic, r.seed())
	if errors.Is(err, study.ErrNoQuiz) {
		fmt.Fprintln(r.out, "I can't build a quiz on that: there is too little about it in this paper. Try another topic, or none.")
		return
	}
	if err != nil {
		r.print("", err)
		return
	}
	r.quiz = &quizSession{paper: p, quiz: quiz}
	n := len(quiz.Questions)
	head := fmt.Sprintf("Quiz: %d question%s", n, plural(n))
	if topic != "" {
		head += " on “" + oneLineText(topic) + "”"
	}
	fmt.Fprintln(r.out, head+". Answer each with its letter; /stop ends the quiz.")
	r.askQuizQuestion()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (r *repl) askQuizQuestion() {
	q := r.quiz.quiz.Questions[r.quiz.next]
	fmt.Fprintf(r.out, "\nQuestion %d of %d: %s\n", r.quiz.next+1, len(r.quiz.quiz.Questions), oneLineText(q.Question))
	for i, c := range q.Choices {
		if i < len(quizLetters) {
			fmt.Fprintf(r.out, "  %c. %s\n", quizLetters[i], oneLineText(c))
		}
	}
}

// quizAnswer takes a line typed during a quiz as the answer to the
// question being asked, scored by the classroom service.
func (r *repl) quizAnswer(ctx context.Context, line string) {
	qz := r.quiz
	q := qz.quiz.Questions[qz.next]
	choice, ok := parseChoice(line, len(q.Choices))
	if !ok {
		fmt.Fprintf(r.out, "Answer with a letter from A to %c, or /stop to end the quiz.\n", quizLetters[min(len(q.Choices), len(quizLetters))-1])
		return
	}
	v, err := r.quizzes.Answer(ctx, q.ID, chatUser, choice)
	if err != nil {
		r.print("", err)
		return
	}
	right := fmt.Sprintf("%c. %s", quizLetters[q.Correct], oneLineText(q.Choices[q.Correct]))
	if v.Correct {
		qz.right++
		fmt.Fprintln(r.out, "✅ Right: "+right)
	} else {
		fmt.Fprintf(r.out, "❌ Not quite: you picked %c. The answer is %s\n", quizLetters[choice], right)
	}
	if expl := qz.quiz.Explanations[qz.next]; expl != "" {
		fmt.Fprintln(r.out, "   "+oneLineText(expl))
	}
	for _, n := range q.Refs {
		if ref, err := qz.paper.Ref(n); err == nil {
			fmt.Fprintf(r.out, "   Source: [%d] %s\n", n, ref.Short())
		}
	}
	qz.next++
	if qz.next < len(qz.quiz.Questions) {
		r.askQuizQuestion()
		return
	}
	r.quizStop()
}

// parseChoice reads "b", "B", "b)", "(B)", "B." or "2" as a choice index.
func parseChoice(s string, n int) (int, bool) {
	s = strings.Trim(strings.TrimSpace(s), "().:] ")
	if len(s) != 1 {
		return 0, false
	}
	c := s[0]
	switch {
	case c >= 'a' && c <= 'z':
		c -= 'a' - 'A'
		fallthrough
	case c >= 'A' && c <= 'Z':
		if i := int(c - 'A'); i < n && i < len(quizLetters) {
			return i, true
		}
	case c >= '1' && c <= '9':
		if i := int(c - '1'); i < n {
			return i, true
		}
	}
	return 0, false
}

// quizStop ends the quiz with its score.
func (r *repl) quizStop() {
	qz := r.quiz
	if qz == nil {
		fmt.Fprintln(r.out, "There is no quiz running. Start one with /quiz.")
		return
	}
	r.quiz = nil
	if qz.next < len(qz.quiz.Questions) {
		fmt.Fprintf(r.out, "Quiz stopped: %d of %d answered right.\n", qz.right, qz.next)
		return
	}
	fmt.Fprintf(r.out, "\nQuiz over: %d of %d right.\n", qz.right, len(qz.quiz.Questions))
}

// citeNote prints, under /cite N, where the paper cites reference N, in
// the words Discord's /cite uses (study.CitationNote): "Cited 3× — §1
// Introduction, §2 Related work" and the first citing sentence. It prints
// nothing for "paper" or when the paper says nothing about it (the default
// paper has no body).
func (r *repl) citeNote(arg string) {
	n, err := strconv.Atoi(strings.Trim(strings.TrimSpace(arg), "[]"))
	if err != nil {
		return
	}
	p, err := r.eng.Paper(r.paperID)
	if err != nil {
		return
	}
	c := study.CitationNote(p, n)
	switch {
	case c.Count > 0:
		line := c.Cited
		if c.Sections != "" {
			line += " — " + c.Sections
		}
		line += c.Also + fmt.Sprintf("\n    “%s”", c.Quote)
		if c.Where != "" {
			line += " (first cited in " + c.Where + ")"
		}
		fmt.Fprintln(r.out, line)
	case c.Cited != "":
		fmt.Fprintln(r.out, c.Cited)
	case c.Missing != "":
		fmt.Fprintln(r.out, c.Missing)
	}
}
