package answer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var fitIntent = flag.Bool("fitintent", false, "refit the intent model on testdata/intent/train.jsonl and rewrite intent_coef.go")

// The intent sets: the model and its combination with the patterns are
// fitted on the first; the second is report-only.
const (
	intentTrainFile   = "../../testdata/intent/train.jsonl"
	intentHeldoutFile = "../../testdata/intent/heldout.jsonl"
	intentCoefFile    = "intent_coef.go"
	intentFolds       = 5
	intentMinCount    = 2 // features seen fewer times in training are dropped
	intentEpochs      = 300
)

// The grids searched by cross-validation. The model only ever adds meta
// intents: the others (define, which-source, coined, compare, content)
// lead into retrieval and the decline model, which were fitted with the
// patterns' intents; the modes without the -meta suffix are reported only.
var (
	intentLambdas = []float64{0.0001, 0.001, 0.01}
	intentModes   = []string{modePatterns, modeModel, modeFallback, modeWeak, modeOverride,
		modeFallback + metaOnly, modeWeak + metaOnly, modeOverride + metaOnly}
	intentProbs = []float64{0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}
)

// intentCase is one labelled question.
type intentCase struct {
	Q      string `json:"q"`
	Intent string `json:"intent"`
}

// label is the engine's intent for the case's label ("content" is
// IntentFact).
func (c intentCase) label() Intent {
	if c.Intent == "content" {
		return IntentFact
	}
	return Intent(c.Intent)
}

func readIntentCases(path string) ([]intentCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var cs []intentCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var c intentCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if !slices.Contains(intentLabels, c.label()) {
			return nil, fmt.Errorf("%s: unknown intent %q", path, c.Intent)
		}
		cs = append(cs, c)
	}
	return cs, sc.Err()
}

// modelText is the question as the model sees it in analyze.
func modelText(q string) string {
	if detectLanguage(q) == "en" {
		return fixCueTypos(q, nil)
	}
	return q
}

// fitIntentModel fits the multinomial logistic regression on cases with L2
// penalty lambda by full-batch AdaGrad from zero: deterministic for a given
// order of cases. Weights are rounded to two decimals, as generated.
func fitIntentModel(cases []intentCase, lambda float64) *intentModel {
	K := len(intentLabels)
	count := map[string]int{}
	xs := make([][]string, len(cases))
	for i, c := range cases {
		xs[i] = intentFeatures(modelText(c.Q))
		for _, f := range xs[i] {
			count[f]++
		}
	}
	var vocab []string
	for f, n := range count {
		if n >= intentMinCount {
			vocab = append(vocab, f)
		}
	}
	slices.Sort(vocab)
	index := map[string]int{}
	for j, f := range vocab {
		index[f] = j
	}
	xi := make([][]int, len(cases))
	ys := make([]int, len(cases))
	for i, c := range cases {
		for _, f := range xs[i] {
			if j, ok := index[f]; ok {
				xi[i] = append(xi[i], j)
			}
		}
		ys[i] = slices.Index(intentLabels, c.label())
	}
	V := len(vocab)
	w := make([]float64, (V+1)*K) // row V is the bias
	g := make([]float64, len(w))
	acc := make([]float64, len(w))
	z := make([]float64, K)
	n := float64(len(cases))
	const rate = 0.5
	for range intentEpochs {
		clear(g)
		for i := range cases {
			copy(z, w[V*K:])
			for _, j := range xi[i] {
				for k := range K {
					z[k] += w[j*K+k]
				}
			}
			softmax(z)
			z[ys[i]]--
			for k := range K {
				g[V*K+k] += z[k] / n
				for _, j := range xi[i] {
					g[j*K+k] += z[k] / n
				}
			}
		}
		for j := range V * K {
			g[j] += lambda * w[j]
		}
		for j := range w {
			acc[j] += g[j] * g[j]
			if acc[j] > 0 {
				w[j] -= rate * g[j] / math.Sqrt(acc[j])
			}
		}
	}
	round := func(x float64) float64 { return math.Round(x*100) / 100 }
	m := &intentModel{bias: make([]float64, K), weights: map[string][]float64{}}
	for k := range K {
		m.bias[k] = round(w[V*K+k])
	}
	for j, f := range vocab {
		row := make([]float64, K)
		zero := true
		for k := range K {
			row[k] = round(w[j*K+k])
			zero = zero && row[k] == 0
		}
		if !zero {
			m.weights[f] = row
		}
	}
	return m
}

// softmax turns scores into probabilities in place.
func softmax(z []float64) {
	mx := slices.Max(z)
	s := 0.0
	for k := range z {
		z[k] = math.Exp(z[k] - mx)
		s += z[k]
	}
	for k := range z {
		z[k] /= s
	}
}

