package refparse

import (
	"fmt"
	"testing"
)

func TestSplitAuthors(t *testing.T) {
	cases := []struct {
		in   string
		want string // family|given; ...
		etAl bool
	}{
		{"Smith, J.", "Smith|J.", false},
		{"J. Smith", "Smith|J.", false},
		{"Smith J", "Smith|J", false},
		{"SMITH, J.", "SMITH|J.", false},
		{"Smith, John and Lee, K.", "Smith|John; Lee|K.", false},
		{"Romero, C., Paunesku, D., & Dweck, C.", "Romero|C.; Paunesku|D.; Dweck|C.", false},
		{"Haeussler C, Rake B", "Haeussler|C; Rake|B", false},
		{"Gurevitch J, Koricheva J, Stewart G, et al.", "Gurevitch|J; Koricheva|J; Stewart|G", true},
		{"V. Aynutdinov et al.", "Aynutdinov|V.", true},
		{"Huxley, Aldous.", "Huxley|Aldous", false},
		{"A. Vaswani, N. Shazeer, and N. Parmar", "Vaswani|A.; Shazeer|N.; Parmar|N.", false},
		{"World Health Organization", "World Health Organization|", false},
		{"Ministry of Foreign Affairs", "Ministry of Foreign Affairs|", false},
		{"National Academies of Sciences, Engineering, and Medicine", "National Academies of Sciences, Engineering, and Medicine|", false},
		{"Department of Health, Education, and Welfare", "Department of Health, Education, and Welfare|", false},
		{"World Health Organization, Smith, J.", "World Health Organization|; Smith|J.", false},
		{"Nye, Joseph S., Jr.", "Nye|Joseph S.", false},
		{"van der Berg AB, de la Cruz M", "van der Berg|AB; de la Cruz|M", false},
		{"John Smith and Mary Ann Lee", "Smith|John; Lee|Mary Ann", false},
	}
	for _, c := range cases {
		names, etAl := SplitAuthors(c.in)
		got := ""
		for i, n := range names {
			if i > 0 {
				got += "; "
			}
			got += fmt.Sprintf("%s|%s", n.Family, n.Given)
		}
		if got != c.want || etAl != c.etAl {
			t.Errorf("SplitAuthors(%q) = %q etAl=%v, want %q etAl=%v", c.in, got, etAl, c.want, c.etAl)
		}
	}
}

func TestSurnameFolds(t *testing.T) {
	if got := Surname("Gödel-Müller"); got != "godelmuller" {
		t.Errorf("Surname = %q", got)
	}
}

func TestTokenizeSplitsGluedFields(t *testing.T) {
	var got []string
	for _, tk := range Tokenize("Lancet 2000;7:234-245. doi:10.1/x,y") {
		got = append(got, tk.Text)
	}
	want := []string{"Lancet", "2000;", "7:", "234-245.", "doi:10.1/x,y"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("tokens %q, want %q", got, want)
	}
}

func TestWilson(t *testing.T) {
	lo, hi := Score{Hits: 90, N: 100}.Wilson()
	if lo < 0.82 || lo > 0.83 || hi < 0.94 || hi > 0.95 {
		t.Errorf("Wilson(90/100) = [%.3f, %.3f], want about [0.826, 0.945]", lo, hi)
	}
}

// Russian "и" joins two authors as "and" does (Go's \b is ASCII, so it
// needs its own boundary).
func TestRussianAnd(t *testing.T) {
	names, _ := SplitAuthors("Иванов И. И. и Петров П. П.")
	if len(names) != 2 {
		t.Errorf("got %d names: %+v", len(names), names)
	}
	names, _ = SplitAuthors("Кузьми Н.")
	if len(names) != 1 {
		t.Errorf("a name ending in и split: %+v", names)
	}
}
