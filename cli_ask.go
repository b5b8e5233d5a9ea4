package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"

	"paperbot/config"
	"paperbot/corpus"
	"paperbot/retrieval/answer"
)

// runAsk answers one question:
// paperbot ask [--paper FILE | --corpus DIR] [--history FILE] [--json] [--k N] QUESTION.
func runAsk(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(stderr)
	paper := fs.String("paper", "", "answer about this paper file (.txt or .pdf)")
	corpusDir := fs.String("corpus", "", "answer about the papers in this directory")
	asJSON := fs.Bool("json", false, "print one JSON object")
	k := fs.Int("k", 0, "passages to retrieve (default 8)")
	historyFile := fs.String("history", "", "the conversation so far: a JSON array of {\"role\":\"user\"|\"assistant\",\"content\":\"...\"}")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: paperbot ask [--paper FILE | --corpus DIR] [--history FILE] [--json] [--k N] QUESTION")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return flagExit(err)
	}
	question := strings.Join(pos, " ")
	switch {
	case *paper != "" && *corpusDir != "":
		return usageErr(stderr, "ask: give --paper or --corpus, not both")
	case *k < 0 || *k > 50:
		return usageErr(stderr, "ask: --k must be between 1 and 50")
	case strings.TrimSpace(question) == "":
		return usageErr(stderr, "ask: give a question, e.g. paperbot ask \"What is soft power?\"")
	}
	var history []answer.Turn
	if *historyFile != "" {
		h, err := readHistory(*historyFile)
		if err != nil {
			return usageErr(stderr, "ask: --history: "+err.Error())
		}
		history = h
	}
	ctx, stop, eng, _, code := startEngine("ask", getenv, stderr, engineSource{PaperFile: *paper, CorpusDir: *corpusDir})
	if code != 0 {
		return code
	}
	defer stop()
	a, err := eng.Ask(ctx, answer.Request{Question: question, K: *k, History: history})
	if err != nil {
		if msg, ok := answer.IsUserError(err); ok {
			fmt.Fprintln(stderr, "paperbot ask:", msg)
			return 2
		}
		return runtimeErr(stderr, "ask", err)
	}
	if *asJSON {
		if err := writeAnswerJSON(stdout, a); err != nil {
			return runtimeErr(stderr, "ask", err)
		}
		return 0
	}
	fmt.Fprintln(stdout, renderAnswer(a))
	return 0
}

// answerJSON is the --json shape of an answer (kept stable for scripts).
type answerJSON struct {
	Answer    string        `json:"answer"`
	Citations []int         `json:"citations"`
	Abstained bool          `json:"abstained"`
	Passages  []passageJSON `json:"passages"`
	Related   []int         `json:"related"`
	Intent    string        `json:"intent"`
	Language  string        `json:"language"`
}

// passageJSON is a passage as `paperbot passages --json` shows it, plus
// ref (the number of a reference passage, 0 otherwise) and score.
type passageJSON struct {
	ID      string  `json:"id"`
	Kind    string  `json:"kind"`
	Ref     int     `json:"ref"`
	Cites   []int   `json:"cites"`
	Section string  `json:"section"`
	Page    int     `json:"page"`
	Text    string  `json:"text"`
	Score   float64 `json:"score"`
}

