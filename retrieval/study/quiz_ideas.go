package study

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/corpus"
)

// Blank stands for the word left out of a cloze question's sentence.
const Blank = "_____"

// Claims lists the sentences of the abstract and the body's paragraphs
// that state something a quiz can ask about: 8 to 45 words, not a
// question nor a lead-in ending in a colon, not a list of quantities, not
// opening on a pronoun that needs the sentence before it.
func Claims(p *corpus.Paper) []Place {
	var out []Place
	for _, pl := range Places(p) {
		if claimLike(pl.Text) && (pl.Abstract || !strings.HasPrefix(pl.Text, "Figure") && !strings.HasPrefix(pl.Text, "Table")) {
			out = append(out, pl)
		}
	}
	return out
}

func claimLike(s string) bool {
	words := strings.Fields(s)
	end := strings.TrimSpace(s)
	if len(words) < 8 || len(words) > 45 || strings.HasSuffix(end, "?") || strings.HasSuffix(end, ":") {
		return false
	}
	// A recipe of quantities ("0.207 mmol, 1.1 equiv.") or a run of
	// asides states no idea worth a question.
	numeric := 0
	for _, w := range words {
		if strings.ContainsAny(w, "0123456789") {
			numeric++
		}
	}
	if numeric > 3 || strings.Count(s, "(") > 2 {
		return false
	}
	first := strings.ToLower(strings.Trim(words[0], ",.;:"))
	return !pronouns[first] && first != "they" && first != "he" && first != "she" && first != "its"
}

// clozeTarget is a word of a claim worth blanking, with its position.
type clozeTarget struct {
	word       string
	start, end int // byte offsets in the sentence
	kind       wordKind
}

// wordKind groups words so that distractors look like the answer: a
// number is replaced by numbers, a describing word by describing words.
type wordKind int

const (
	kindNumber wordKind = iota + 1
	kindDescribing
	kindConcept
)

// describingEndings are English adjective endings, for choosing a word
// that carries a claim ("cooperative", "economic", "significant").
var describingEndings = []string{"ive", "al", "ic", "ous", "ful", "able", "ible", "ent", "ant", "ary", "less", "ical"}

// function words never blanked (they carry no idea of the paper).
var functionWords = map[string]bool{
	"about": true, "after": true, "again": true, "against": true, "also": true, "although": true, "among": true,
	"another": true, "because": true, "before": true, "being": true, "between": true, "both": true, "could": true,
	"during": true, "each": true, "either": true, "every": true, "first": true, "from": true, "further": true,
	"however": true, "into": true, "itself": true, "might": true, "more": true, "most": true, "much": true,
	"must": true, "other": true, "over": true, "rather": true, "same": true, "second": true, "should": true,
	"since": true, "some": true, "such": true, "than": true, "that": true, "their": true, "them": true,
	"then": true, "there": true, "these": true, "they": true, "this": true, "those": true, "through": true,
	"under": true, "until": true, "very": true, "were": true, "what": true, "when": true, "where": true,
	"whether": true, "which": true, "while": true, "with": true, "within": true, "without": true, "would": true,
	"have": true, "been": true, "will": true, "only": true, "even": true, "still": true, "paper": true,
	"study": true, "here": true, "several": true, "many": true, "often": true, "potential": true, "general": true,
	"different": true, "various": true, "current": true, "recent": true, "important": true, "certain": true,
}

// wordsOf returns the words of s with their byte offsets (letters, digits,
// inner hyphens and apostrophes).
func wordsOf(s string) []clozeTarget {
	var out []clozeTarget
	start := -1
	for i, r := range s + " " {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && (r == '-' || r == '\'' || r == '’' || r == '.' || r == ','))
		if inWord && start < 0 {
			start = i
		}
		if !inWord && start >= 0 {
			w := strings.TrimRight(s[start:i], "-'’.,")
			out = append(out, clozeTarget{word: w, start: start, end: start + len(w)})
			start = -1
		}
	}
	return out
}

// kindOf classifies a word for blanking; 0 means never blank it.
func kindOf(w string) wordKind {
	lw := strings.ToLower(w)
	if isNumber(w) {
		return kindNumber
	}
	if utf8.RuneCountInString(w) < 5 || functionWords[lw] || strings.ContainsAny(w, "0123456789") {
		return 0
	}
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
		return 0 // names: a quiz about the paper's ideas, not its cast
	}
	for _, e := range []string{"ed", "ly", "ing"} {
		if strings.HasSuffix(lw, e) {
			return 0 // verbs and adverbs make poor blanks and odd distractors
		}
	}
	for _, e := range describingEndings {
		if strings.HasSuffix(lw, e) && utf8.RuneCountInString(lw) >= 6 {
			return kindDescribing
		}
	}
	if utf8.RuneCountInString(w) >= 7 {
		return kindConcept
	}
	return 0
}

func isNumber(w string) bool {
	digits := 0
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == '.' || r == ',':
		default:
			return false
		}
	}
	return digits > 0 && digits < 5 // a count or a share, not a year-long identifier
}

