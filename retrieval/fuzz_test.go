package retrieval

import (
	"math"
	"testing"
)

// FuzzText checks that any input, in any script or none, tokenises, yields
// URL words and embeds to a unit vector without panicking.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "Nye soft power", "🙂", "中国的软实力", "Кыргызстан", "https://ru.sputnik.kg/2023/kyrgyzstan-kitaj", "\xff\xfe", "a-b_c.d/e?f=g#h", "%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = terms(s)
		_ = URLWords(s)
		v := hashEmbed(s, 32)
		var n float64
		for _, x := range v {
			n += float64(x) * float64(x)
		}
		if math.Abs(n-1) > 1e-4 {
			t.Fatalf("%q: squared norm %v", s, n)
		}
	})
}