// writeAnswerJSON prints exactly one JSON object; a fallback note or an
// "unverified" label is part of the answer text, as a reader would see it.
func writeAnswerJSON(w io.Writer, a *answer.Answer) error {
	out := answerJSON{Answer: answerText(a), Citations: a.Citations, Abstained: a.Abstained, Passages: []passageJSON{},
		Related: a.Related, Intent: a.Intent, Language: a.Language}
	if out.Citations == nil {
		out.Citations = []int{}
	}
	if out.Related == nil {
		out.Related = []int{}
	}
	for _, h := range a.Passages {
		cites := h.Cites
		if cites == nil {
			cites = []int{}
		}
		out.Passages = append(out.Passages, passageJSON{ID: h.ID, Kind: string(h.Kind), Ref: h.Ref, Cites: cites,
			Section: h.Section, Page: h.Page, Text: h.Text, Score: h.Score})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// readHistory reads a JSON array of {"role","content"} turns.
func readHistory(path string) ([]answer.Turn, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var turns []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	}
	if err := json.Unmarshal(data, &turns); err != nil {
		return nil, fmt.Errorf("want a JSON array of {\"role\",\"content\"}: %w", err)
	}
	out := make([]answer.Turn, 0, len(turns))
	for i, t := range turns {
		if t.Role != "user" && t.Role != "assistant" {
			return nil, fmt.Errorf("turn %d: role %q, want \"user\" or \"assistant\"", i+1, t.Role)
		}
		out = append(out, answer.Turn{Role: t.Role, Text: t.Content})
	}
	return out, nil
}

// answerText is the answer as shown to a reader: the note first, then the
// text, then an "unverified" label when a model answer cites nothing valid.
func answerText(a *answer.Answer) string {
	var b strings.Builder
	if a.Note != "" {
		b.WriteString("Note: " + a.Note + "\n\n")
	}
	b.WriteString(a.Text)
	if a.Unverified {
		b.WriteString("\n\n(Unverified: this answer cites no reference that could be checked against the paper.)")
	}
	return b.String()
}

// renderAnswer is the terminal rendering of an answer.
func renderAnswer(a *answer.Answer) string {
	return answerText(a)
}

// startEngine loads the configuration and builds the engine over src for
// the terminal command cmd, with a context that ends on an interrupt. A
// non-zero code means it failed and said why on stderr; otherwise the
// caller calls stop when done.
func startEngine(cmd string, getenv func(string) string, stderr io.Writer, src engineSource) (context.Context, context.CancelFunc, *answer.Engine, config.Config, int) {
	cfg, logger, code := loadConfig(getenv, stderr)
	if code != 0 {
		return nil, nil, nil, cfg, code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	eng, _, err := buildEngineFrom(ctx, cfg, logger, src)
	if err != nil {
		stop()
		return nil, nil, nil, cfg, runtimeErr(stderr, cmd, err)
	}
	return ctx, stop, eng, cfg, 0
}

// loadConfig reads the configuration and sets up a logger on stderr. Command
// line tools log warnings only, unless LOG_LEVEL asks for more.
func loadConfig(getenv func(string) string, stderr io.Writer) (config.Config, *slog.Logger, int) {
	cfg, err := config.Load(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "paperbot: configuration: %v\n", err)
		return cfg, nil, 2
	}
	level := slog.LevelWarn
	if strings.TrimSpace(getenv("LOG_LEVEL")) != "" {
		_ = level.UnmarshalText([]byte(cfg.LogLevel))
	}
	hopt := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(stderr, hopt)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(stderr, hopt)
	}
	return cfg, slog.New(h), 0
}

// parseInterspersed parses flags that may come before or after positional
// arguments ("paperbot ask What is soft power? --json"). "--" ends flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagExit maps a flag parsing error to an exit status: 0 for -h, else 2.
func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}

func usageErr(stderr io.Writer, msg string) int {
	fmt.Fprintln(stderr, "paperbot "+msg)
	return 2
}

// runtimeErr prints a failure in friendly words and returns 1.
func runtimeErr(stderr io.Writer, cmd string, err error) int {
	if msg, ok := answer.IsUserError(err); ok {
		fmt.Fprintf(stderr, "paperbot %s: %s\n", cmd, msg)
		return 1
	}
	if corpus.IsUnreadable(err) {
		fmt.Fprintf(stderr, "paperbot %s: cannot read the paper: %v\n", cmd, err)
		return 1
	}
	fmt.Fprintf(stderr, "paperbot %s: %v\n", cmd, err)
	return 1
}

// newFlagSet returns a flag set that reports errors on stderr with a usage line.
func newFlagSet(name string, stderr io.Writer, usageLine string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, usageLine)
		fs.PrintDefaults()
	}
	return fs
}
