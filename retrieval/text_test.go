package retrieval

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	cases := map[string][]string{
		"China's soft-power, in 2023!": {"china", "s", "soft", "power", "in", "2023"},
		"Кыргызстан и Китай":           {"кыргызстан", "и", "китай"},
		"中国 软实力":                       {"中国", "软实力"},
		"🙂🙂 ?!":                        nil,
		"":                             nil,
	}
	for in, want := range cases {
		if got := words(in); !slices.Equal(got, want) {
			t.Errorf("words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTerms(t *testing.T) {
	cases := map[string][]string{
		"What does the paper say about China's soft power?": {"china", "soft", "power"},
		"Explain what the study shows, in simple terms":     {"simpl", "term"},
		"Thinking of markets":                               {"market"},
		"Are China and Russia competing there?":             {"china", "russia", "compet"},
		"relations, related, relating":                      {"relat", "relat", "relat"},
		"Retrieved 17 April 2024 from https://www.x.com":    {"17", "april", "2024"},
		"the of and": nil,
	}
	for in, want := range cases {
		if got := terms(in); !slices.Equal(got, want) {
			t.Errorf("terms(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestURLWords(t *testing.T) {
	cases := map[string][]string{
		"https://ru.sputnik.kg/20230522/kyrgyzstan-kitaj-gosvizit-zhaparov-itogi-ehkonomika-1075540827.html":              {"sputnik", "kyrgyzstan", "kitaj", "gosvizit", "zhaparov", "itogi", "ehkonomika"},
		"https://breip.imsilkroad.com/auth/guide/about?idh=pnMmAjEwY5zdwvJ410eL":                                          {"breip", "imsilkroad", "about"},
		"https://www.gov.kz/uploads/2023/5/19/c25faf8a48a661ed145d0db9acb20db3_original.18748.docx":                       {"original"},
		"https://doi.org/10.1080/2158379X.2021.1879572":                                                                   {"doi"},
		"https://news.cgtn.com/news/2023-05-20/Three-takeaways-from-the-China-Central-Asia-Summit-1jXfehTxA0E/index.html": {"cgtn", "three", "takeaways", "from", "the", "china", "central", "asia", "summit"},
		"":                 nil,
		"not a url at all": {"not", "url", "all"},
	}
	for in, want := range cases {
		if got := URLWords(in); !slices.Equal(got, want) {
			t.Errorf("URLWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// British and American spellings of a word are one index term; short
// words ending in -ise are left alone.
func TestStemSpellingVariants(t *testing.T) {
	for _, pair := range [][2]string{{"normalised", "normalized"}, {"randomisation", "randomization"}, {"analysed", "analyzed"}, {"organising", "organizing"}} {
		if a, b := Stem(pair[0]), Stem(pair[1]); a != b {
			t.Errorf("Stem(%q) = %q, Stem(%q) = %q; want one stem", pair[0], a, pair[1], b)
		}
	}
	for _, w := range []string{"rise", "wise", "noise", "raise"} {
		if got := americanSpelling(w); got != w {
			t.Errorf("americanSpelling(%q) = %q, want it unchanged", w, got)
		}
	}
}
