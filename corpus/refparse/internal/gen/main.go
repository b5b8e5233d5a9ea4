// Command gen writes the refparse split definition and trained weights from
// the labelled references in ../shared/refparse/train.jsonl. It is run by
// `go generate ./corpus/...` from the corpus/refparse directory.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"paperbot/corpus/refparse"
)

func main() {
	data := flag.String("data", "../../../shared/refparse/train.jsonl", "labelled references (JSON lines)")
	writeSplit := flag.Bool("write-split", false, "write split.txt from the split rule (done once, before training code was tuned)")
	flag.Parse()
	if err := run(*data, *writeSplit); err != nil {
		slog.Error("refparse gen", "err", err)
		os.Exit(1)
	}
}

func run(data string, writeSplit bool) error {
	start := time.Now()
	all, err := refparse.ReadExamplesFile(data)
	if err != nil {
		return err
	}
	var split bytes.Buffer
	if err := refparse.WriteSplit(&split, all); err != nil {
		return err
	}
	if writeSplit {
		if err := os.WriteFile("split.txt", split.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write split: %w", err)
		}
		slog.Info("wrote split.txt", "took", time.Since(start))
		return nil
	}
	old, err := os.ReadFile("split.txt")
	if err != nil {
		return fmt.Errorf("read split: %w", err)
	}
	if !bytes.Equal(old, split.Bytes()) {
		return fmt.Errorf("split.txt differs from what the split rule gives for %s; the split is fixed, not regenerated", data)
	}
	return nil
}
