package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"paperbot/corpus"
	"paperbot/internal/classroom"
	"paperbot/retrieval/answer"
)

// maxLineBytes bounds one line of terminal input.
const maxLineBytes = 64 << 10

// runChat is the terminal chat over the same engine as the Discord bot:
// questions, /cite, /refs, /paper, /papers, /use, /help, /quit. It exits 0
// on /quit, Ctrl-D or closed standard input.
func runChat(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := newFlagSet("chat", stderr, "usage: paperbot chat [--paper FILE | --corpus DIR]")
	paper := fs.String("paper", "", "chat about this paper file (.txt or .pdf)")
	corpusDir := fs.String("corpus", "", "chat about the papers in this directory")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() > 0 {
		return usageErr(stderr, "chat: unexpected arguments "+strings.Join(fs.Args(), " "))
	}
	if *paper != "" && *corpusDir != "" {
		return usageErr(stderr, "chat: give --paper or --corpus, not both")
	}
	ctx, stop, eng, cfg, code := startEngine("chat", getenv, stderr, engineSource{PaperFile: *paper, CorpusDir: *corpusDir})
	if code != 0 {
		return code
	}
	defer stop()
	state := classroom.NewMemory() // the chat's quizzes and citations, kept as long as it runs
	r := &repl{eng: eng, out: stdout, seed: func() uint64 { return uint64(time.Now().UnixNano()) },
		quizzes: classroom.NewQuizzes(state, nil), bibs: classroom.NewBibliographies(state, eng)}
	var lines lineSource = &plainLines{br: bufio.NewReaderSize(stdin, 4096)}
	if in, out, ok := terminals(stdin, stdout); ok {
		tl, err := newTTYLines(in, out, replCommands)
		if err != nil {
			return runtimeErr(stderr, "chat", err)
		}
		defer tl.Close()
		lines, r.interactive = tl, true
		// From here Ctrl-C stops the command being run, not the chat (stop
		// also cancels ctx, whose signal handling the chat no longer uses).
		stop()
		ctx = context.Background()
		r.intr = newInterrupts()
		defer r.intr.close()
	}
	return r.run(ctx, lines, cfg.ModelEnabled())
}

// repl is one terminal chat session.
type repl struct {
	eng         *answer.Engine
	out         io.Writer
	paperID     string // "" = the default paper
	interactive bool
	history     []answer.Turn
	intr        *interrupts // nil unless interactive
	seed        func() uint64
	quiz        *quizSession // the quiz being answered, if any
	// The classroom service, as the bot uses it, over the chat's own
	// in-memory state (one "channel", chatChannel).
	quizzes     *classroom.Quizzes
	bibs        *classroom.Bibliographies
	suggestions []string // the questions offered, asked by number
}

func (r *repl) run(ctx context.Context, lines lineSource, model bool) int {
	p, err := r.eng.Paper("")
	if err != nil {
		fmt.Fprintln(r.out, err)
		return 1
	}
	r.banner(p, model)
	r.suggest(p)
	for {
		line, err := lines.ReadLine(r.prompt())
		if line = strings.TrimSpace(line); line != "" {
			cctx, done := r.intr.begin(ctx)
			quit := r.handle(cctx, line)
			done()
			if quit {
				return 0
			}
		}
		if err != nil { // io.EOF: Ctrl-D or closed input
			if r.interactive {
				fmt.Fprintln(r.out)
			}
			return 0
		}
		if ctx.Err() != nil {
			return 0
		}
	}
}

// prompt is shown before each line in a terminal.
func (r *repl) prompt() string {
	if r.quiz != nil {
		return "answer> "
	}
	return "> "
}

func (r *repl) banner(p *corpus.Paper, model bool) {
	how := "offline: answers quote the paper's abstract and references"
	if len(p.Body) > 0 {
		how = "offline: answers quote the paper's text and its references"
	}
	if model {
		how = "answers are written by the configured language model and citation-checked"
	}
	fmt.Fprintf(r.out, "PaperBot — ask about “%s” (%d references; %s).\n", oneLineText(p.Title), len(p.References), how)
	fmt.Fprintln(r.out, "Type a question, or /help for commands. /quit or Ctrl-D to leave.")
	fmt.Fprintln(r.out, "To run it as a Discord bot instead, set DISCORD_TOKEN (see the README) and start paperbot again.")
}

const replHelp = `Commands:
  <question>          ask about the paper, e.g. Are China and Russia competing there?
  /cite N [FORMAT]    format reference N (FORMAT: ieee, apa, mla, bibtex); /cite paper for the paper itself
  /refs [WORDS]       list the references, or those matching WORDS (e.g. /refs Nye)
  /paper              the paper's title, authors and abstract
  /papers             the papers available; /use ID switches to one
  /summary            study guide: each claim of the abstract with references on it
  /glossary           key terms and names, with the references where they appear
  /quiz [N] [TOPIC]   a quiz of N questions (default 3), one at a time: answer by letter; /stop ends it
  /export [bibtex|markdown] [FILE]
                      the references cited so far in this chat, to the screen or a new FILE
  /suggest            questions to start from
  /help               this help
  /quit               leave (or Ctrl-D)
In a terminal: Up/Down recall earlier lines, Left/Right/Home/End edit, Tab completes a command,
Ctrl-C clears the line or stops an answer being written.`

// replCommands are the commands Tab completes.
var replCommands = []string{"/cite", "/refs", "/paper", "/papers", "/use", "/summary", "/glossary", "/quiz", "/stop", "/export", "/suggest", "/help", "/quit"}

