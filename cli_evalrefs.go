package main

import (
	"fmt"
	"io"
	"strings"

	"paperbot/corpus/refparse"
)

// defaultRefSet is the labelled reference file the held-out split is cut from.
const defaultRefSet = "../shared/refparse/train.jsonl"

// runEvalRefs prints the reference parser's per-field accuracy with 95%
// Wilson intervals on labelled references:
// paperbot eval-refs [--split heldout|dev|all] [FILE.jsonl]
func runEvalRefs(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("eval-refs", stderr, "usage: paperbot eval-refs [--split heldout|dev|all] [FILE.jsonl]")
	split := fs.String("split", "heldout", "which references of the file: heldout (the fixed held-out split of the training file), dev (the tuning slice of its training side) or all")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) > 1 {
		return usageErr(stderr, "eval-refs: give at most one labelled file")
	}
	file := defaultRefSet
	if len(pos) == 1 {
		file = pos[0]
	}
	all, err := refparse.ReadExamplesFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "paperbot eval-refs: %v\n", err)
		return 1
	}
	sp := refparse.DefaultSplit()
	var exs []refparse.Example
	switch *split {
	case "all":
		exs = all
	case "heldout", "dev":
		for i := range all {
			if *split == "heldout" && sp.HeldOut(&all[i]) || *split == "dev" && sp.Dev(&all[i]) {
				exs = append(exs, all[i])
			}
		}
		if len(exs) == 0 {
			fmt.Fprintf(stderr, "paperbot eval-refs: no references of %s are in the %s split (not the training file?); use --split all\n", file, *split)
			return 1
		}
	default:
		return usageErr(stderr, "eval-refs: --split is heldout, dev or all")
	}
	m, err := refparse.Default()
	if err != nil {
		fmt.Fprintf(stderr, "paperbot eval-refs: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "reference parser on %s (%s split)\n", file, *split)
	rep := refparse.Evaluate(m, exs)
	rep.Print(stdout)
	fmt.Fprintln(stdout, strings.TrimSpace(`
authors: F1 over surnames (case- and diacritic-folded); title, venue: exact after
lower-casing and collapsing punctuation; year: four digits with a/b suffix; doi:
exact, case-insensitive, doi.org links counted. A field counts where the
annotation or the parser has it.`))
	return 0
}
