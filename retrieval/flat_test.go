package retrieval

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/philippgille/chromem-go"
)

// TestFlatMatchesChromem: the mirror's scan ranks exactly as chromem-go's
// query over the same vectors, after adds, replacements and deletions.
func TestFlatMatchesChromem(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	randUnit := func() []float32 {
		v := make([]float32, 64)
		for i := range v {
			v[i] = float32(rng.NormFloat64())
		}
		return unit(v)
	}
	db := chromem.NewDB()
	coll, err := db.CreateCollection("c", nil, HashEmbedder(64))
	if err != nil {
		t.Fatal(err)
	}
	f := newFlat()
	var docs []chromem.Document
	for i := range 3000 {
		docs = append(docs, chromem.Document{ID: fmt.Sprintf("d%04d", i), Embedding: randUnit(), Content: "x"})
	}
	if err := coll.AddDocuments(ctx, docs, 2); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		f.put(d.ID, d.Embedding)
	}
	// Replace some, delete some, in both.
	for i := 0; i < 3000; i += 7 {
		id := fmt.Sprintf("d%04d", i)
		if i%2 == 0 {
			if err := coll.Delete(ctx, nil, nil, id); err != nil {
				t.Fatal(err)
			}
			f.del(id)
			continue
		}
		d := chromem.Document{ID: id, Embedding: randUnit(), Content: "x"}
		if err := coll.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
		f.put(id, d.Embedding)
	}
	if coll.Count() != len(f.ids) {
		t.Fatalf("chromem has %d, mirror %d", coll.Count(), len(f.ids))
	}
	for q := range 20 {
		qv := randUnit()
		want, err := coll.QueryEmbedding(ctx, qv, 25, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := f.top(qv, 25)
		if len(got) != len(want) {
			t.Fatalf("query %d: %d results, want %d", q, len(got), len(want))
		}
		for i := range want {
			if math.Abs(float64(got[i].Similarity-want[i].Similarity)) > 1e-5 {
				t.Fatalf("query %d rank %d: %s %.6f, chromem %s %.6f", q, i, got[i].ID, got[i].Similarity, want[i].ID, want[i].Similarity)
			}
		}
	}
	if got := f.top(randUnit(), 10_000); len(got) != len(f.ids) {
		t.Errorf("n clamps to the size: %d", len(got))
	}
	if got := newFlat().top(randUnit(), 5); got != nil {
		t.Errorf("empty mirror gave %v", got)
	}
}
