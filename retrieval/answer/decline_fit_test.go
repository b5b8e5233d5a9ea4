package answer

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var nested = flag.Bool("nested", false, "also report nested leave-one-paper-out: features and penalty chosen inside each fold (slow)")

var fit = flag.Bool("fit", false, "refit the decline model on the tuning split and rewrite decline_coef.go")

// tuneFiles are the tuning splits: the only evaluation data the decline
// model is fitted on (a file not there yet is left out). The held-out
// splits are never read here.
var tuneFiles = []string{"../../testdata/eval/tune.jsonl", "../../testdata/eval/tune2.jsonl"}

// readTuning reads the cases of the tuning splits there are, and names
// the files read.
func readTuning() ([]EvalCase, []string, error) {
	var cases []EvalCase
	var read []string
	for _, name := range tuneFiles {
		f, err := os.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		cs, err := ReadEvalSet(f)
		f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		cases = append(cases, cs...)
		read = append(read, strings.TrimPrefix(name, "../../"))
	}
	if len(read) == 0 {
		return nil, nil, fs.ErrNotExist
	}
	return cases, read, nil
}

// lambdas are the L2 penalties tried; the one with the best
// leave-one-paper-out balanced accuracy is used for the final fit.
var lambdas = []float64{0.01, 0.1, 1}

// fitCase is one tuning question as the decline step sees it.
type fitCase struct {
	paper  string
	x      []float64 // features; nil when the question never reaches the decline step
	y      float64   // 1 when it should be declined
	forced bool      // declined whatever the model says (no focus found, or nothing to quote)
	right  bool      // its answer is judged right when it is answered
}

