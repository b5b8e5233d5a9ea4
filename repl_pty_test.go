//go:build linux

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"paperbot/internal/testutil"
	"paperbot/retrieval/llm/llmtest"
)

// ptyChat is the chat running in-process on a pseudo-terminal, as a
// student's terminal would run it.
type ptyChat struct {
	t      *testing.T
	ptmx   *os.File // the keyboard and screen side
	tty    *os.File // the chat's stdin and stdout
	chunks chan []byte
	screen bytes.Buffer // everything the chat wrote
	seen   int          // screen offset up to which expect has matched
	done   chan int
	stderr *testutil.Buffer
}

// startPTYChat runs the chat in this process on a new pseudo-terminal.
func startPTYChat(t *testing.T, getenv func(string) string, args ...string) *ptyChat {
	t.Helper()
	c := newPTY(t)
	go func() { c.done <- run(args, c.tty, c.tty, c.stderr, getenv) }()
	return c
}

// newPTY opens a pseudo-terminal and starts collecting what is written to it.
func newPTY(t *testing.T) *ptyChat {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 50, Cols: 250}); err != nil {
		t.Fatal(err)
	}
	c := &ptyChat{t: t, ptmx: ptmx, tty: tty, chunks: make(chan []byte, 64), done: make(chan int, 1), stderr: &testutil.Buffer{}}
	go func() {
		for {
			buf := make([]byte, 4096)
			n, err := ptmx.Read(buf)
			if n > 0 {
				c.chunks <- buf[:n]
			}
			if err != nil {
				close(c.chunks)
				return
			}
		}
	}()
	return c
}

// expect waits, up to a deadline, until the screen shows want after what
// earlier expects matched, and returns the screen text in between.
func (c *ptyChat) expect(want string) string {
	c.t.Helper()
	deadline := time.NewTimer(15 * time.Second)
	defer deadline.Stop()
	for {
		if i := strings.Index(c.screen.String()[c.seen:], want); i >= 0 {
			between := c.screen.String()[c.seen : c.seen+i]
			c.seen += i + len(want)
			return between
		}
		select {
		case b, ok := <-c.chunks:
			if !ok {
				c.t.Fatalf("terminal closed before %q; screen:\n%s", want, c.screen.String())
			}
			c.screen.Write(b)
		case <-deadline.C:
			c.t.Fatalf("no %q on the screen within 15s; after the last match:\n%q\nstderr: %s", want, c.screen.String()[c.seen:], c.stderr.String())
		}
	}
}

func (c *ptyChat) typeKeys(s string) {
	c.t.Helper()
	if _, err := c.ptmx.Write([]byte(s)); err != nil {
		c.t.Fatal(err)
	}
}

func (c *ptyChat) exitCode() int {
	c.t.Helper()
	select {
	case code := <-c.done:
		return code
	case <-time.After(15 * time.Second):
		c.t.Fatalf("chat did not end; screen:\n%s", c.screen.String())
		return -1
	}
}

