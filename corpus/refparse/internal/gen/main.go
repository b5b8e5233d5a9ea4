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
	"strings"
	"time"

	"paperbot/corpus/refparse"
)

func main() {
	data := flag.String("data", "../../../shared/refparse/train.jsonl", "labelled references (JSON lines)")
	writeSplit := flag.Bool("write-split", false, "write split.txt from the split rule (done once, before training code was tuned)")
	dev := flag.Bool("dev", false, "train without the development slice and print its scores (tuning); writes nothing")
	devOut := flag.String("dev-model", "", "with -dev, also write the model trained without the development slice to this file (for eval-refs --model)")
	baseline := flag.String("dev-baseline", "", "with -dev, compare with this model (written by -dev-model before a change) reference by reference")
	epochs := flag.Int("epochs", refparse.DefaultTrainOptions.Epochs, "perceptron epochs (tuning with -dev; the embedded model uses the default)")
	flag.Parse()
	refparse.DefaultTrainOptions.Epochs = *epochs
	if err := run(*data, *writeSplit, *dev, *devOut, *baseline); err != nil {
		slog.Error("refparse gen", "err", err)
		os.Exit(1)
	}
}

func run(data string, writeSplit, dev bool, devOut, baseline string) error {
	start := time.Now()
	all, err := refparse.ReadExamplesFile(data)
	if err != nil {
		return err
	}
	var split bytes.Buffer
	if !dev {
		if err := refparse.WriteSplit(&split, all); err != nil {
			return err
		}
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
	if !dev && !bytes.Equal(old, split.Bytes()) {
		return fmt.Errorf("split.txt differs from what the split rule gives for %s; the split is fixed, not regenerated", data)
	}
	sp := refparse.DefaultSplit()
	var train, devSet []refparse.Example
	for i := range all {
		switch {
		case dev && sp.Dev(&all[i]):
			devSet = append(devSet, all[i])
		case sp.Train(&all[i]):
			train = append(train, all[i])
		}
	}
	opt := refparse.DefaultTrainOptions
	t0 := time.Now()
	m := refparse.Train(train, opt)
	slog.Info("trained", "examples", len(train), "took", time.Since(t0))
	if dev {
		if devOut != "" {
			var b bytes.Buffer
			if err := m.Write(&b); err != nil {
				return err
			}
			if err := os.WriteFile(devOut, b.Bytes(), 0o644); err != nil {
				return fmt.Errorf("write dev model: %w", err)
			}
		}
		rep := refparse.Evaluate(m, devSet)
		rep.Print(os.Stdout)
		if baseline != "" {
			base, err := loadModel(baseline)
			if err != nil {
				return err
			}
			compareModels(os.Stdout, base, m, devSet)
		}
		if show := os.Getenv("REFPARSE_SHOW"); show != "" {
			showErrors(m, devSet, show)
		}
		for _, t := range []float64{16, 32, 64, 128, 256} {
			fmt.Printf("temp %g: dev token log loss %.4f\n", t, refparse.TokenLogLoss(m, devSet, t))
		}
		return nil
	}
	var out bytes.Buffer
	if err := m.Write(&out); err != nil {
		return err
	}
	if err := os.WriteFile("model.bin", out.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	slog.Info("wrote model.bin", "bytes", out.Len(), "took", time.Since(start))
	return nil
}

func showErrors(m *refparse.Model, exs []refparse.Example, field string) {
	shown := 0
	cats := map[string]int{}
	defer func() { fmt.Println(cats) }()
	for i := range exs {
		got := refparse.Compared(m.Label(exs[i].Raw).Fields())
		want := refparse.Compared(refparse.GoldFields(&exs[i]))
		var g, w string
		switch field {
		case "title":
			g, w = got.Title, want.Title
		case "venue":
			g, w = got.Venue, want.Venue
		case "year":
			g, w = got.Year, want.Year
		case "doi":
			g, w = got.DOI, want.DOI
		}
		grp := exs[i].Source[strings.LastIndex(exs[i].Source, "/")+1:]
		if strings.Contains(grp, "training") {
			grp = "grobid-articles"
		}
		if g != "" || w != "" {
			cats[grp+" n"]++
		}
		if g != w {
			switch {
			case g == "":
				cats[grp+" missing"]++
			case w == "":
				cats[grp+" spurious"]++
			default:
				cats[grp+" differ"]++
			}
		}
		if g != w && shown < 40 && os.Getenv("REFPARSE_QUIET") == "" {
			shown++
			fmt.Printf("%s\n  got  %q\n  want %q\n", exs[i].Raw, g, w)
		}
	}
}
