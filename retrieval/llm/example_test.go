package llm_test

import (
	"context"
	"fmt"
	"testing"

	"paperbot/retrieval"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/llm"
	"paperbot/retrieval/llm/llmtest"
)

func Example() {
	srv := llmtest.New(&testing.T{})
	defer srv.Close()
	srv.Enqueue(llmtest.Response{Chunks: []string{"Nye coined the term", " [15][99]."}})

	c := llm.New(llm.Options{BaseURL: srv.URL(), Model: "llama3.1"})
	in := answer.GenerateInput{
		PaperTitle: "China's Soft Power in Central Asia",
		Question:   "Who coined soft power?",
		Passages:   []retrieval.Hit{{Passage: retrieval.Passage{Kind: retrieval.KindReference, Ref: 15, Text: "Nye, J. (2004). Soft Power."}}},
	}
	gen, err := c.Generate(context.Background(), in, func(soFar string) { fmt.Println("…", soFar) })
	if err != nil {
		fmt.Println("fall back to the offline answer:", err)
		return
	}
	clean, kept, removed := answer.CheckCitations(gen.Text, map[int]bool{15: true})
	fmt.Println(clean, kept, removed)
	// Output:
	// … Nye coined the term
	// … Nye coined the term [15][99].
	// Nye coined the term [15]. [15] [99]
}
