package lexicon

import (
	"slices"
	"strings"
	"testing"
)

func TestSynonyms(t *testing.T) {
	for _, tc := range []struct {
		stem string
		want []string // must all be present
		not  []string // must all be absent
	}{
		{"car", []string{"automobil", "auto"}, nil},
		{"countri", []string{"nation", "commonwealth"}, nil},
		// Words of many meanings stand for none: "set" is no synonym of "limit".
		{"limit", []string{"restrict"}, []string{"set"}},
		{"idea", []string{"thought"}, nil},
		// The shortest lemma of a stem gives its senses: "author" is the
		// writer, not "authority".
		{"author", []string{"writer"}, []string{"regim"}},
	} {
		got := Synonyms(tc.stem)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("Synonyms(%q) = %v, want %q among them", tc.stem, got, w)
			}
		}
		for _, w := range tc.not {
			if slices.Contains(got, w) {
				t.Errorf("Synonyms(%q) = %v, want no %q", tc.stem, got, w)
			}
		}
		if slices.Contains(got, tc.stem) || !slices.IsSorted(got) {
			t.Errorf("Synonyms(%q) = %v: want sorted, without the stem itself", tc.stem, got)
		}
	}
	if got := Synonyms("qzxv"); got != nil {
		t.Errorf("Synonyms of a non-word = %v, want nil", got)
	}
}

func TestKnown(t *testing.T) {
	for w, want := range map[string]bool{
		"car": true, "walk": true, "mice": true, "went": true, "happi": true,
		"pwoer": false, "waht": false, "": false,
	} {
		if got := Known(w); got != want {
			t.Errorf("Known(%q) = %v, want %v", w, got, want)
		}
	}
	if n := Len(); n < 50000 {
		t.Errorf("Len() = %d, want the whole WordNet vocabulary (> 50,000 stems)", n)
	}
}

func BenchmarkSynonyms(b *testing.B) {
	for b.Loop() {
		Synonyms("countri")
	}
}

func TestFrequency(t *testing.T) {
	// Everyday words are common in running text; an unknown token is not.
	if Frequency("time") < 100 {
		t.Errorf("Frequency(time) = %d, want an everyday word", Frequency("time"))
	}
	if n := Frequency("zzqx"); n != 0 {
		t.Errorf("Frequency(zzqx) = %d, want 0", n)
	}
	// An irregular form counts as its base word: the corpus tags lemmas,
	// and "thrown out" is no rarer than "throw".
	for form, base := range map[string]string{"kept": "keep", "thrown": "throw", "slept": "sleep"} {
		if Frequency(form) != Frequency(base) || Frequency(form) == 0 || NounShare(form) != NounShare(base) {
			t.Errorf("%s: frequency %d, noun share %.2f; want %s's %d, %.2f", form, Frequency(form), NounShare(form), base, Frequency(base), NounShare(base))
		}
	}
}

// TestFindEveryLine looks up every line of both tables by its key, and
// keys that fall before, between and after them.
func TestFindEveryLine(t *testing.T) {
	for name, table := range map[string]string{"synonyms": synonymTable, "frequency": frequencyTable} {
		n := 0
		for _, row := range strings.Split(strings.TrimSuffix(table, "\n"), "\n") {
			k, _, _ := strings.Cut(row, " ")
			if got, ok := find(table, k); !ok || got != row {
				t.Fatalf("%s: find(%q) = %q, %v; want its line", name, k, got, ok)
			}
			if _, ok := find(table, k+"\x00"); ok {
				t.Fatalf("%s: found %q, which is not a key", name, k+"\x00")
			}
			n++
		}
		for _, k := range []string{"", "\x00", "~~~~"} {
			if _, ok := find(table, k); ok {
				t.Errorf("%s: find(%q) found a line", name, k)
			}
		}
		if n < 1000 {
			t.Errorf("%s: %d lines", name, n)
		}
	}
	if _, ok := find("b 1\nd 2\n", "c"); ok {
		t.Error("found a key between two lines")
	}
}

func BenchmarkFrequency(b *testing.B) {
	for b.Loop() {
		Frequency("power")
	}
}

func TestNounShare(t *testing.T) {
	// A thing is tagged mostly as a noun, a describing word hardly ever.
	if s := NounShare("school"); s < 0.9 {
		t.Errorf("NounShare(school) = %.2f, want a noun", s)
	}
	if s := NounShare("huge"); s > 0.1 {
		t.Errorf("NounShare(huge) = %.2f, want an adjective", s)
	}
	if s := NounShare("zzqx"); s != 0 {
		t.Errorf("NounShare(zzqx) = %.2f, want 0", s)
	}
}