func termios(t *testing.T, f *os.File) *unix.Termios {
	t.Helper()
	st, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

const (
	keyUp        = "\x1b[A"
	keyLeft      = "\x1b[D"
	keyBackspace = "\x7f"
	keyEnter     = "\r"
	keyCtrlC     = "\x03"
	keyCtrlD     = "\x04"
)

// TestTerminalLineEditing types into the chat through a pseudo-terminal:
// a question, Up to recall it, an edit, Enter; Ctrl-C clearing a line;
// Tab completing a command; Ctrl-D leaving. The model fake records what
// was asked: never an escape sequence.
func TestTerminalLineEditing(t *testing.T) {
	srv := llmtest.New(t)
	srv.SetDefault(func(llmtest.Request) llmtest.Response {
		return llmtest.Response{Chunks: []string{"They cooperate ", "[29]."}}
	})
	c := startPTYChat(t, testEnv(t, "OPENAI_BASE_URL", srv.URL(), "CHAT_MODEL", "fake-chat"), "chat")
	before := termios(t, c.tty)
	c.expect("type its number to ask it")
	c.expect("\n> ")
	if st := termios(t, c.tty); st.Lflag&unix.ICANON != 0 || st.Lflag&unix.ECHO != 0 {
		t.Error("the terminal is not in raw mode while a line is read")
	}

	c.typeKeys("Are China and Russia competing there?" + keyEnter)
	c.expect("They cooperate [29].")
	c.expect("> ")
	if st := termios(t, c.tty); st.Lflag&unix.ICANON != 0 {
		t.Error("the terminal is not in raw mode at the second prompt")
	}

	// Up recalls the question; Backspace and typing edit its end; Left
	// and typing edit its middle.
	c.typeKeys(keyUp)
	c.expect("Are China and Russia competing there?")
	c.typeKeys(strings.Repeat(keyBackspace, len("there?")) + "in Central Asia?")
	c.typeKeys(strings.Repeat(keyLeft, len("in Central Asia?")) + "today ")
	c.typeKeys(keyEnter)
	c.expect("They cooperate [29].")
	c.expect("> ")

	// Ctrl-C clears a half-typed line, which is never asked.
	c.typeKeys("half a question" + keyCtrlC)
	c.typeKeys("/pap\t" + keyEnter) // Tab: /paper, what /paper and /papers share
	c.expect("references (/refs to list them)")
	c.expect("> ")
	c.typeKeys("/glo\t" + keyEnter) // Tab: /glossary, the one command it fits
	c.expect("Glossary: ")
	c.expect("> ")

	c.typeKeys(keyCtrlD)
	if code := c.exitCode(); code != 0 {
		t.Errorf("exit %d; stderr %s", code, c.stderr.String())
	}
	after := termios(t, c.tty)
	if after.Lflag != before.Lflag || after.Iflag != before.Iflag || after.Oflag != before.Oflag {
		t.Errorf("terminal not restored: lflag %#x→%#x iflag %#x→%#x oflag %#x→%#x",
			before.Lflag, after.Lflag, before.Iflag, after.Iflag, before.Oflag, after.Oflag)
	}

	var asked []string
	for _, r := range srv.ChatRequests() {
		for _, m := range r.Messages {
			if m.Role != "user" {
				continue
			}
			if strings.ContainsAny(m.Content, "\x1b\x03\x7f") || strings.Contains(m.Content, "[A") || strings.Contains(m.Content, "^[") {
				t.Errorf("an escape sequence reached the model: %q", m.Content)
			}
			if strings.Contains(m.Content, "half a question") {
				t.Errorf("the line cleared by Ctrl-C was asked: %q", m.Content)
			}
		}
		asked = append(asked, lastUserMessage(r))
	}
	if len(asked) != 2 || !strings.Contains(asked[0], "Are China and Russia competing there?") ||
		!strings.Contains(asked[1], "Are China and Russia competing today in Central Asia?") {
		t.Errorf("questions the model got: %q", asked)
	}
}

func lastUserMessage(r llmtest.Request) string {
	for i := len(r.Messages) - 1; i >= 0; i-- {
		if r.Messages[i].Role == "user" {
			return r.Messages[i].Content
		}
	}
	return ""
}

// TestTerminalQuiz answers a quiz by letter through the pseudo-terminal,
// one question at a time, and checks the score it gives at the end.
func TestTerminalQuiz(t *testing.T) {
	c := startPTYChat(t, testEnv(t), "chat")
	c.expect("\n> ")
	c.typeKeys("/quiz 3" + keyEnter)
	c.expect("Quiz: 3 questions")
	var verdicts string
	for i, letter := range []string{"a", "B", "(c)"} {
		c.expect("Question " + strconv.Itoa(i+1) + " of 3: ")
		c.expect("answer> ")
		if i == 0 {
			c.typeKeys("z" + keyEnter) // not a choice: asked again
			c.expect("Answer with a letter from A to D")
			c.expect("answer> ")
		}
		c.typeKeys(letter + keyEnter)
		verdicts += c.expect("Said in the abstract: “") // the default paper's statements are its abstract
	}
	tail := c.expect("\n> ")
	m := regexp.MustCompile(`Quiz over: (\d) of 3 right`).FindStringSubmatch(tail)
	if m == nil {
		t.Fatalf("no score at the end:\n%s", tail)
	}
	if right := strings.Count(verdicts, "✅ Right"); strconv.Itoa(right) != m[1] || right+strings.Count(verdicts, "❌ Not quite") != 3 {
		t.Errorf("score %s of 3, but %d right verdicts:\n%s", m[1], right, verdicts)
	}
	c.typeKeys("/quit" + keyEnter)
	if code := c.exitCode(); code != 0 {
		t.Errorf("exit %d", code)
	}
}

// TestTerminalCtrlCStopsAnswer interrupts an answer being streamed: the
// answer stops, keeping what was written for the next question, and the
// chat goes on.
func TestTerminalCtrlCStopsAnswer(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Chunks: []string{"They mostly ", "cooperate [29]."}, StallAfter: 1})
	srv.SetDefault(func(llmtest.Request) llmtest.Response {
		return llmtest.Response{Chunks: []string{"They cooperate ", "[29]."}}
	})
	c := startPTYChat(t, testEnv(t, "OPENAI_BASE_URL", srv.URL(), "CHAT_MODEL", "fake-chat"), "chat")
	c.expect("\n> ")
	c.typeKeys("Are China and Russia competing there?" + keyEnter)
	c.expect("They mostly")
	// In cooked mode the terminal turns Ctrl-C into SIGINT for its
	// foreground process; this test is not that process, so it signals
	// itself as the terminal would.
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	c.expect("Stopped.")
	c.expect("> ")
	c.typeKeys("Are China and Russia competing there?" + keyEnter)
	c.expect("They cooperate [29].")
	c.expect("> ")
	c.typeKeys(keyCtrlD)
	if code := c.exitCode(); code != 0 {
		t.Errorf("exit %d", code)
	}
	// What was written before Ctrl-C is the answer the next question
	// follows on from, as after Discord's Stop.
	reqs := srv.ChatRequests()
	if len(reqs) < 2 {
		t.Fatalf("%d chat requests", len(reqs))
	}
	var sawStopped bool
	for _, m := range reqs[len(reqs)-1].Messages {
		if m.Role == "assistant" && strings.Contains(m.Content, "They mostly") {
			sawStopped = true
		}
	}
	if !sawStopped {
		t.Errorf("the stopped answer is not in the next question's history: %+v", reqs[len(reqs)-1].Messages)
	}
}

