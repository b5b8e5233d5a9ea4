package main

import (
	"bytes"
	"strings"
	"testing"

	"paperbot/corpus/refparse"
)

func TestCompareModelsIdenticalHasNoDiscordantPairs(t *testing.T) {
	m, err := refparse.Default()
	if err != nil {
		t.Fatal(err)
	}
	toks := strings.Fields("Lee, K. 2001. A written example. Journal of Examples, 3, 1-9.")
	labels := []int{0, 0, 6, 1, 1, 1, 2, 2, 2, 3, 5}
	ex := refparse.Example{Raw: strings.Join(toks, " "), Tokens: toks, Labels: labels, Glued: make([]bool, len(toks))}
	var b bytes.Buffer
	compareModels(&b, m, m, []refparse.Example{ex, ex})
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 6 {
		t.Fatalf("got %d lines, want a header and 5 fields:\n%s", len(lines), b.String())
	}
	for _, l := range lines[1:] {
		if f := strings.Fields(l); f[1] != "0" || f[2] != "0" || f[3] != "z=+0.00" {
			t.Errorf("identical models differ: %q", l)
		}
	}
}

func TestSameField(t *testing.T) {
	want := refparse.EvalFields{Surnames: []string{"lee"}, Title: "a", Year: "2001", Venue: "j", DOI: "10.1/x"}
	got := want
	got.Venue = "k"
	for _, f := range []string{"authors", "title", "year", "doi"} {
		if !sameField(f, got, want) {
			t.Errorf("%s: equal fields compared unequal", f)
		}
	}
	if sameField("venue", got, want) {
		t.Error("venue: different venues compared equal")
	}
}
