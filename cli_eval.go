package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"paperbot/retrieval/answer"
)

// defaultEvalFile is the held-out evaluation set.
const defaultEvalFile = "testdata/eval/heldout.jsonl"

// runEval prints answer-level accuracy on an evaluation set, per question
// type with 95% Wilson intervals, next to a plain BM25 baseline that never
// declines: paperbot eval [-v] [--root DIR] [FILE.jsonl]
func runEval(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := newFlagSet("eval", stderr, "usage: paperbot eval [-v] [--root DIR] [FILE.jsonl] (default "+defaultEvalFile+")")
	verbose := fs.Bool("v", false, "list the wrong answers")
	root := fs.String("root", ".", "repository root that paper paths in the file are relative to")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) > 1 {
		return usageErr(stderr, "eval: give at most one evaluation file, e.g. paperbot eval testdata/eval/tune.jsonl")
	}
	file := defaultEvalFile
	if len(pos) == 1 {
		file = pos[0]
	}
	cases, err := loadEvalSet(file)
	if err != nil {
		fmt.Fprintf(stderr, "paperbot eval: %v\n", err)
		return 1
	}
	_, logger, code := loadConfig(getenv, stderr)
	if code != 0 {
		return code
	}
	ctx := context.Background()
	rep, base, skipped, err := evaluate(ctx, *root, cases, answer.Options{Logger: logger})
	if err != nil {
		return runtimeErr(stderr, "eval", err)
	}
	for _, s := range skipped {
		fmt.Fprintln(stdout, "skipped:", s)
	}
	writeReport(stdout, file, rep, base)
	if *verbose {
		writeMisses(stdout, rep)
	}
	return 0
}

// loadEvalSet reads an evaluation set; an empty one is an error.
func loadEvalSet(path string) ([]answer.EvalCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cases, err := answer.ReadEvalSet(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("%s has no questions", path)
	}
	return cases, nil
}

// evaluate answers the cases offline with the engine and the baseline.
// Questions about papers that cannot be read are left out and listed in
// skipped.
func evaluate(ctx context.Context, root string, cases []answer.EvalCase, opt answer.Options) (rep, base answer.Report, skipped []string, err error) {
	env, err := answer.NewEvalEnv(ctx, root, cases, opt)
	if err != nil {
		return rep, base, nil, err
	}
	for spec, e := range env.Unreadable {
		n := 0
		for _, c := range cases {
			if c.Paper == spec {
				n++
			}
		}
		skipped = append(skipped, fmt.Sprintf("%d questions on %s (unreadable: %v)", n, spec, e))
	}
	sort.Strings(skipped)
	cases = env.Usable(cases)
	got, err := env.Run(ctx, cases, false)
	if err != nil {
		return rep, base, skipped, err
	}
	bl, err := env.Run(ctx, cases, true)
	if err != nil {
		return rep, base, skipped, err
	}
	return answer.Tally(cases, got), answer.Tally(cases, bl), skipped, nil
}

// writeReport prints one row per question type and the overall line.
func writeReport(w io.Writer, file string, rep, base answer.Report) {
	fmt.Fprintf(w, "%s: %d questions (%d answerable, %d off-paper)\n", file, rep.Overall.N, rep.Answerable, rep.OffPaper)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "type\tn\taccuracy\t95% CI\tBM25 baseline")
	row := func(s, b answer.Score) {
		lo, hi := s.Interval()
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t[%.3f, %.3f]\t%.3f\n", s.Group, s.N, s.Rate(), lo, hi, b.Rate())
	}
	for _, s := range rep.ByType {
		row(s, base.TypeScore(s.Group))
	}
	row(rep.Overall, base.Overall)
	tw.Flush()
	if rep.Answerable > 0 {
		fmt.Fprintf(w, "wrong declines: %d/%d answerable (%.1f%%)\n", rep.WrongDeclines, rep.Answerable, 100*float64(rep.WrongDeclines)/float64(rep.Answerable))
	}
	if rep.OffPaper > 0 {
		fmt.Fprintf(w, "off-paper declined: %d/%d (%.1f%%)\n", rep.OffDeclined, rep.OffPaper, 100*float64(rep.OffDeclined)/float64(rep.OffPaper))
	}
}

func writeMisses(w io.Writer, rep answer.Report) {
	fmt.Fprintf(w, "\nwrong answers (%d):\n", len(rep.Misses))
	for _, m := range rep.Misses {
		want := "decline"
		if !m.Case.ShouldDecline() {
			want = fmt.Sprintf("refs %v phrases %q", m.Case.Refs, m.Case.Phrases)
		}
		fmt.Fprintf(w, "- [%s %s] %s\n  want %s; %s\n  got: %s\n", m.Case.Type, m.Case.ID, strings.TrimSpace(m.Case.Q), want, m.Why,
			strings.ReplaceAll(m.Answer, "\n", " / "))
	}
}