// ideaQuestion builds a cloze question from a claim: a word that carries
// it is left out, and the choices are that word and three words of the
// same kind taken from the paper's other sentences. ok is false when the
// claim has no such word or the paper too few distractors.
func ideaQuestion(claim Place, pool map[wordKind][]string, rng *rand.Rand) (Question, bool) {
	var targets []clozeTarget
	for _, t := range wordsOf(claim.Text) {
		if enclosed(claim.Text, t.start) {
			continue // a citation marker or an aside, not the claim
		}
		if n, err := strconv.Atoi(t.word); err == nil && slices.Contains(claim.Cites, n) {
			continue // a superscript-style citation ("essential.4–5")
		}
		if strings.Count(strings.ToLower(claim.Text), strings.ToLower(t.word)) > 1 {
			continue // said twice: the other one gives it away
		}
		if k := kindOf(t.word); k != 0 {
			t.kind = k
			targets = append(targets, t)
		}
	}
	if len(targets) == 0 {
		return Question{}, false
	}
	// Prefer numbers and describing words: they carry the claim.
	best := targets[:0:0]
	for _, k := range []wordKind{kindNumber, kindDescribing, kindConcept} {
		for _, t := range targets {
			if t.kind == k {
				best = append(best, t)
			}
		}
		if len(best) > 0 {
			break
		}
	}
	t := best[rng.IntN(len(best))]
	var alike, others []string
	for _, w := range pool[t.kind] {
		if strings.EqualFold(w, t.word) || containsWord(claim.Text, w) || sharesStem(w, t.word) {
			continue
		}
		if sameShape(w, t.word) {
			alike = append(alike, w)
		} else {
			others = append(others, w)
		}
	}
	// Words shaped like the answer first, so its form does not give it away.
	rng.Shuffle(len(alike), func(i, j int) { alike[i], alike[j] = alike[j], alike[i] })
	rng.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
	others = append(alike, others...)
	if len(others) < 3 {
		return Question{}, false
	}
	choices := append([]string{t.word}, others[:3]...)
	rng.Shuffle(len(choices), func(i, j int) { choices[i], choices[j] = choices[j], choices[i] })
	cloze := claim.Text[:t.start] + Blank + claim.Text[t.end:]
	q := Question{
		Prompt:  fmt.Sprintf("According to the paper (%s), which word completes this statement?\n“%s”", claim.Label(), cloze),
		Choices: choices, Refs: append([]int{}, claim.Cites...),
		Explanation: fmt.Sprintf("Said in %s: “%s”", placeName(claim), claim.Text),
	}
	for i, c := range choices {
		if c == t.word {
			q.Answer = i
		}
	}
	return q, true
}

// enclosed reports whether byte offset i of s is inside brackets or
// parentheses: "[10, 11]", "(Nye, 2004)", "(n = 40)".
func enclosed(s string, i int) bool {
	depth := 0
	for _, r := range s[:i] {
		switch r {
		case '[', '(':
			depth++
		case ']', ')':
			depth = max(depth-1, 0)
		}
	}
	return depth > 0
}

// sameShape reports whether two words look alike: both plural or both
// not, and for describing words the same ending.
func sameShape(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	if strings.HasSuffix(la, "s") != strings.HasSuffix(lb, "s") {
		return false
	}
	for _, e := range describingEndings {
		if strings.HasSuffix(lb, e) {
			return strings.HasSuffix(la, e)
		}
	}
	return true
}

// placeName is a place's label for running text: "the abstract", "§2 Model, p. 3".
func placeName(pl Place) string {
	if pl.Abstract {
		return "the abstract"
	}
	return pl.Label()
}

// sharesStem reports whether two words share their first five letters
// ("cooperative" and "cooperation" would give the answer away).
func sharesStem(a, b string) bool {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	n := min(5, len(ra), len(rb))
	return string(ra[:n]) == string(rb[:n])
}

// distractorPool gathers the paper's own words by kind, each once, in
// reading order: the choices a cloze question offers besides the answer.
func distractorPool(claims []Place) map[wordKind][]string {
	pool := map[wordKind][]string{}
	seen := map[string]bool{}
	for _, c := range claims {
		for _, t := range wordsOf(c.Text) {
			k := kindOf(t.word)
			key := strings.ToLower(t.word)
			if k == 0 || seen[key] {
				continue
			}
			seen[key] = true
			pool[k] = append(pool[k], t.word)
		}
	}
	return pool
}

// SourceOf finds the sentence a cloze question was built from, given its
// prompt and answer, so an answer key stored without it can still say
// where the paper says it; nil when the prompt is not a cloze question of
// this paper.
func SourceOf(p *corpus.Paper, prompt, answer string) *Place {
	// The sentence is quoted on the prompt's second line; it may hold
	// quotation marks of its own.
	i, j := strings.Index(prompt, "\n“"), strings.LastIndex(prompt, "”")
	if i >= 0 {
		i++
	}
	if i < 0 || j < i || !strings.Contains(prompt[i:j], Blank) {
		return nil
	}
	filled := strings.Replace(prompt[i+len("“"):j], Blank, answer, 1)
	for _, pl := range Places(p) {
		if pl.Text == filled {
			return &pl
		}
	}
	return nil
}
