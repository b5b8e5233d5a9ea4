package retrieval

import (
	"context"
	"math"
	"strings"
	"testing"
)

func norm(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func TestHashEmbedder(t *testing.T) {
	embed := HashEmbedder(DefaultDim)
	ctx := context.Background()
	texts := []string{"China's soft power in Central Asia", "", "🙂", "中国", "Кыргызстан", strings.Repeat("longword ", 300) + strings.Repeat("é", 200)}
	for _, s := range texts {
		v, err := embed(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if len(v) != DefaultDim {
			t.Fatalf("%q: dim %d", s, len(v))
		}
		if n := norm(v); math.Abs(n-1) > 1e-5 {
			t.Errorf("%q: norm %v, want 1", s, n)
		}
		w, _ := embed(ctx, s)
		if cosine(v, w) < 0.999999 {
			t.Errorf("%q: not deterministic", s)
		}
	}
	sim := func(a, b string) float64 {
		va, _ := embed(ctx, a)
		vb, _ := embed(ctx, b)
		return cosine(va, vb)
	}
	if near, far := sim("Kyrgyz economy", "Kyrgyzstan economic results"), sim("Kyrgyz economy", "Silk Roads corridor"); near <= far+0.2 {
		t.Errorf("related texts %.2f, unrelated %.2f", near, far)
	}
	if v, _ := HashEmbedder(3)(ctx, "x"); len(v) != 16 {
		t.Errorf("tiny dim not raised: %d", len(v))
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := embed(cctx, "x"); err == nil {
		t.Error("cancelled context accepted")
	}
}
