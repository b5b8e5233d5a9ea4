package answer

import (
	"math"
	"strings"
	"sync"

	"paperbot/corpus"
	"paperbot/retrieval"
	"paperbot/retrieval/lexicon"
	"paperbot/retrieval/study"
)

// paperInfo is what the engine precomputes per paper.
type paperInfo struct {
	paper    *corpus.Paper
	refs     map[int]*corpus.Reference // real reference numbers
	passages []retrieval.Passage
	byID     map[string]int      // passage ID -> index into passages
	pterms   []map[string]bool   // index terms per passage (text and keywords)
	absAt    map[int]absPlace    // abstract passage index -> its place in the abstract
	sections map[int]SectionKind // body passage index -> kind of its section
	bare     map[int]bool        // passages that are labels, sub-headings or signposts: never quoted as an answer
	citedBy  map[int][]int       // reference number -> body passages citing it
	words    map[string]bool     // every lower-cased word of the paper
	df       map[string]int      // index term -> passages holding it
	byLen    map[int][]string    // words of the paper by rune length, for typo correction
	n        int                 // passages

	bgOnce     sync.Once // background statistics, computed on first use
	bgMu, bgSD float64

	skOnce  sync.Once // cognate skeletons, computed on first use (cognate.go)
	skWords []skeletonWord

	absRolesOnce  sync.Once    // abstract sentences' roles, on first use (role)
	absRoles      map[int]Role // abstract passage index -> role
	bodyRolesOnce sync.Once    // body sentences' roles, on first use (role)
	bodyRoles     map[int]Role // body and caption passage index -> role

	spellOnce sync.Once         // spellings, on first use (spelling.go)
	spelled   map[string]string // a way of typing a word of the paper -> the paper's word

	glossOnce sync.Once // the glossary, built on first use (glossary)
	gloss     []study.Term

	pinsMu sync.Mutex
	pins   map[string]pinQuestion // pinned questions as read against this paper (pins.go)
}

func newPaperInfo(p *corpus.Paper) *paperInfo {
	pi := &paperInfo{paper: p, refs: map[int]*corpus.Reference{}, byID: map[string]int{},
		absAt: map[int]absPlace{}, sections: map[int]SectionKind{}, bare: map[int]bool{}, citedBy: map[int][]int{},
		words: map[string]bool{}, df: map[string]int{}, byLen: map[int][]string{}}
	for i := range p.References {
		r := &p.References[i]
		if _, dup := pi.refs[r.N]; !dup {
			pi.refs[r.N] = r
		}
	}
	pi.passages = retrieval.PassagesFor(p)
	pi.n = len(pi.passages)
	nAbs := 0
	for _, ps := range pi.passages {
		if ps.Kind == retrieval.KindAbstract {
			nAbs++
		}
	}
	absPos := 0
	var absLabel Role                       // the part of a structured abstract the sentence is in
	inline, inlineOf := SectionKind(""), "" // a sub-heading set inside a section, and that section
	for i, ps := range pi.passages {
		pi.byID[ps.ID] = i
		text := ps.Text + "\n" + ps.Keywords
		set := map[string]bool{}
		for _, t := range retrieval.Terms(text) {
			set[t] = true
		}
		pi.pterms = append(pi.pterms, set)
		for t := range set {
			pi.df[t]++
		}
		for _, w := range retrieval.Words(text) {
			if !pi.words[w] {
				pi.words[w] = true
				n := len([]rune(w))
				pi.byLen[n] = append(pi.byLen[n], w)
			}
		}
		switch ps.Kind {
		case retrieval.KindAbstract:
			if l, bare, ok := labelRole(ps.Text); ok {
				absLabel = l
				if bare {
					// A label alone ("Results.") says nothing itself.
					pi.bare[i] = true
				}
			}
			pi.absAt[i] = absPlace{pos: absPos, of: nAbs, label: absLabel}
			absPos++
		case retrieval.KindBody, retrieval.KindCaption:
			kind := sectionKind(ps.Section)
			if ps.Kind == retrieval.KindBody && isSubheading(ps.Text) {
				// "Possible limitations and future perspectives" as a
				// line of its own: the sentences after it, up to the next
				// section, are of its kind.
				inline, inlineOf = sectionKind(ps.Text), ps.Section
				pi.bare[i] = true
			}
			if inline != "" && inlineOf == ps.Section {
				kind = inline
			}
			pi.sections[i] = kind
			if isSignpost(ps.Text) || isDebris(ps.Text) {
				pi.bare[i] = true
			}
			for _, n := range ps.Cites {
				if c, ok := pi.citable(n); ok {
					pi.citedBy[c] = append(pi.citedBy[c], i)
				}
			}
		}
	}
	return pi
}

