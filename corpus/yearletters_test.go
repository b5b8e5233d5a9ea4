package corpus

import (
	"strings"
	"testing"
)

func TestLetterYears(t *testing.T) {
	refs := []Reference{
		{N: 1, Authors: []string{"Osei, K.", "Lind, M."}, Year: "2021", Title: "Tidal marshes"},
		{N: 2, Authors: []string{"Osei, K.", "Lind, M."}, Year: "2021", Title: "Carbon burial rates"},
		{N: 3, Authors: []string{"Osei, K.", "Lind, M."}, Year: "2021", Title: "Carbon burial rates", URL: "https://x.example/a"},
		{N: 4, Authors: []string{"Osei, K.", "Brandt, P."}, Year: "2021", Title: "Another pair"},
		{N: 5, Authors: []string{"Osei, A."}, Year: "2021", Title: "Another Osei"},
		{N: 6, Authors: []string{"Osei, A."}, Year: "n.d.", Title: "Undated"},
		{N: 7, Authors: []string{"Osei, A."}, Year: "n.d.", Title: "Undated two"},
	}
	refs[2].DuplicateOf = 2 // same work as [2]
	notes := letterYears(refs)
	want := map[int]string{1: "2021b", 2: "2021a", 3: "2021a", 4: "2021", 5: "2021", 6: "n.d.", 7: "n.d."}
	for _, r := range refs {
		if r.Year != want[r.N] {
			t.Errorf("[%d] year %q, want %q", r.N, r.Year, want[r.N])
		}
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "[2] 2021a, [1] 2021b") {
		t.Errorf("notes = %q", notes)
	}
	if s := refs[0].Short(); !strings.HasPrefix(s, "Osei & Lind 2021b,") {
		t.Errorf("Short = %q", s)
	}
	if apa := FormatRef(StyleAPA, &Paper{References: refs}, &refs[0]); !strings.Contains(apa, "(2021b).") {
		t.Errorf("APA = %q", apa)
	}
	if ieee := FormatRef(StyleIEEE, &Paper{References: refs}, &refs[0]); strings.Contains(ieee, "2021b") {
		t.Errorf("IEEE letters years: %q", ieee)
	}
}

// The default paper's [18] and [19] are one entry printed twice (with the
// paper's own "2023a" and "2023b"): letterYears adds no letter to them or
// to anything else in it, so every lettered year is the one printed.
func TestLetterYearsDefaultPaper(t *testing.T) {
	for _, r := range Default().References {
		if yearBase(r.Year) != r.Year && !strings.Contains(r.Raw, "("+r.Year+")") {
			t.Errorf("[%d] lettered %q, not as printed: %s", r.N, r.Year, r.Raw)
		}
		for _, n := range r.Notes {
			if strings.Contains(n, "year lettered") {
				t.Errorf("[%d] note %q", r.N, n)
			}
		}
	}
}