// fixedModel answers with one prediction: the out-of-fold prediction of a
// case during cross-validation.
func fixedModel(in Intent, p float64) *intentModel {
	m := &intentModel{bias: make([]float64, len(intentLabels)), weights: map[string][]float64{}}
	// A bias of log(p/(1-p)·(K-1)) on one class gives it probability p.
	k := slices.Index(intentLabels, in)
	p = min(max(p, 1e-6), 1-1e-6)
	m.bias[k] = math.Log(p / (1 - p) * float64(len(intentLabels)-1))
	return m
}

// intentFit is the outcome of fitting: the model and its combination, with
// their cross-validated accuracy.
type intentFit struct {
	model     *intentModel
	lambda    float64
	mode      string
	minProb   float64
	cvModel   float64            // accuracy of the model's own prediction
	cvMode    map[string]float64 // accuracy of analyze, best threshold of each mode
	cvBest    float64
	cvMeta    float64 // accuracy of the chosen combination on meta questions
	metaShare float64 // share of meta questions the accuracy is weighted to
	n         int
}

// tuneQuestions are the standalone English questions of the tuning splits
// (students' questions about real papers) and whether each is a meta
// question, with the share of meta questions in the splits.
func tuneQuestions() (qs []string, meta []bool, share float64, ok bool) {
	n, all := 0, 0
	for _, file := range tuneFiles {
		f, err := os.Open(file)
		if err != nil {
			continue
		}
		cases, err := ReadEvalSet(f)
		f.Close()
		if err != nil {
			continue
		}
		for _, c := range cases {
			all++
			if c.Type == "meta" {
				n++
			}
			if len(c.History) == 0 && (c.Lang == "" || c.Lang == "en") {
				qs = append(qs, c.Q)
				meta = append(meta, c.Type == "meta")
			}
		}
	}
	if all == 0 {
		return nil, nil, 0, false
	}
	return qs, meta, float64(n) / float64(all), true
}

// fitIntentAll chooses the penalty by cross-validated accuracy of the
// model, then the combination with the patterns (mode and threshold) by
// cross-validated accuracy of analyze's final intent, and fits the model
// on all cases.
func fitIntentAll(cases []intentCase) intentFit {
	type pred struct {
		in Intent
		p  float64
	}
	fold := func(lambda float64) []pred {
		out := make([]pred, len(cases))
		for f := range intentFolds {
			var tr []intentCase
			for i, c := range cases {
				if i%intentFolds != f {
					tr = append(tr, c)
				}
			}
			m := fitIntentModel(tr, lambda)
			for i, c := range cases {
				if i%intentFolds == f {
					out[i].in, out[i].p = m.predict(modelText(c.Q))
				}
			}
		}
		return out
	}
	fit := intentFit{cvModel: -1, cvMode: map[string]float64{}, cvBest: -1, n: len(cases)}
	var preds []pred
	for _, l := range intentLambdas {
		ps := fold(l)
		right := 0
		for i, c := range cases {
			if ps[i].in == c.label() {
				right++
			}
		}
		if a := float64(right) / float64(len(cases)); a > fit.cvModel {
			fit.cvModel, fit.lambda, preds = a, l, ps
		}
	}
	// The training questions are about half meta; the students' questions
	// of the tuning splits are mostly not. Each case is weighted so that
	// meta questions count with their share in the tuning splits.
	wMeta, wOther := 1.0, 1.0
	tuneQs, tuneMeta, share, haveTune := tuneQuestions()
	full := fitIntentModel(cases, fit.lambda)
	if haveTune {
		meta := 0
		for _, c := range cases {
			if c.label().isMeta() {
				meta++
			}
		}
		train := float64(meta) / float64(len(cases))
		wMeta, wOther = share/train, (1-share)/(1-train)
		fit.metaShare = share
	}
	for _, mode := range intentModes {
		for _, th := range intentProbs {
			if (mode == modePatterns || mode == modeModel) && th > 0 {
				continue
			}
			candidate := mode == modePatterns || strings.HasSuffix(mode, metaOnly)
			right, total, meta, metaRight := 0.0, 0.0, 0, 0
			for i, c := range cases {
				got := analyzeWith(c.Q, fixedModel(preds[i].in, preds[i].p), mode, th).intent
				ok := got == c.label()
				w := wOther
				if c.label().isMeta() {
					w = wMeta
					meta++
					if ok {
						metaRight++
					}
				}
				total += w
				if ok {
					right += w
				}
			}
			a := right / total
			if haveTune {
				// Half the score: on the students' questions of the
				// tuning splits, meta questions get a meta intent and
				// the others do not (the model is fitted on all the
				// training questions, none of them from those splits).
				agree := 0
				for i, q := range tuneQs {
					if analyzeWith(q, full, mode, th).intent.isMeta() == tuneMeta[i] {
						agree++
					}
				}
				a = (a + float64(agree)/float64(len(tuneQs))) / 2
			}
			fit.cvMode[mode] = max(fit.cvMode[mode], a)
			if candidate && a > fit.cvBest {
				fit.cvBest, fit.mode, fit.minProb = a, mode, th
				fit.cvMeta = float64(metaRight) / float64(meta)
			}
		}
	}
	fit.model = full
	return fit
}