// absPlace is where an abstract sentence stands: its 0-based position,
// the abstract's length in sentences, and the label of the part of a
// structured abstract it is in ("" when none).
type absPlace struct {
	pos, of int
	label   Role
}

// role is the role of passage i: an abstract sentence's from the fitted
// model, a body sentence's or caption's from its cue phrases. Each is
// worked out for the whole abstract, or the whole body, the first time one
// is asked for: only meta questions ask, a long paper has hundreds of body
// sentences, and their cue phrases cost a few milliseconds to compile.
func (pi *paperInfo) role(i int) Role {
	if _, ok := pi.absAt[i]; ok {
		pi.absRolesOnce.Do(func() {
			pi.absRoles = make(map[int]Role, len(pi.absAt))
			for j, at := range pi.absAt {
				role := sentenceRole(pi.passages[j].Text, at.pos, at.of)
				if at.label != "" && role != RoleLimitation && role != RoleRecommendation {
					// The author's own structure outranks cue phrases.
					role = at.label
				}
				pi.absRoles[j] = role
			}
		})
		return pi.absRoles[i]
	}
	pi.bodyRolesOnce.Do(func() {
		pi.bodyRoles = map[int]Role{}
		for j, ps := range pi.passages {
			if ps.Kind == retrieval.KindBody || ps.Kind == retrieval.KindCaption {
				pi.bodyRoles[j] = bodyRole(ps.Text)
			}
		}
	})
	return pi.bodyRoles[i]
}

// isSubheading reports whether a body passage is a heading of its own
// line: a few words, no closing punctuation, naming a kind of section.
func isSubheading(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" || strings.ContainsAny(t[len(t)-1:], ".?!:;,") {
		return false
	}
	return len(strings.Fields(t)) <= 8 && sectionKind(t) != ""
}

