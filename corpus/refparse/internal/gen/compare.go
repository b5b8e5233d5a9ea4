package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"paperbot/corpus/refparse"
)

// compareModels prints, per field, on how many development references
// exactly one of two models is right (the discordant pairs) and the sign
// test's z for the difference, so that a change in a score can be told
// from noise: |z| < 2 is not a real difference at the 5% level. Authors are
// compared as the whole surname list of a reference.
func compareModels(w io.Writer, base, cand *refparse.Model, exs []refparse.Example) {
	type tally struct{ candOnly, baseOnly int }
	fields := []string{"authors", "title", "year", "venue", "doi"}
	t := make([]tally, len(fields))
	for i := range exs {
		want := refparse.Compared(refparse.GoldFields(&exs[i]))
		b := refparse.Compared(base.Label(exs[i].Raw).Fields())
		c := refparse.Compared(cand.Label(exs[i].Raw).Fields())
		for f, name := range fields {
			bOK, cOK := sameField(name, b, want), sameField(name, c, want)
			switch {
			case cOK && !bOK:
				t[f].candOnly++
			case bOK && !cOK:
				t[f].baseOnly++
			}
		}
	}
	fmt.Fprintf(w, "paired vs baseline (%d references): field, right only with new, right only with baseline, sign-test z\n", len(exs))
	for f, name := range fields {
		n := t[f].candOnly + t[f].baseOnly
		z := 0.0
		if n > 0 {
			z = float64(t[f].candOnly-t[f].baseOnly) / math.Sqrt(float64(n))
		}
		fmt.Fprintf(w, "%-8s %5d %5d   z=%+.2f\n", name, t[f].candOnly, t[f].baseOnly, z)
	}
}

func sameField(name string, got, want refparse.EvalFields) bool {
	switch name {
	case "authors":
		return slices.Equal(got.Surnames, want.Surnames)
	case "title":
		return got.Title == want.Title
	case "year":
		return got.Year == want.Year
	case "venue":
		return got.Venue == want.Venue
	}
	return got.DOI == want.DOI
}

func loadModel(path string) (*refparse.Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open baseline model: %w", err)
	}
	defer f.Close()
	m, err := refparse.Load(f)
	if err != nil {
		return nil, fmt.Errorf("load baseline model %s: %w", path, err)
	}
	return m, nil
}