// TestTerminalHelperProcess is the chat run by TestTerminalRestoredOnSIGTERM
// in a process of its own.
func TestTerminalHelperProcess(t *testing.T) {
	if os.Getenv("PAPERBOT_PTY_HELPER") != "1" {
		t.Skip("run by TestTerminalRestoredOnSIGTERM")
	}
	os.Exit(run([]string{"chat"}, os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// TestTerminalRestoredOnSIGTERM kills a chat waiting in raw mode with
// SIGTERM: the terminal must be back in its usual mode afterwards.
func TestTerminalRestoredOnSIGTERM(t *testing.T) {
	c := newPTY(t)
	before := termios(t, c.tty)
	cmd := exec.Command(os.Args[0], "-test.run=^TestTerminalHelperProcess$")
	cmd.Env = append(os.Environ(), "PAPERBOT_PTY_HELPER=1", "DATA_DIR="+t.TempDir())
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.tty, c.tty, c.tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				c.done <- 128 + int(ws.Signal())
				return
			}
		}
		c.done <- cmd.ProcessState.ExitCode()
	}()
	c.expect("\n> ")
	if st := termios(t, c.tty); st.Lflag&unix.ICANON != 0 {
		t.Fatal("the chat's terminal is not in raw mode at the prompt")
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := c.exitCode(); code != 128+int(syscall.SIGTERM) {
		t.Errorf("exit %d, want death by SIGTERM (%d)", code, 128+int(syscall.SIGTERM))
	}
	after := termios(t, c.tty)
	if after.Lflag != before.Lflag || after.Iflag != before.Iflag || after.Oflag != before.Oflag {
		t.Errorf("terminal not restored after SIGTERM: lflag %#x→%#x", before.Lflag, after.Lflag)
	}
}

// TestTerminalCiteContext drives /cite and a suggested question through a
// pseudo-terminal: where the paper cites [N] and its first citing sentence,
// as Discord's /cite shows them.
func TestTerminalCiteContext(t *testing.T) {
	c := startPTYChat(t, testEnv(t), "chat", "--paper", "corpus/testdata/papers/sparse-routing.txt")
	c.expect("\n> ")
	c.typeKeys("/cite 8" + keyEnter)
	c.expect("Cited 3× — §1 Introduction, §2.1 Routed layers, §2.2 Balancing")
	c.expect("“Mixture-of-experts layers route each token to a few experts [8].” (first cited in §1 Introduction)")
	c.expect("\n> ")
	c.typeKeys("/cite 99" + keyEnter)
	c.expect("there is no reference [99]")
	c.expect("\n> ")
	c.typeKeys("/quit" + keyEnter)
	if code := c.exitCode(); code != 0 {
		t.Errorf("exit %d", code)
	}
}
