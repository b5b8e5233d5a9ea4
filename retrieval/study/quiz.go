package study

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"paperbot/corpus"
)

// Question is one multiple-choice question; Answer indexes Choices and
// Refs are the references the answer key cites.
type Question struct {
	Prompt      string   `json:"prompt"`
	Choices     []string `json:"choices"`
	Answer      int      `json:"answer"`
	Refs        []int    `json:"refs"`
	Explanation string   `json:"explanation"`
}

// MaxQuizCount caps the number of questions in one quiz.
const MaxQuizCount = 10

// ErrNoQuiz means the paper (or the topic) gives too little to ask about.
var ErrNoQuiz = errors.New("there is not enough in this paper about that to build a quiz; try another topic or none")

// Quiz builds up to count questions about the paper's ideas (seeded, so
// the same seed gives the same quiz): cloze questions on the claims of its
// abstract and body (see ideaQuestion), each answer key quoting the
// sentence and citing what it cites; when those run short, questions on
// which reference deals with a key term. With a topic, only claims and
// terms about it are used. ErrNoQuiz when nothing fits.
func Quiz(p *corpus.Paper, count int, topic string, seed uint64) ([]Question, error) {
	if count < 1 || count > MaxQuizCount {
		return nil, fmt.Errorf("a quiz has 1 to %d questions", MaxQuizCount)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	all := Claims(p)
	pool := distractorPool(all)
	var claims []Place
	for _, c := range all {
		if topic == "" || containsWord(c.Text, topic) {
			claims = append(claims, c)
		}
	}
	rng.Shuffle(len(claims), func(i, j int) { claims[i], claims[j] = claims[j], claims[i] })
	var gens []func() (Question, bool)
	for _, c := range claims {
		gens = append(gens, func() (Question, bool) { return ideaQuestion(c, pool, rng) })
	}
	refPool := quizPool(p, topic)
	var terms []func() (Question, bool)
	for _, t := range Glossary(p) {
		if len(t.Refs) > 0 && len(t.Refs) <= 4 && (topic == "" || containsFold(t.Term, topic) || anyIn(t.Refs, refPool)) {
			terms = append(terms, func() (Question, bool) { return termQuestion(p, t, rng) })
		}
	}
	rng.Shuffle(len(terms), func(i, j int) { terms[i], terms[j] = terms[j], terms[i] })
	gens = append(gens, terms...)
	var out []Question
	seen := map[string]bool{}
	for _, g := range gens {
		if len(out) == count {
			break
		}
		q, ok := g()
		if ok && !seen[q.Prompt] {
			seen[q.Prompt] = true
			out = append(out, q)
		}
	}
	if len(out) == 0 {
		return nil, ErrNoQuiz
	}
	return out, nil
}

func quizPool(p *corpus.Paper, topic string) []corpus.Reference {
	var pool []corpus.Reference
	src := p.References
	if topic != "" {
		src = p.FindRefs(topic)
	}
	for _, r := range src {
		if r.ContinuationOf == 0 && r.DuplicateOf == 0 && r.Title != "" {
			pool = append(pool, r)
		}
	}
	return pool
}

// termQuestion: "Which reference is about the Xi'an Summit?" One reference
// containing the term is right; the others contain no trace of it.
func termQuestion(p *corpus.Paper, t Term, rng *rand.Rand) (Question, bool) {
	right := t.Refs[rng.IntN(len(t.Refs))]
	var wrong []int
	for _, r := range p.References {
		if r.ContinuationOf == 0 && r.DuplicateOf == 0 && r.Title != "" && !containsFold(r.Raw, t.Term) {
			wrong = append(wrong, r.N)
		}
	}
	if len(wrong) < 3 {
		return Question{}, false
	}
	rng.Shuffle(len(wrong), func(i, j int) { wrong[i], wrong[j] = wrong[j], wrong[i] })
	nums := append([]int{right}, wrong[:3]...)
	rng.Shuffle(len(nums), func(i, j int) { nums[i], nums[j] = nums[j], nums[i] })
	q := Question{Prompt: fmt.Sprintf("Which reference deals with “%s”?", t.Term), Refs: []int{right}}
	for i, n := range nums {
		r, _ := p.Ref(n)
		q.Choices = append(q.Choices, fmt.Sprintf("[%d] %s", n, r.Short()))
		if n == right {
			q.Answer = i
		}
	}
	q.Explanation = fmt.Sprintf("[%d] mentions “%s”.", right, t.Term)
	return q, true
}

func anyIn(refs []int, pool []corpus.Reference) bool {
	for _, n := range refs {
		for _, r := range pool {
			if r.N == n {
				return true
			}
		}
	}
	return false
}
