package retrieval

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"

	"github.com/philippgille/chromem-go"

	"paperbot/corpus"
)

// quietLogger discards log output in tests.
func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// countingEmbedder wraps HashEmbedder and counts its calls.
func countingEmbedder(dim int, calls *atomic.Int64) chromem.EmbeddingFunc {
	inner := HashEmbedder(dim)
	return func(ctx context.Context, text string) ([]float32, error) {
		calls.Add(1)
		return inner(ctx, text)
	}
}

// openMem opens an in-memory index with the offline embedder.
func openMem(t testing.TB, papers ...*corpus.Paper) *Index {
	t.Helper()
	ix, err := Open(context.Background(), Options{Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	if len(papers) > 0 {
		if err := ix.Add(context.Background(), papers...); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

// smallPaper is a hand-built paper for tests that need no seed.
func smallPaper(id string) *corpus.Paper {
	return &corpus.Paper{
		ID:       id,
		Title:    "Tea trade along the Silk Road",
		Authors:  []string{"A. Author"},
		Abstract: "Tea moved west along caravan routes. Merchants in Samarkand traded silk for horses. Prices rose after 1800.",
		References: []corpus.Reference{
			{N: 1, Raw: "Smith, J. (2001). Caravans and tea. Oxford.", Authors: []string{"Smith, J."}, Year: "2001", Title: "Caravans and tea", Venue: "Oxford"},
			{N: 2, Raw: "Lee, K. (2015). Horses of the steppe. https://example.org/steppe-horses-history", Authors: []string{"Lee, K."}, Year: "2015", Title: "Horses of the steppe", URL: "https://example.org/steppe-horses-history"},
			{N: 3, Raw: "Ng, P. (2019). Silk prices in Samarkand. Journal of Trade.", Authors: []string{"Ng, P."}, Year: "2019", Title: "Silk prices in Samarkand", Venue: "Journal of Trade"},
		},
	}
}
