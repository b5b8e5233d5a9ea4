package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"paperbot/corpus"
	"paperbot/corpus/refparse"
)

// defaultRefSet is the labelled reference file the held-out split is cut from.
const defaultRefSet = "../shared/refparse/train.jsonl"

// runEvalRefs prints the reference parser's per-field accuracy with 95%
// Wilson intervals on labelled references:
// paperbot eval-refs [--split heldout|dev|all] [--parser labeller|corpus] [FILE.jsonl]
func runEvalRefs(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("eval-refs", stderr, "usage: paperbot eval-refs [--split heldout|dev|all] [--parser labeller|corpus] [--model FILE] [FILE.jsonl]")
	parser := fs.String("parser", "labeller", "which parser: labeller (the trained labeller alone) or corpus (the fields the paper reader gives: labeller plus rules)")
	modelFile := fs.String("model", "", "evaluate this model file (written by go generate's -dev-model) instead of the embedded one")
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
	if *modelFile != "" {
		data, err := os.ReadFile(*modelFile)
		if err != nil {
			fmt.Fprintf(stderr, "paperbot eval-refs: %v\n", err)
			return 1
		}
		m, err := refparse.Parse(data)
		if err != nil {
			fmt.Fprintf(stderr, "paperbot eval-refs: %s: %v\n", *modelFile, err)
			return 1
		}
		refparse.UseModel(m)
	}
	var rep refparse.Report
	switch *parser {
	case "labeller":
		m, err := refparse.Default()
		if err != nil {
			fmt.Fprintf(stderr, "paperbot eval-refs: %v\n", err)
			return 1
		}
		rep = refparse.Evaluate(m, exs)
	case "corpus":
		rep = refparse.EvaluateParser(func(raw string) refparse.EvalFields {
			r := corpus.ParseReference(raw)
			return refparse.ComparedParts(r.Authors, r.Title, r.Year, r.Container(), r.DOI)
		}, exs)
	default:
		return usageErr(stderr, "eval-refs: --parser is labeller or corpus")
	}
	fmt.Fprintf(stdout, "reference parser %s on %s (%s split)\n", *parser, file, *split)
	rep.Print(stdout)
	fmt.Fprintln(stdout, strings.TrimSpace(`
authors: F1 over surnames (case- and diacritic-folded); title, venue: exact after
lower-casing and collapsing punctuation (venue without a leading "In"); year: four digits with a/b suffix; doi:
exact, case-insensitive, doi.org links counted. A field counts where the
annotation or the parser has it.`))
	return 0
}
