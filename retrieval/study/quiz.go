package study

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"

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
var ErrNoQuiz = errors.New("there is not enough in this paper's references to build a quiz on that; try another topic or none")

// Quiz builds count questions (1–MaxQuizCount) from the paper's references
// and key terms, optionally restricted to references matching topic. The
// seed makes it repeatable; distractors are other references of the paper.
func Quiz(p *corpus.Paper, count int, topic string, seed uint64) ([]Question, error) {
	if count < 1 || count > MaxQuizCount {
		return nil, fmt.Errorf("a quiz has 1 to %d questions", MaxQuizCount)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pool := quizPool(p, topic)
	var gens []func() (Question, bool)
	for _, t := range Glossary(p) {
		// Only specific terms make fair questions: a term in many references
		// has no single right answer.
		if len(t.Refs) <= 4 && (topic == "" || containsFold(t.Term, topic) || anyIn(t.Refs, pool)) {
			t := t
			gens = append(gens, func() (Question, bool) { return termQuestion(p, t, rng) })
		}
	}
	for _, r := range pool {
		r := r
		if len(r.Authors) > 0 {
			gens = append(gens, func() (Question, bool) { return authorQuestion(p, r, rng) })
		}
		if isYear(r.Year) {
			gens = append(gens, func() (Question, bool) { return yearQuestion(p, r, rng) })
		}
	}
	rng.Shuffle(len(gens), func(i, j int) { gens[i], gens[j] = gens[j], gens[i] })
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

// quizPool returns the references a quiz may ask about.
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

// authorQuestion: "Who wrote “Soft power: the evolution of a concept” (2021)?"
func authorQuestion(p *corpus.Paper, r corpus.Reference, rng *rand.Rand) (Question, bool) {
	right := surname(r.Authors[0])
	others := map[string]bool{}
	for _, o := range p.References {
		if len(o.Authors) > 0 && surname(o.Authors[0]) != right {
			others[surname(o.Authors[0])] = true
		}
	}
	return choiceQuestion(fmt.Sprintf("Who wrote “%s” (%s)?", r.Title, r.Year), right, keys(others), r.N, rng,
		fmt.Sprintf("[%d] is by %s.", r.N, strings.TrimSuffix(strings.Join(r.Authors, ", "), ".")))
}

// yearQuestion: "When was “China in Central Asia” published?"
func yearQuestion(p *corpus.Paper, r corpus.Reference, rng *rand.Rand) (Question, bool) {
	right := r.Year[:4]
	others := map[string]bool{}
	for _, o := range p.References {
		if isYear(o.Year) && o.Year[:4] != right {
			others[o.Year[:4]] = true
		}
	}
	return choiceQuestion(fmt.Sprintf("In which year was “%s” published?", r.Title), right, keys(others), r.N, rng,
		fmt.Sprintf("[%d] is dated %s.", r.N, r.Year))
}

func choiceQuestion(prompt, right string, others []string, ref int, rng *rand.Rand, why string) (Question, bool) {
	if len(others) < 3 {
		return Question{}, false
	}
	rng.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
	choices := append([]string{right}, others[:3]...)
	rng.Shuffle(len(choices), func(i, j int) { choices[i], choices[j] = choices[j], choices[i] })
	q := Question{Prompt: prompt, Choices: choices, Refs: []int{ref}, Explanation: why}
	for i, c := range choices {
		if c == right {
			q.Answer = i
		}
	}
	return q, true
}

func surname(author string) string {
	s, _, _ := strings.Cut(author, ",")
	return strings.TrimSpace(s)
}

func isYear(y string) bool {
	if len(y) < 4 {
		return false
	}
	for _, c := range y[:4] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	// map order is random: sort for a repeatable quiz from a seed.
	sortStrings(out)
	return out
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