// TestFitDecline fits the logistic decline model on the tuning split
// (`go generate ./retrieval/answer`) and reports its leave-one-paper-out
// estimate: fitted on four papers, scored on the fifth, for each paper,
// which is what a new paper sees. Without -fit it only reports.
func TestFitDecline(t *testing.T) {
	if !testing.Verbose() && !*fit && !*nested {
		// Without -fit it is a report (it asserts nothing): it runs when
		// asked for with -v, -fit or -nested.
		t.Skip("a report: run with -v, -fit or -nested")
	}
	cases, files, err := readTuning()
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no tuning split")
	}
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	env, err := NewEvalEnv(ctx, filepath.Join("..", ".."), cases, Options{})
	if err != nil {
		t.Skipf("tuning papers unavailable: %v", err)
	}
	var all []fitCase
	env.Engine.opt.neverDecline = true
	for _, c := range env.Usable(cases) {
		fc := fitCase{paper: c.Paper}
		if c.ShouldDecline() {
			fc.y = 1
		}
		x, forced, ok, err := env.features(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		a, err := env.Engine.Ask(ctx, Request{PaperID: env.ids[c.Paper], Question: c.Q, History: c.Turns()})
		if err != nil {
			t.Fatal(err)
		}
		fc.right = Judge(c, a).Right
		if ok {
			fc.x = x
			fc.forced = forced || a.Abstained
		} else {
			fc.forced = a.Abstained
		}
		all = append(all, fc)
	}
	env.Engine.opt.neverDecline = false
	ins := scoreCases(all, func(x []float64) bool { return prob(x, declineBias, declineWeights) >= declineAt })
	t.Logf("committed model, in sample on %d questions: %s", len(all), ins)
	used := usedFeatures(declineWeights)
	t.Logf("committed features %v, lambda %g, leave one paper out: %s", names(used), declineLambda, lopo(selectCols(all, used), declineLambda))
	for _, p := range paperList(all) {
		t.Logf("  held out %s: %s", p, lopoPaper(selectCols(all, used), declineLambda, p))
	}
	if *nested {
		// The honest estimate of the whole procedure: the features and
		// penalty are chosen on four papers, the fifth scores them.
		var total declineScore
		for _, p := range paperList(all) {
			var train, held []fitCase
			for _, c := range all {
				if c.paper == p {
					held = append(held, c)
				} else {
					train = append(train, c)
				}
			}
			cols, l := selectFeatures(train, nil)
			xs, ys, _ := trainingRows(selectCols(train, cols), "")
			bias, w := fitLogistic(xs, ys, l, fitIters)
			at := balancedThreshold(xs, ys, bias, w)
			s := scoreCases(selectCols(held, cols), func(x []float64) bool { return prob(x, bias, w) >= at })
			t.Logf("  held out %s: features %v lambda %g: %s", p, names(cols), l, s)
			total.add(s)
		}
		t.Logf("nested leave one paper out (selection inside each fold): %s", total)
	}
	if !*fit {
		return
	}
	for _, l := range lambdas {
		t.Logf("all features, lambda %-6g leave one paper out: %s", l, lopo(all, l))
	}
	cols, bestL := selectFeatures(all, t)
	xs, ys, _ := trainingRows(selectCols(all, cols), "")
	bias, sub := fitLogistic(xs, ys, bestL, fitIters)
	at := balancedThreshold(xs, ys, bias, sub)
	w := make([]float64, len(featureNames))
	for k, j := range cols {
		w[j] = sub[k]
	}
	t.Logf("fitted on %d questions with %v, lambda %g: threshold %.3f; in sample %s", len(xs), names(cols), bestL, at,
		scoreCases(all, func(x []float64) bool { return prob(x, bias, w) >= at }))
	t.Logf("leave one paper out: %s", lopo(selectCols(all, cols), bestL))
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by TestFitDecline (go generate ./retrieval/answer) from\n// %s (%d questions that reach the decline step); DO NOT EDIT.\n\npackage answer\n\n", strings.Join(files, " and "), len(xs))
	fmt.Fprintf(&b, "// The logistic decline model: bias and one weight per feature. The features\n// (weight 0: not chosen) and the L2 penalty declineLambda were chosen by\n// forward selection on leave-one-paper-out balanced accuracy.\nvar (\n\tdeclineLambda  = %.4f\n\tdeclineBias    = %.4f\n\tdeclineWeights = []float64{\n", bestL, bias)
	for i, v := range w {
		fmt.Fprintf(&b, "\t\t%.4f, // %s\n", v, featureNames[i])
	}
	b.WriteString("\t}\n")
	fmt.Fprintf(&b, "\t// declineAt is the probability from which the offline engine declines,\n\t// chosen on the tuning split for the best balanced accuracy\n\t// (mean of off-paper questions declined and answerable ones answered).\n\tdeclineAt = %.4f\n)\n", at)
	src, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("decline_coef.go", src, 0o644); err != nil {
		t.Fatal(err)
	}
}

// fitIters is the number of gradient steps of a fit.
const fitIters = 1500

// trainingRows are the features and labels of the cases reaching the
// decline step, leaving out the cases of paper skip.
func trainingRows(all []fitCase, skip string) ([][]float64, []float64, []bool) {
	var xs [][]float64
	var ys []float64
	var right []bool
	for _, c := range all {
		if c.x == nil || c.paper == skip {
			continue
		}
		xs = append(xs, c.x)
		ys = append(ys, c.y)
		right = append(right, c.right)
	}
	return xs, ys, right
}

// declineScore is answer-level decline accuracy: answerable questions
// declined, off-paper questions declined, and right answers overall
// (declined questions right when they should be declined).
type declineScore struct {
	answerable, wrongDecl, offPaper, offDecl, right, n int
}

func (s declineScore) String() string {
	return fmt.Sprintf("wrong declines %d/%d (%.1f%%), off-paper declined %d/%d (%.1f%%), right %d/%d (%.3f)",
		s.wrongDecl, s.answerable, pct(s.wrongDecl, s.answerable), s.offDecl, s.offPaper, pct(s.offDecl, s.offPaper),
		s.right, s.n, float64(s.right)/math.Max(1, float64(s.n)))
}

