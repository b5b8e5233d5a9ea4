package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"
)

// runIndex builds or refreshes the index file: paperbot index [--corpus DIR].
// A terminal gets a progress bar; otherwise one summary line is printed.
func runIndex(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := newFlagSet("index", stderr, "usage: paperbot index [--corpus DIR]")
	corpusDir := fs.String("corpus", "", "index the papers in this directory (default CORPUS_DIR, else the built-in paper)")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() > 0 {
		return usageErr(stderr, "index: unexpected arguments "+strings.Join(fs.Args(), " "))
	}
	cfg, logger, code := loadConfig(getenv, stderr)
	if code != 0 {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	bar := &progressBar{w: stderr, on: isTerminal(stderr)}
	_, st, err := buildEngineFrom(ctx, cfg, logger, engineSource{CorpusDir: *corpusDir, Offline: true, Strict: true, CheckAll: true, Progress: bar.update})
	bar.done()
	if err != nil {
		return runtimeErr(stderr, "index", err)
	}
	where := st.Path
	if where == "" {
		where = "memory only (the data directory is not writable)"
	}
	fmt.Fprintf(stdout, "indexed %d paper(s): %d passages, %d newly embedded, %s; index: %s\n",
		st.Papers, st.Passages, st.Embedded, time.Since(start).Round(time.Millisecond), where)
	return 0
}

// progressBar draws "[=====>     ] 120/470" on a terminal, throttled.
type progressBar struct {
	w     io.Writer
	on    bool
	last  time.Time
	drawn bool
}

func (b *progressBar) update(done, total int) {
	if !b.on || total == 0 || (done < total && time.Since(b.last) < 100*time.Millisecond) {
		return
	}
	b.last = time.Now()
	const width = 30
	fill := done * width / total
	bar := strings.Repeat("=", fill) + strings.Repeat(" ", width-fill)
	if fill < width {
		bar = strings.Repeat("=", fill) + ">" + strings.Repeat(" ", width-fill-1)
	}
	fmt.Fprintf(b.w, "\rembedding [%s] %d/%d", bar, done, total)
	b.drawn = true
}

func (b *progressBar) done() {
	if b.drawn {
		fmt.Fprintln(b.w)
	}
}