// intentSource is the generated intent_coef.go of a fit.
func intentSource(fit intentFit) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by TestFitIntent (go generate ./retrieval/answer) from\n")
	fmt.Fprintf(&b, "// testdata/intent/train.jsonl (%d questions); DO NOT EDIT.\n\npackage answer\n\n", fit.n)
	fmt.Fprintf(&b, "// The combination with the patterns and the L2 penalty were chosen by\n")
	fmt.Fprintf(&b, "// %d-fold cross-validation on the training questions: accuracy of the\n", intentFolds)
	fmt.Fprintf(&b, "// final intent, meta questions weighted to their share %.3f in\n", fit.metaShare)
	fmt.Fprintf(&b, "// testdata/eval/tune*.jsonl, %.3f (meta questions alone %.3f); model\n", fit.cvBest, fit.cvMeta)
	fmt.Fprintf(&b, "// alone %.3f unweighted (penalty %g);\n", fit.cvModel, fit.lambda)
	var modes []string
	for _, m := range intentModes {
		modes = append(modes, fmt.Sprintf("%s %.3f", m, fit.cvMode[m]))
	}
	fmt.Fprintf(&b, "// best of each combination: %s.\n", joinComma(modes))
	fmt.Fprintf(&b, "const (\n\tintentMode = %q\n\tintentMinProb float64 = %s\n\tintentLambda float64 = %s\n)\n\n", fit.mode, num(fit.minProb), num(fit.lambda))
	fmt.Fprintf(&b, "// intentBias and intentWeights are indexed like intentLabels.\nvar intentBias = []float64{")
	for k, x := range fit.model.bias {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(num(x))
	}
	b.WriteString("}\n\nvar intentWeights = map[string][]float64{\n")
	keys := make([]string, 0, len(fit.model.weights))
	for f := range fit.model.weights {
		keys = append(keys, f)
	}
	slices.Sort(keys)
	for _, f := range keys {
		fmt.Fprintf(&b, "%q: {", f)
		for k, x := range fit.model.weights[f] {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString(num(x))
		}
		b.WriteString("},\n")
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

func num(x float64) string {
	if x == 0 {
		return "0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

func joinComma(ss []string) string {
	var b bytes.Buffer
	for i, s := range ss {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s)
	}
	return b.String()
}

// TestFitIntent chooses the penalty and the combination by
// cross-validation, fits the model on all the training questions and
// rewrites intent_coef.go (`go generate ./retrieval/answer`). Without
// -fitintent it is skipped: TestIntentCoefUpToDate checks the file.
func TestFitIntent(t *testing.T) {
	if !*fitIntent {
		t.Skip("refits only with -fitintent (go generate ./retrieval/answer)")
	}
	cases, err := readIntentCases(intentTrainFile)
	if err != nil {
		t.Fatal(err)
	}
	fit := fitIntentAll(cases)
	t.Logf("cv: final intent %.3f (meta %.3f) with %s ≥ %.2f; model alone %.3f (λ=%g); by mode %v",
		fit.cvBest, fit.cvMeta, fit.mode, fit.minProb, fit.cvModel, fit.lambda, fit.cvMode)
	src, err := intentSource(fit)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(intentCoefFile, src, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIntentCoefUpToDate checks that intent_coef.go is what the training
// questions and the features give with its recorded choices (penalty,
// combination): the data or intentFeatures changed without
// `go generate ./retrieval/answer` otherwise. The cross-validation figures
// of its header comment are not recomputed.
func TestIntentCoefUpToDate(t *testing.T) {
	cases, err := readIntentCases(intentTrainFile)
	if err != nil {
		t.Fatal(err)
	}
	fit := intentFit{model: fitIntentModel(cases, intentLambda), lambda: intentLambda,
		mode: intentMode, minProb: intentMinProb, n: len(cases), cvMode: map[string]float64{}}
	src, err := intentSource(fit)
	if err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadFile(intentCoefFile)
	if err != nil {
		t.Fatal(err)
	}
	body := func(b []byte) []byte { return b[bytes.Index(b, []byte("\nconst (")):] }
	if !bytes.Equal(body(old), body(src)) {
		t.Errorf("%s is out of date: run go generate ./retrieval/answer", intentCoefFile)
	}
}