// balanced is the mean of off-paper questions declined and answerable
// questions not declined.
func (s declineScore) balanced() float64 {
	return (pct(s.offDecl, s.offPaper) + 100 - pct(s.wrongDecl, s.answerable)) / 200
}

func (s *declineScore) add(o declineScore) {
	s.answerable += o.answerable
	s.wrongDecl += o.wrongDecl
	s.offPaper += o.offPaper
	s.offDecl += o.offDecl
	s.right += o.right
	s.n += o.n
}

func pct(a, b int) float64 { return 100 * float64(a) / math.Max(1, float64(b)) }

// scoreCases scores the cases with decide as the model's decision.
func scoreCases(cs []fitCase, decide func(x []float64) bool) declineScore {
	var s declineScore
	for _, c := range cs {
		dec := c.forced || (c.x != nil && decide(c.x))
		s.n++
		if c.y == 1 {
			s.offPaper++
			if dec {
				s.offDecl++
				s.right++
			}
			continue
		}
		s.answerable++
		if dec {
			s.wrongDecl++
		} else if c.right {
			s.right++
		}
	}
	return s
}

// lopo is the leave-one-paper-out score: for each paper, the model and its
// threshold are fitted on the other papers and decide on this one.
func lopo(all []fitCase, lambda float64) declineScore {
	var total declineScore
	for _, p := range paperList(all) {
		total.add(lopoPaper(all, lambda, p))
	}
	return total
}

// lopoPaper is the score on paper p of the model and threshold fitted on
// the other papers.
func lopoPaper(all []fitCase, lambda float64, p string) declineScore {
	xs, ys, _ := trainingRows(all, p)
	bias, w := fitLogistic(xs, ys, lambda, fitIters)
	at := balancedThreshold(xs, ys, bias, w)
	var held []fitCase
	for _, c := range all {
		if c.paper == p {
			held = append(held, c)
		}
	}
	return scoreCases(held, func(x []float64) bool { return prob(x, bias, w) >= at })
}

func prob(x []float64, bias float64, w []float64) float64 {
	z := bias
	for j, v := range x {
		if j < len(w) {
			z += w[j] * v
		}
	}
	return 1 / (1 + math.Exp(-z))
}

// features computes the decline features of one case, as Ask does; ok is
// false for questions answered from the paper's structure (never declined);
// forced is true when Ask declines whatever the model says.
func (env *EvalEnv) features(ctx context.Context, c EvalCase) (x []float64, forced, ok bool, err error) {
	e := env.Engine
	p, err := e.Paper(env.ids[c.Paper])
	if err != nil {
		return nil, false, false, err
	}
	pi := e.info(p)
	q, err := cleanQuestion(c.Q)
	if err != nil {
		return nil, false, false, nil
	}
	qq := analyze(q)
	pi.resolveFollowUp(&qq, c.Turns())
	if qq.intent.isMeta() {
		return nil, false, false, nil
	}
	fm := focusOf(pi, qq)
	hits, err := e.search(ctx, p.ID, correctedQuery(qq, fm), poolSize)
	if err != nil {
		return nil, false, false, err
	}
	return features(pi, qq, fm, hits).vector(), noneFound(fm), true, nil
}

// balancedThreshold picks the probability threshold with the best mean of
// the decline rate on off-paper questions and the answer rate on the rest.
func balancedThreshold(xs [][]float64, ys []float64, bias float64, w []float64) float64 {
	best, bestScore := 0.5, -1.0
	for th := 0.05; th < 0.951; th += 0.01 {
		var pos, neg, tp, tn float64
		for i, x := range xs {
			dec := prob(x, bias, w) >= th
			if ys[i] == 1 {
				pos++
				if dec {
					tp++
				}
			} else {
				neg++
				if !dec {
					tn++
				}
			}
		}
		if pos == 0 || neg == 0 {
			return 0.5
		}
		if s := (tp/pos + tn/neg) / 2; s > bestScore {
			best, bestScore = th, s
		}
	}
	return best
}

