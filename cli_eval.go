package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"paperbot/retrieval"
	"paperbot/retrieval/answer"
)

// runEval prints retrieval quality on an evaluation set:
// paperbot eval [--compare] [--mode M] [--paper FILE | --corpus DIR] [--paper-id ID] [-v] FILE.jsonl
func runEval(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := newFlagSet("eval", stderr, "usage: paperbot eval [--compare] [--mode hybrid|lexical|vector] [--paper FILE | --corpus DIR] [-v] FILE.jsonl")
	compare := fs.Bool("compare", false, "compare hybrid, BM25-only and vector-only ranking side by side")
	modeFlag := fs.String("mode", "hybrid", "ranking mode: hybrid, lexical or vector")
	paper := fs.String("paper", "", "evaluate on this paper file")
	corpusDir := fs.String("corpus", "", "evaluate on the papers in this directory")
	paperID := fs.String("paper-id", "", "the paper the questions are about (default: the default paper)")
	verbose := fs.Bool("v", false, "list the misses")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) != 1 {
		return usageErr(stderr, "eval: give one evaluation file, e.g. paperbot eval testdata/eval.jsonl")
	}
	mode, err := retrieval.ParseMode(*modeFlag)
	if err != nil {
		return usageErr(stderr, "eval: "+err.Error())
	}
	if *paper != "" && *corpusDir != "" {
		return usageErr(stderr, "eval: give --paper or --corpus, not both")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "paperbot eval: %v\n", err)
		return 1
	}
	cases, err := answer.ReadEvalSet(f)
	f.Close()
	if err != nil {
		fmt.Fprintf(stderr, "paperbot eval: %s: %v\n", pos[0], err)
		return 1
	}
	if len(cases) == 0 {
		fmt.Fprintf(stderr, "paperbot eval: %s has no questions\n", pos[0])
		return 1
	}
	cfg, logger, code := loadConfig(getenv, stderr)
	if code != 0 {
		return code
	}
	ctx := context.Background()
	eng, _, err := buildEngineFrom(ctx, cfg, logger, engineSource{PaperFile: *paper, CorpusDir: *corpusDir, Offline: true})
	if err != nil {
		return runtimeErr(stderr, "eval", err)
	}
	modes := []retrieval.Mode{mode}
	if *compare {
		modes = retrieval.Modes
	}
	var results []answer.EvalResult
	for _, m := range modes {
		r, err := eng.Evaluate(ctx, *paperID, cases, m)
		if err != nil {
			return runtimeErr(stderr, "eval", err)
		}
		results = append(results, r)
	}
	writeEvalTable(stdout, pos[0], results)
	if *verbose {
		for _, r := range results {
			writeMisses(stdout, r)
		}
	}
	return 0
}

// writeEvalTable prints one row per ranking mode.
func writeEvalTable(w io.Writer, file string, results []answer.EvalResult) {
	r0 := results[0]
	fmt.Fprintf(w, "%s: %d questions with references, %d the paper does not cover\n", file, r0.Answerable, r0.Unanswerable)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "mode\thit@1\thit@5\trecall@5\tMRR\tabstention acc.\twrong answers\twrong abstentions")
	for _, r := range results {
		name := string(r.Mode)
		if r.Mode == retrieval.LexicalOnly {
			name = "lexical (BM25)"
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%d/%d\t%d/%d\n", name, r.Hit1, r.Hit5, r.Recall5, r.MRR, r.AbstainAcc,
			r.FalseAnswers, r.Unanswerable, r.FalseAbstentions, r.Answerable)
	}
	tw.Flush()
}

func writeMisses(w io.Writer, r answer.EvalResult) {
	fmt.Fprintf(w, "\nmisses (%s):\n", r.Mode)
	for _, m := range r.Misses {
		want := "abstain"
		if len(m.Want) > 0 {
			want = fmt.Sprint(m.Want)
		}
		fmt.Fprintf(w, "  %-60s want %s, got %v, abstained %v\n", strings.TrimSpace(m.Q), want, m.Got, m.Abstained)
	}
}