// idf is the BM25 inverse document frequency of an index term in this paper.
func (pi *paperInfo) idf(term string) float64 {
	df := float64(pi.df[term])
	n := float64(pi.n)
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// hasBody reports whether the paper has body passages.
func (pi *paperInfo) hasBody() bool {
	for _, ps := range pi.passages {
		if ps.Kind == retrieval.KindBody {
			return true
		}
	}
	return false
}

// focusMatch is how one focus word of a question is found in the paper.
type focusMatch struct {
	word  string // as asked
	fixed string // the paper's word it was read as ("" when not found)
	term  string // index term of fixed
	found bool
	typo  bool // found only after correcting a typo
}

// matchFocus looks each focus word up in the paper: exactly, by stem, as
// the start of a longer word of the paper (five letters or more: "kyrgyz"
// finds "kyrgyzstan"), or one edit away (two for long words) from a word of
// the paper, which corrects typos against the paper's own vocabulary.
func (pi *paperInfo) matchFocus(focus []string) []focusMatch {
	out := make([]focusMatch, 0, len(focus))
	for i, w := range focus {
		m := focusMatch{word: w}
		st := retrieval.Stem(w)
		if joined := pi.closedCompound(focus, i); joined != "" {
			// "jet lag" of a paper writing "jetlag".
			m.found, m.fixed, m.term = true, joined, retrieval.Stem(joined)
			out = append(out, m)
			continue
		}
		switch {
		case pi.words[w] || pi.df[st] > 0:
			m.found, m.fixed = true, w
		case len(st) >= 5 && pi.prefixed(st):
			m.found, m.fixed = true, w
		default:
			if syn := pi.synonymIn(st); syn != "" {
				// A WordNet synonym the paper uses bridges the paraphrase.
				m.found, m.fixed = true, w
				m.term = syn
				out = append(out, m)
				continue
			}
			if v := pi.spelling(w); v != "" {
				// "auge" of "Augé", "wifi" of "Wi-Fi": the paper's word,
				// searched as the paper writes it.
				m.found, m.fixed, m.typo = true, v, true
				break
			}
			if fix := pi.correct(w); fix != "" {
				m.found, m.fixed, m.typo = true, fix, true
			}
		}
		if m.found {
			m.term = retrieval.Stem(m.fixed)
		}
		out = append(out, m)
	}
	return out
}

// closedCompound returns the paper's word that focus word i makes with
// its neighbour when the paper writes the two as one ("jet lag" as
// "jetlag", "data set" as "dataset", "rain falls" as "rainfall") and does
// not use word i alone; "" if none.
func (pi *paperInfo) closedCompound(focus []string, i int) string {
	if pi.words[focus[i]] {
		return ""
	}
	if i+1 < len(focus) && len(focus[i])+len(focus[i+1]) >= 6 {
		if w := pi.compoundWord(focus[i], focus[i+1]); w != "" {
			return w
		}
	}
	if i > 0 && len(focus[i-1])+len(focus[i]) >= 6 {
		if w := pi.compoundWord(focus[i-1], focus[i]); w != "" {
			return w
		}
	}
	return ""
}

// compoundWord returns the paper's word written as a and b together,
// also when b is a plural or a verb in -s the paper writes without it
// ("rain falls" as "rainfall"); "" if the paper has neither.
func (pi *paperInfo) compoundWord(a, b string) string {
	if pi.words[a+b] {
		return a + b
	}
	if one, ok := strings.CutSuffix(b, "s"); ok && !strings.HasSuffix(one, "s") && pi.words[a+one] {
		return a + one
	}
	return ""
}

// glossary returns the paper's key terms (study.Glossary), built once:
// the key-terms answer, /glossary in Discord and the terminal all read it.
func (pi *paperInfo) glossary() []study.Term {
	pi.glossOnce.Do(func() { pi.gloss = study.Glossary(pi.paper) })
	return pi.gloss
}

// synonymIn returns a WordNet synonym of stem that the paper uses, or "".
func (pi *paperInfo) synonymIn(stem string) string {
	for _, syn := range lexicon.Synonyms(stem) {
		if pi.df[syn] > 0 {
			return syn
		}
	}
	return ""
}

// prefixed reports whether some index term of the paper starts with st.
func (pi *paperInfo) prefixed(st string) bool {
	for t := range pi.df {
		if len(t) > len(st) && strings.HasPrefix(t, st) {
			return true
		}
	}
	return false
}

// correct returns the paper's word closest to w within one edit (two for
// words of eight letters or more), preferring the commonest; "" if none.
func (pi *paperInfo) correct(w string) string {
	n := len([]rune(w))
	if n < 4 || isNumber(w) || isEnglishWord(w) {
		return ""
	}
	limit := 1
	if n >= 8 {
		limit = 2
	}
	best, bestD, bestDF := "", limit+1, -1
	for l := n - limit; l <= n+limit; l++ {
		for _, c := range pi.byLen[l] {
			if c[0] != w[0] && limit == 1 && n < 6 {
				continue // short words: keep the first letter
			}
			d := editDistance(w, c, limit)
			if d > limit {
				continue
			}
			df := pi.df[retrieval.Stem(c)]
			if d < bestD || (d == bestD && df > bestDF) {
				best, bestD, bestDF = c, d, df
			}
		}
	}
	return best
}
