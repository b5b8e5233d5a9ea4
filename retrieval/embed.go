package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"github.com/philippgille/chromem-go"
)

// embedAll embeds texts, in batches when a batch embedder is configured and
// otherwise with bounded parallel calls of Embed.
func (ix *Index) embedAll(ctx context.Context, texts []string, progress func(done, total int)) ([][]float32, error) {
	total := len(texts)
	out := make([][]float32, total)
	if total == 0 {
		return out, nil
	}
	var pmu sync.Mutex
	done := 0
	report := func(n int) {
		if progress == nil {
			return
		}
		pmu.Lock()
		done += n
		progress(done, total)
		pmu.Unlock()
	}
	if ix.opt.EmbedBatch != nil {
		const batch = 256
		for start := 0; start < total; start += batch {
			end := min(start+batch, total)
			vs, err := ix.opt.EmbedBatch(ctx, texts[start:end])
			if err != nil {
				return nil, err
			}
			if len(vs) != end-start {
				return nil, fmt.Errorf("embedder returned %d vectors for %d texts", len(vs), end-start)
			}
			copy(out[start:end], vs)
			report(end - start)
		}
		return checkVectors(out)
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(ix.opt.Concurrency, total); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				v, err := ix.opt.Embed(ctx, texts[i])
				if err != nil {
					cancel(fmt.Errorf("embed passage: %w", err))
					continue
				}
				out[i] = v
				report(1)
			}
		}()
	}
feed:
	for i := range texts {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return checkVectors(out)
}

// checkVectors rejects empty, ragged or all-zero vectors, which chromem-go
// would store as NaNs.
func checkVectors(vs [][]float32) ([][]float32, error) {
	for i, v := range vs {
		if len(v) == 0 || len(v) != len(vs[0]) {
			return nil, fmt.Errorf("embedder returned a vector of length %d (want %d)", len(v), len(vs[0]))
		}
		zero := true
		for _, x := range v {
			if x != 0 {
				zero = false
				break
			}
		}
		if zero {
			return nil, fmt.Errorf("embedder returned an all-zero vector for text %d", i)
		}
	}
	return vs, nil
}

// parallelFor calls f(0..n-1) on up to workers goroutines.
func parallelFor(n, workers int, f func(i int)) {
	workers = max(1, min(workers, n))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// contentHash identifies an embedded text under one embedder.
func contentHash(embedderID, text string) string {
	h := sha256.New()
	h.Write([]byte(embedderID))
	h.Write([]byte{0})
	h.Write([]byte(text))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// reembedAll embeds every passage again because the embedder now gives
// vectors of dimension want. Concurrent callers rebuild once.
func (ix *Index) reembedAll(ctx context.Context, want int) error {
	ix.addMu.Lock()
	defer ix.addMu.Unlock()
	if d := ix.dimension(); d == 0 || d == want {
		return nil
	}
	ix.log.Warn("embedding dimension changed; rebuilding index",
		"was", ix.dimension(), "now", want, "embedder", ix.opt.EmbedderID)
	if _, err := ix.loadSegments(ctx, ix.Papers()); err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	ix.mu.RLock()
	ids := sortedKeys(ix.entries)
	texts := make([]string, len(ids))
	for i, id := range ids {
		texts[i] = indexText(ix.entries[id].p)
	}
	ix.mu.RUnlock()
	vecs, err := ix.embedAll(ctx, texts, nil)
	if err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	if len(vecs) > 0 && len(vecs[0]) != want {
		return fmt.Errorf("rebuild index: embedder gives vectors of length %d and %d", want, len(vecs[0]))
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	docs := make([]chromem.Document, len(ids))
	for i, id := range ids {
		e := ix.entries[id]
		docs[i] = chromem.Document{ID: id, Metadata: map[string]string{metaPaper: e.p.PaperID}, Embedding: vecs[i], Content: e.p.Text}
	}
	if len(docs) > 0 {
		if err := ix.vec.put(ctx, docs); err != nil {
			return fmt.Errorf("rebuild index: %w", err)
		}
	}
	ix.dim = want
	for _, m := range ix.meta {
		if m.resident {
			m.dirty = true // its segment holds the old vectors
		}
	}
	return nil
}
