package bot

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"paperbot/retrieval/answer"
)

// markdownEscaper escapes the characters with which a question could
// format the bot's message, mask a link ("[text](url)"), hide text in a
// spoiler or open a code block that swallows the answer.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`, `[`, `\[`, `]`, `\]`,
)

// echoQuestion is a student's question as the bot shows it back above the
// answer: cleaned like the engine's input, on one line, with Markdown
// escaped, then through the sanitiser (no invite, no preview).
func echoQuestion(q string) string {
	return safe(markdownEscaper.Replace(answer.NormalizeQuestion(q)))
}

// questionProblem catches, before /ask shows "thinking…", a question the
// engine would refuse anyway: blank once invisible characters are removed,
// or too long. The refusal then stays private to the student.
func questionProblem(q string) (string, bool) {
	c := answer.NormalizeQuestion(q)
	if c == "" {
		return "Please type a question, for example `/ask question: What is soft power?`", true
	}
	if n := utf8.RuneCountInString(c); n > answer.MaxQuestionRunes {
		return "That question is " + strconv.Itoa(n) + " characters long; please keep it under " + strconv.Itoa(answer.MaxQuestionRunes) + " characters.", true
	}
	return "", false
}