// fitLogistic fits weights by full-batch gradient descent on the log loss
// with an L2 penalty lambda, on standardised features (so one penalty
// means the same for every feature); the weights returned apply to the
// raw features.
func fitLogistic(xs [][]float64, ys []float64, lambda float64, iters int) (float64, []float64) {
	if len(xs) == 0 {
		return declineBias, declineWeights
	}
	d := len(xs[0])
	n := float64(len(xs))
	mu, sd := make([]float64, d), make([]float64, d)
	for _, x := range xs {
		for j, v := range x {
			mu[j] += v / n
		}
	}
	for _, x := range xs {
		for j, v := range x {
			sd[j] += (v - mu[j]) * (v - mu[j]) / n
		}
	}
	zs := make([][]float64, len(xs))
	for j := range sd {
		sd[j] = math.Sqrt(sd[j])
		if sd[j] < 1e-9 {
			sd[j] = 1
		}
	}
	for i, x := range xs {
		zs[i] = make([]float64, d)
		for j, v := range x {
			zs[i][j] = (v - mu[j]) / sd[j]
		}
	}
	w := make([]float64, d)
	bias := 0.0
	lr := 0.5
	gw := make([]float64, d)
	for it := 0; it < iters; it++ {
		gb := 0.0
		clear(gw)
		for i, x := range zs {
			g := prob(x, bias, w) - ys[i]
			gb += g
			for j, v := range x {
				gw[j] += g * v
			}
		}
		bias -= lr * gb / n
		for j := range w {
			w[j] -= lr * (gw[j]/n + lambda*w[j])
		}
	}
	raw := make([]float64, d)
	for j := range w {
		raw[j] = w[j] / sd[j]
		bias -= w[j] * mu[j] / sd[j]
	}
	return bias, raw
}

// paperList is the papers of the cases, in order of first appearance.
func paperList(all []fitCase) []string {
	var papers []string
	for _, c := range all {
		if !slices.Contains(papers, c.paper) {
			papers = append(papers, c.paper)
		}
	}
	return papers
}

// selectFeatures chooses features greedily: each round adds the feature
// (and penalty) with the best leave-one-paper-out balanced accuracy, until
// none improves it by one off-paper question's worth. Few features that carry over to a new paper beat many
// that fit these five.
func selectFeatures(all []fitCase, t *testing.T) ([]int, float64) {
	// A feature has to gain at least what one more off-paper question
	// declined is worth: less is within the noise of five papers.
	off := 0
	for _, c := range all {
		off += int(c.y)
	}
	gain := 1 / (2 * math.Max(1, float64(off)))
	var chosen []int
	bestL, bestS := lambdas[0], -1.0
	for {
		bj, bs, bl := -1, bestS+gain, 0.0
		for j := range featureNames {
			if slices.Contains(chosen, j) {
				continue
			}
			sub := selectCols(all, append(slices.Clone(chosen), j))
			for _, l := range lambdas {
				if s := lopo(sub, l).balanced(); s > bs {
					bj, bs, bl = j, s, l
				}
			}
		}
		if bj < 0 {
			return chosen, bestL
		}
		chosen = append(chosen, bj)
		bestL, bestS = bl, bs
		if t != nil {
			t.Logf("  add %s (lambda %g): %s", featureNames[bj], bl, lopo(selectCols(all, chosen), bl))
		}
	}
}

// selectCols keeps the features cols of each case.
func selectCols(all []fitCase, cols []int) []fitCase {
	out := make([]fitCase, len(all))
	for i, c := range all {
		out[i] = c
		if c.x != nil {
			x := make([]float64, len(cols))
			for k, j := range cols {
				x[k] = c.x[j]
			}
			out[i].x = x
		}
	}
	return out
}

// usedFeatures are the features with a non-zero weight.
func usedFeatures(w []float64) []int {
	var cols []int
	for j, v := range w {
		if v != 0 {
			cols = append(cols, j)
		}
	}
	return cols
}

func names(cols []int) []string {
	var ns []string
	for _, j := range cols {
		ns = append(ns, featureNames[j])
	}
	return ns
}
