package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"paperbot/config"
	"paperbot/retrieval"
	"paperbot/retrieval/answer"
)

// TestEvalSet is the quality gate of the offline mode on the default paper.
func TestEvalSet(t *testing.T) {
	f, err := os.Open("testdata/eval.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases, err := answer.ReadEvalSet(f)
	if err != nil {
		t.Fatal(err)
	}
	answerable, abstain := 0, 0
	for _, c := range cases {
		if c.Abstain {
			abstain++
		} else {
			answerable++
		}
	}
	if answerable < 40 || abstain < 10 {
		t.Fatalf("eval set too small: %d answerable, %d to abstain on", answerable, abstain)
	}
	cfg, err := config.Load(testEnv(t))
	if err != nil {
		t.Fatal(err)
	}
	eng, _, err := buildEngineFrom(context.Background(), cfg, nil, engineSource{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := eng.Evaluate(context.Background(), "", cases, retrieval.Hybrid)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("hit@1 %.3f hit@5 %.3f recall@5 %.3f MRR %.3f abstention %.3f (wrong answers %d/%d, wrong abstentions %d/%d)",
		r.Hit1, r.Hit5, r.Recall5, r.MRR, r.AbstainAcc, r.FalseAnswers, r.Unanswerable, r.FalseAbstentions, r.Answerable)
	if r.Hit5 < 0.9 {
		t.Errorf("hit@5 = %.3f, want ≥ 0.9", r.Hit5)
	}
	if r.AbstainAcc < 0.9 {
		t.Errorf("abstention accuracy = %.3f, want ≥ 0.9", r.AbstainAcc)
	}
	if got := 1 - float64(r.FalseAnswers)/float64(r.Unanswerable); got < 0.9 {
		t.Errorf("abstained on %.3f of the uncovered questions, want ≥ 0.9", got)
	}
}

func TestEvalCommand(t *testing.T) {
	code, out, errOut := runPaperbot(t, testEnv(t), "", "eval", "--compare", "testdata/eval.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"hit@1", "hit@5", "recall@5", "MRR", "abstention", "hybrid", "lexical (BM25)", "vector"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range [][]string{{"eval"}, {"eval", "a", "b"}, {"eval", "--mode", "fuzzy", "testdata/eval.jsonl"}} {
		if code, _, _ := runPaperbot(t, testEnv(t), "", bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	if code, _, errOut := runPaperbot(t, testEnv(t), "", "eval", "nonexistent.jsonl"); code != 1 || errOut == "" {
		t.Errorf("missing file: exit %d", code)
	}
	dir := t.TempDir()
	bad := dir + "/bad.jsonl"
	os.WriteFile(bad, []byte("{\"q\": \"x\"}\n"), 0o644)
	if code, _, errOut := runPaperbot(t, testEnv(t), "", "eval", bad); code != 1 || !strings.Contains(errOut, "line 1") {
		t.Errorf("bad file: exit %d %s", code, errOut)
	}
}