// handle runs one line and reports whether to quit.
func (r *repl) handle(ctx context.Context, line string) bool {
	if !strings.HasPrefix(line, "/") {
		if r.quiz != nil {
			r.quizAnswer(ctx, line)
			return false
		}
		if q, ok := r.suggestion(line); ok {
			fmt.Fprintln(r.out, "> "+q)
			line = q
		}
		r.ask(ctx, line)
		return false
	}
	cmd, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	switch strings.ToLower(cmd) {
	case "/quit", "/exit", "/q":
		return true
	case "/help", "/?":
		fmt.Fprintln(r.out, replHelp)
	case "/cite":
		arg, format, _ := strings.Cut(rest, " ")
		if arg == "" {
			fmt.Fprintln(r.out, "Usage: /cite N [ieee|apa|mla|bibtex], e.g. /cite 15 apa, or /cite paper.")
			return false
		}
		s, err := r.eng.Cite(r.paperID, arg, strings.TrimSpace(format))
		r.print(s, err)
		if err == nil {
			r.citeNote(arg)
			r.noteCited(ctx, r.paperID, arg)
		}
	case "/refs":
		refs, err := r.eng.Refs(r.paperID, rest)
		if err != nil {
			r.print("", err)
			return false
		}
		if len(refs) == 0 {
			fmt.Fprintf(r.out, "No reference matches %q. Try another word, or /refs to list them all.\n", rest)
			return false
		}
		for i := range refs {
			fmt.Fprintf(r.out, "[%d] %s\n", refs[i].N, refs[i].Short())
		}
	case "/paper":
		p, err := r.eng.Paper(r.paperID)
		if err != nil {
			r.print("", err)
			return false
		}
		fmt.Fprintln(r.out, paperSummary(p))
	case "/papers":
		for _, p := range r.eng.Papers() {
			fmt.Fprintf(r.out, "%s  %s\n", p.ID, oneLineText(p.Title))
		}
	case "/use":
		p, err := r.eng.Paper(rest)
		if err != nil {
			r.print("", err)
			return false
		}
		r.paperID, r.history, r.quiz = p.ID, nil, nil
		fmt.Fprintf(r.out, "Now asking about “%s”.\n", oneLineText(p.Title))
		r.suggest(p)
	case "/summary":
		r.summary(ctx)
	case "/glossary":
		r.glossary()
	case "/quiz":
		r.quizStart(ctx, rest)
	case "/stop":
		r.quizStop()
	case "/export":
		r.export(ctx, rest)
	case "/suggest":
		if p, err := r.eng.Paper(r.paperID); err == nil {
			r.suggest(p)
		}
	default:
		fmt.Fprintf(r.out, "Unknown command %s. Type /help for the commands.\n", cmd)
	}
	return false
}

func (r *repl) ask(ctx context.Context, q string) {
	sw := &streamWriter{w: r.out}
	a, err := r.eng.Ask(ctx, answer.Request{PaperID: r.paperID, Question: q, History: r.history, OnDelta: sw.update})
	if err != nil {
		sw.abandon()
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			fmt.Fprintln(r.out, "Stopped.")
			return
		}
		r.print("", err)
		return
	}
	if a.Stopped {
		// Ctrl-C while the model wrote: what it wrote stays, with its
		// checked citations, and counts as the answer for follow-ups.
		if sw.printed != "" || a.Text != "" {
			sw.finish(a)
		}
		fmt.Fprintln(r.out, "Stopped.")
		r.remember(ctx, q, a)
		return
	}
	if strings.TrimSpace(renderAnswer(a)) == "" && sw.printed == "" {
		// The engine found passages but wrote nothing: say so rather than
		// print an empty line.
		fmt.Fprintln(r.out, "I found passages on this but could not put an answer together from them. Try rephrasing, or /summary.")
		return
	}
	sw.finish(a)
	r.remember(ctx, q, a)
}

// remember keeps an answer for /export and the last three exchanges for
// follow-up questions.
func (r *repl) remember(ctx context.Context, q string, a *answer.Answer) {
	r.noteAnswer(ctx, a)
	r.history = append(r.history, answer.Turn{Role: "user", Text: q}, answer.Turn{Role: "assistant", Text: a.Text})
	if len(r.history) > 6 {
		r.history = r.history[len(r.history)-6:]
	}
}

// print shows a result or an error in friendly words.
func (r *repl) print(s string, err error) {
	if err == nil {
		fmt.Fprintln(r.out, s)
		return
	}
	if msg, ok := answer.IsUserError(err); ok {
		fmt.Fprintln(r.out, msg)
		return
	}
	fmt.Fprintln(r.out, "Sorry, something went wrong:", err)
}

// paperSummary is /paper: title, authors, venue and abstract.
func paperSummary(p *corpus.Paper) string {
	var b strings.Builder
	b.WriteString(oneLineText(p.Title) + "\n")
	if len(p.Authors) > 0 {
		b.WriteString("by " + strings.Join(p.Authors, ", ") + "\n")
	}
	if c := p.Citation; c != nil && c.Journal != "" {
		b.WriteString(strings.TrimSpace(fmt.Sprintf("%s, vol. %s, no. %s, pp. %s, %s %s", c.Journal, c.Volume, c.Issue, c.Pages, c.Month, c.Year)))
		if c.DOI != "" {
			b.WriteString(", doi: " + c.DOI)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%d references (/refs to list them).\n\n", len(p.References))
	b.WriteString(strings.TrimSpace(p.Abstract))
	return b.String()
}

func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }
