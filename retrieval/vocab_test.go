package retrieval

import (
	"math/rand/v2"
	"strings"
	"testing"

	"paperbot/corpus"
)

// seedVocabulary is the vocabulary of the default paper's passages.
func seedVocabulary(t testing.TB) *Vocabulary {
	t.Helper()
	var texts []string
	for _, p := range PassagesFor(corpus.Default()) {
		texts = append(texts, indexText(p))
	}
	return NewVocabulary(texts)
}

func TestDamerau(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"power", "power", 0},
		{"pwoer", "power", 1}, // transposition
		{"powr", "power", 1},  // deletion
		{"powerr", "power", 1},
		{"pover", "power", 1},
		{"govenrmnet", "government", 2},
		{"abc", "xyz", 3},
		{"", "abc", 3},
	} {
		if got := damerau(c.a, c.b, 10); got != c.want {
			t.Errorf("damerau(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := damerau(c.a, c.b, 1); c.want >= 1 && got != 1 {
			t.Errorf("damerau(%q, %q, limit 1) = %d, want the limit", c.a, c.b, got)
		}
	}
}

func TestCorrect(t *testing.T) {
	v := NewVocabulary([]string{
		"Soft power is the power to attract. Government policy and power politics.",
		"Kyrgyzstan and Kazakhstan signed agreements; cultural diplomacy grew.",
	})
	for _, c := range []struct {
		in, want string // want "" = left alone
	}{
		{"pwoer", "power"},
		{"waht", "what"},             // a stop word the paper need not use
		{"govenrment", "government"}, // two edits in a long word
		{"kyrgystan", "kyrgyzstan"},  // one deletion
		{"diplomcay", "diplomacy"},   // transposition
		{"power", ""},                // in the paper
		{"bread", ""},                // an English word the paper lacks
		{"powers", ""},               // same stem as a paper word
		{"pwr", ""},                  // too short
		{"xqzvbnm", ""},              // nothing near
		{"agremeents", "agreements"}, // two edits
		{"cultrual", "cultural"},     // transposition in a long word
		{"pwoerr", ""},               // two edits in a short word
	} {
		got, ok := v.Correct(c.in)
		if ok != (c.want != "") || got != c.want {
			t.Errorf("Correct(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

func TestCorrectPrefersFrequent(t *testing.T) {
	v := NewVocabulary([]string{"trade trade trade tread"})
	if got, _ := v.Correct("trxde"); got != "trade" {
		t.Errorf("Correct(trxde) = %q, want the frequent trade", got)
	}
}

func BenchmarkCorrect(b *testing.B) {
	v := seedVocabulary(b)
	for b.Loop() {
		v.Correct("infleunce")
	}
}

// BenchmarkCorrect20k corrects a typo against a 20,000-word vocabulary of
// pseudo-words, the size of a long paper's.
func BenchmarkCorrect20k(b *testing.B) {
	ws := synthVocab(20000, rand.New(rand.NewPCG(1, 2)))
	v := NewVocabulary([]string{strings.Join(ws, " ")})
	w := []byte(ws[len(ws)/2])
	w[1], w[2] = w[2], w[1]
	typo := string(w)
	for b.Loop() {
		v.Correct(typo)
	}
}

func TestCorrectPrefersTransposition(t *testing.T) {
	v := NewVocabulary([]string{"min min min min main"})
	if got, _ := v.Correct("mian"); got != "main" {
		t.Errorf("Correct(mian) = %q, want main (two letters swapped)", got)
	}
}
