// Package retrieval splits papers into passages, embeds them into a
// chromem-go vector store, and ranks them for a question by fusing a BM25
// lexical ranking with the vector ranking.
package retrieval

// Kind says where a passage comes from.
type Kind string

// The kinds of passage.
const (
	KindMetadata  Kind = "metadata"
	KindAbstract  Kind = "abstract"
	KindBody      Kind = "body"    // one sentence of a body paragraph or footnote
	KindCaption   Kind = "caption" // one sentence of a figure or table caption
	KindReference Kind = "reference"
)

// Passage is one retrievable piece of a paper.
type Passage struct {
	// ID is unique across the whole corpus, e.g. "china-soft-power-central-asia/ref/15".
	ID      string `json:"id"`
	PaperID string `json:"paper_id"`
	Kind    Kind   `json:"kind"`
	// Ref is the reference number for KindReference passages, else 0.
	Ref int `json:"ref"`
	// Seq is the passage's order within its paper and kind (abstract sentence 1, 2, ...).
	Seq int `json:"seq"`
	// Start and End are byte offsets into the abstract for KindAbstract passages.
	Start int `json:"start"`
	End   int `json:"end"`
	// Section is the heading of the body section a body or caption passage
	// belongs to ("" for the abstract, references, metadata and text before
	// the first heading).
	Section string `json:"section,omitempty"`
	// Page is the 1-based PDF page of a body or caption passage; 0 when
	// unknown (text files, the abstract, references, metadata).
	Page int `json:"page,omitempty"`
	// Cites are the reference numbers the passage's in-text citations
	// resolve to, ascending (corpus.BodySentence.Cites). For a reference
	// passage it is its own number; an abstract sentence has those of its
	// own markers (Paper.Citer). The answer engine cites a claim of the
	// abstract or the body only with these numbers: what the author cited
	// for it.
	Cites []int  `json:"cites,omitempty"`
	Text  string `json:"text"`
	// Keywords is extra text that is indexed but not shown: a reference's
	// parsed title, authors, venue and year and the words of its URL.
	Keywords string `json:"keywords,omitempty"`
}

// Hit is a passage ranked for a query.
type Hit struct {
	Passage
	// Score is the fused relevance (higher is better).
	Score float64 `json:"score"`
	// Lexical is the BM25 score (0 if the passage had no term match).
	Lexical float64 `json:"lexical"`
	// Vector is the cosine similarity from the vector store (0 when the
	// search used no vectors).
	Vector float64 `json:"vector"`
	// Coverage is the fraction of the question's distinct index terms (stemmed,
	// stop words removed) that occur in the passage, in [0, 1]. It is 0 for
	// every hit when the question has no known term, e.g. "What is the
	// capital of Brazil?" on the seed paper: a strong sign to abstain.
	Coverage float64 `json:"coverage"`
}
