package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"golang.org/x/term"
)

// lineSource is where the chat reads its lines from.
type lineSource interface {
	// ReadLine shows prompt (when the input is a terminal) and returns the
	// next line without its end; io.EOF when the input ends.
	ReadLine(prompt string) (string, error)
	// Close puts the terminal back as it was.
	Close()
}

// plainLines reads lines from a pipe, a file or a terminal whose output is
// redirected: no prompt, no editing. Escape sequences (an arrow key typed
// into a cooked terminal) are dropped, so they never become a question.
type plainLines struct{ br *bufio.Reader }

func (p *plainLines) ReadLine(string) (string, error) {
	line, err := readLine(p.br)
	return stripEscapes(line), err
}

func (p *plainLines) Close() {}

// readLine reads one line, discarding the rest of a line longer than
// maxLineBytes (the engine then reports the question as too long).
func readLine(br *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		chunk, err := br.ReadSlice('\n')
		if b.Len() < maxLineBytes {
			b.Write(chunk[:min(len(chunk), maxLineBytes-b.Len())])
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return strings.TrimRight(b.String(), "\r\n"), err
	}
}

// stripEscapes removes ANSI escape sequences (ESC [ … final byte, ESC O x,
// ESC x) from s.
func stripEscapes(s string) string {
	if !strings.Contains(s, "\x1b") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != 0x1b {
			b.WriteByte(s[i])
			continue
		}
		switch {
		case i+1 < len(s) && s[i+1] == '[':
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j // the final byte, or past the end
		case i+2 < len(s) && s[i+1] == 'O':
			i += 2
		case i+1 < len(s):
			i++
		}
	}
	return b.String()
}

// ttyLines reads lines from a terminal with editing and history
// (golang.org/x/term): arrows, Home/End, Ctrl-A/E/K/U/W, Up/Down or
// Ctrl-P/N through the session's lines, Tab completes a command. The
// terminal is in raw mode only while a line is being read, and is restored
// when the line ends, when the chat ends, and on SIGTERM or SIGHUP (after
// which the signal is raised again). Ctrl-C clears the line being typed;
// Ctrl-D on an empty line leaves.
type ttyLines struct {
	fd   int
	orig *term.State
	t    *term.Terminal
	sigs chan os.Signal
	done chan struct{}
}

// newTTYLines starts line editing on the terminal in (whose output is out).
func newTTYLines(in, out *os.File, commands []string) (*ttyLines, error) {
	fd := int(in.Fd())
	orig, err := term.GetState(fd)
	if err != nil {
		return nil, fmt.Errorf("terminal state: %w", err)
	}
	l := &ttyLines{fd: fd, orig: orig, sigs: make(chan os.Signal, 1), done: make(chan struct{})}
	l.t = term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{&ctrlCClears{r: in}, out}, "")
	l.t.AutoCompleteCallback = completeCommand(commands)
	signal.Notify(l.sigs, syscall.SIGTERM, syscall.SIGHUP)
	go l.restoreOnSignal()
	return l, nil
}

func (l *ttyLines) restoreOnSignal() {
	select {
	case sig := <-l.sigs:
		_ = term.Restore(l.fd, l.orig)
		signal.Stop(l.sigs)
		if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(sig) == nil {
			return // the default action ends the process
		}
		os.Exit(1)
	case <-l.done:
	}
}

func (l *ttyLines) ReadLine(prompt string) (string, error) {
	st, err := term.MakeRaw(l.fd)
	if err != nil {
		return "", fmt.Errorf("terminal raw mode: %w", err)
	}
	defer term.Restore(l.fd, st)
	if w, h, err := term.GetSize(l.fd); err == nil {
		_ = l.t.SetSize(w, h)
	}
	l.t.SetPrompt(prompt)
	line, err := l.t.ReadLine()
	if errors.Is(err, term.ErrPasteIndicator) { // a pasted line is a line
		err = nil
	}
	if len(line) > maxLineBytes {
		line = line[:maxLineBytes]
	}
	return line, err
}

func (l *ttyLines) Close() {
	signal.Stop(l.sigs)
	close(l.done)
	_ = term.Restore(l.fd, l.orig)
}

// ctrlCClears turns Ctrl-C into Ctrl-E Ctrl-U (end of line, erase to its
// start), so Ctrl-C at the prompt clears the line as in a shell instead of
// ending the chat (x/term reads Ctrl-C as end of input).
type ctrlCClears struct {
	r       io.Reader
	pending []byte
}

func (c *ctrlCClears) Read(p []byte) (int, error) {
	if len(c.pending) == 0 {
		buf := make([]byte, len(p))
		n, err := c.r.Read(buf)
		for _, b := range buf[:n] {
			if b == 3 {
				c.pending = append(c.pending, 5, 21)
			} else {
				c.pending = append(c.pending, b)
			}
		}
		if len(c.pending) == 0 {
			return 0, err
		}
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	return n, nil
}

// completeCommand completes a slash command on Tab: the whole name when
// one command fits, their common prefix when several do.
func completeCommand(commands []string) func(string, int, rune) (string, int, bool) {
	return func(line string, pos int, key rune) (string, int, bool) {
		if key != '\t' || !strings.HasPrefix(line, "/") || strings.ContainsRune(line, ' ') || pos != len(line) {
			return "", 0, false
		}
		var fits []string
		for _, c := range commands {
			if strings.HasPrefix(c, strings.ToLower(line)) {
				fits = append(fits, c)
			}
		}
		switch len(fits) {
		case 0:
			return "", 0, false
		case 1:
			return fits[0] + " ", len(fits[0]) + 1, true
		}
		slices.Sort(fits)
		common := fits[0]
		for _, f := range fits[1:] {
			for !strings.HasPrefix(f, common) {
				common = common[:len(common)-1]
			}
		}
		return common, len(common), true
	}
}
