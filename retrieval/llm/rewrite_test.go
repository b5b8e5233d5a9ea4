package llm

import (
	"context"
	"strings"
	"testing"

	"paperbot/corpus"
	"paperbot/retrieval"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/llm/llmtest"
)

func newModelEngine(t *testing.T, srv *llmtest.Server) *answer.Engine {
	t.Helper()
	ix, err := retrieval.Open(context.Background(), retrieval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(context.Background(), corpus.Default()); err != nil {
		t.Fatal(err)
	}
	return answer.New(corpus.NewLibrary(corpus.Default()), ix, answer.Options{Generator: newTestClient(t, srv, nil)})
}

// TestRewriteOtherLanguage: a Spanish question costs one short rewrite call
// (its query is searched) and then the answer call; the answer keeps the
// question's language.
func TestRewriteOtherLanguage(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(
		llmtest.Response{Chunks: []string{"What does the paper say about Russia?"}},
		llmtest.Response{Chunks: []string{"Las relaciones con Rusia son cooperativas [A1]."}},
	)
	e := newModelEngine(t, srv)
	a, err := e.Ask(context.Background(), answer.Request{Question: "¿Qué dice el artículo sobre Rusia?"})
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.ChatRequests()
	if len(reqs) != 2 {
		t.Fatalf("%d chat calls, want a rewrite and an answer", len(reqs))
	}
	if reqs[0].Messages[0].Content != rewriteRules || reqs[0].MaxTokens != rewriteMaxTokens {
		t.Errorf("first call is not the short rewrite: %+v", reqs[0].Messages[0])
	}
	if !strings.Contains(reqs[1].Messages[0].Content, "Russia are cooperative") {
		t.Errorf("the rewritten query did not retrieve the Russia sentence")
	}
	if a.Language != "es" || !strings.Contains(a.Text, "cooperativas") || a.Abstained {
		t.Errorf("answer %+v", a)
	}
}

// TestNoRewriteForStandaloneEnglish: an English question with no history
// goes straight to the answer call.
func TestNoRewriteForStandaloneEnglish(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Chunks: []string{"Relations with Russia are cooperative [A1]."}})
	e := newModelEngine(t, srv)
	if _, err := e.Ask(context.Background(), answer.Request{Question: "Are China and Russia competing there?"}); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.ChatRequests()); n != 1 {
		t.Errorf("%d chat calls, want 1", n)
	}
}

// TestModelNotCoveredAnyLanguage: the model's NOT_COVERED marker is an
// abstention whatever language follows it, and is not shown.
func TestModelNotCoveredAnyLanguage(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(
		llmtest.Response{Chunks: []string{"What does the paper say about Russian oil exports?"}},
		llmtest.Response{Chunks: []string{answer.NotCoveredMarker + " Los pasajes no tratan las exportaciones de petróleo."}},
	)
	e := newModelEngine(t, srv)
	a, err := e.Ask(context.Background(), answer.Request{Question: "¿Qué dice sobre las exportaciones de petróleo de Rusia?"})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Abstained || strings.Contains(a.Text, answer.NotCoveredMarker) {
		t.Errorf("want an abstention without the marker, got %+v", a)
	}
}
