package retrieval

import (
	"context"
	"fmt"
	"math"

	"github.com/philippgille/chromem-go"
)

// vectors is the chromem-go side of an Index: one collection per paper in
// memory, so a question about one paper never scans (or filters) the
// others, and a flat array of every vector in memory for questions across
// papers. A collection's documents hold only an id and the embedding (the
// same slice as the flat array): the passage text and metadata live once,
// in the Index's entries. The Index's mutex guards byPaper.
type vectors struct {
	db          *chromem.DB
	embed       chromem.EmbeddingFunc
	byPaper     map[string]*chromem.Collection
	flat        *flat // every vector, for questions across all papers
	concurrency int
}

func newVectors(embed chromem.EmbeddingFunc, concurrency int) (*vectors, error) {
	return &vectors{db: chromem.NewDB(), embed: embed, byPaper: map[string]*chromem.Collection{}, flat: newFlat(), concurrency: concurrency}, nil
}

// metaPaper is the metadata key holding a passage's paper id.
const metaPaper = "paper"

// put stores documents that already carry embeddings (replacing documents
// with the same ids); Metadata[metaPaper] says which paper each belongs to.
// Only the id and the embedding are kept.
func (v *vectors) put(ctx context.Context, docs []chromem.Document) error {
	groups := map[string][]chromem.Document{}
	var order []string
	for _, d := range docs {
		e := d.Embedding
		if !chromemUnit(e) { // one unit copy, shared by chromem-go and flat
			if u := unit(e); u != nil {
				e = u
			}
		}
		v.flat.put(d.ID, e)
		p := d.Metadata[metaPaper]
		if _, ok := groups[p]; !ok {
			order = append(order, p)
		}
		groups[p] = append(groups[p], chromem.Document{ID: d.ID, Embedding: e})
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
	for _, id := range ids {
		v.flat.del(id)
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

// embedding returns a stored passage's vector (unit length, shared: do
// not modify).
func (v *vectors) embedding(_ context.Context, id string) ([]float32, error) {
	i, ok := v.flat.pos[id]
	if !ok {
		return nil, fmt.Errorf("read embedding of %s: not stored", id)
	}
	return v.flat.vecs[i], nil
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

// chromemUnit reports whether chromem-go takes v as normalised (and so
// stores v itself rather than a normalised copy).
func chromemUnit(v []float32) bool {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Abs(math.Sqrt(s)-1) < 1e-6
}
