package retrieval

import (
	"context"
	"fmt"

	"github.com/philippgille/chromem-go"
)

// vectors is the chromem-go side of an Index: one collection holding every
// passage, for questions across papers, and one collection per paper, so a
// question about one paper never scans (or filters) the others. Both hold
// the same embedding slices, so the per-paper copy costs only document
// headers. The Index's mutex guards byPaper.
type vectors struct {
	db          *chromem.DB
	embed       chromem.EmbeddingFunc
	all         *chromem.Collection
	byPaper     map[string]*chromem.Collection
	flat        *flat // every vector, for questions across all papers
	concurrency int
}

func newVectors(embed chromem.EmbeddingFunc, concurrency int) (*vectors, error) {
	db := chromem.NewDB()
	all, err := db.CreateCollection("passages", nil, embed)
	if err != nil {
		return nil, err
	}
	return &vectors{db: db, embed: embed, all: all, byPaper: map[string]*chromem.Collection{}, flat: newFlat(), concurrency: concurrency}, nil
}

// metaPaper is the metadata key holding a passage's paper id.
const metaPaper = "paper"

// put stores documents that already carry embeddings (replacing documents
// with the same ids).
func (v *vectors) put(ctx context.Context, docs []chromem.Document) error {
	if err := addDocuments(ctx, v.all, docs, v.concurrency); err != nil {
		return err
	}
	for _, d := range docs {
		v.flat.put(d.ID, d.Embedding)
	}
	groups := map[string][]chromem.Document{}
	var order []string
	for _, d := range docs {
		p := d.Metadata[metaPaper]
		if _, ok := groups[p]; !ok {
			order = append(order, p)
		}
		groups[p] = append(groups[p], d)
	}
	for _, p := range order {
		c := v.byPaper[p]
		if c == nil {
			var err error
			if c, err = v.db.CreateCollection("paper/"+p, nil, v.embed); err != nil {
				return err
			}
			v.byPaper[p] = c
		}
		if err := addDocuments(ctx, c, groups[p], v.concurrency); err != nil {
			return err
		}
	}
	return nil
}

// drop deletes passages of one paper.
func (v *vectors) drop(ctx context.Context, paper string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	if err := v.all.Delete(ctx, nil, nil, ids...); err != nil {
		return err
	}
	for _, id := range ids {
		v.flat.del(id)
	}
	if c := v.byPaper[paper]; c != nil {
		return c.Delete(ctx, nil, nil, ids...)
	}
	return nil
}

// dropPaper deletes a paper and all its passages.
func (v *vectors) dropPaper(ctx context.Context, paper string, ids []string) error {
	if len(ids) > 0 {
		if err := v.all.Delete(ctx, nil, nil, ids...); err != nil {
			return err
		}
		for _, id := range ids {
			v.flat.del(id)
		}
	}
	if _, ok := v.byPaper[paper]; ok {
		delete(v.byPaper, paper)
		if err := v.db.DeleteCollection("paper/" + paper); err != nil {
			return err
		}
	}
	return nil
}

// query returns the n passages most similar to the unit vector q, from one
// paper (chromem-go's query on its collection) or ("") from all (the flat
// mirror's scan).
func (v *vectors) query(ctx context.Context, paper string, q []float32, n int) ([]chromem.Result, error) {
	if paper == "" {
		return v.flat.top(q, n), nil
	}
	c := v.byPaper[paper]
	if c == nil {
		return nil, nil
	}
	if n = min(n, c.Count()); n <= 0 {
		return nil, nil
	}
	return c.QueryEmbedding(ctx, q, n, nil, nil)
}

// embedding returns a stored passage's vector.
func (v *vectors) embedding(ctx context.Context, id string) ([]float32, error) {
	doc, err := v.all.GetByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("read embedding of %s: %w", id, err)
	}
	return doc.Embedding, nil
}

// addDocuments stores documents that already carry embeddings, in chunks:
// chromem-go starts one goroutine per document of a call.
func addDocuments(ctx context.Context, coll *chromem.Collection, docs []chromem.Document, concurrency int) error {
	const chunk = 1024
	for start := 0; start < len(docs); start += chunk {
		if err := coll.AddDocuments(ctx, docs[start:min(start+chunk, len(docs))], concurrency); err != nil {
			return err
		}
	}
	return nil
}
