package refparse

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fnv-1a, 32 bits: a feature is the hash of its template and value.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

type fhash uint32

func newHash(template string) fhash {
	h := fhash(fnvOffset)
	return h.add(template)
}

func (h fhash) add(s string) fhash {
	for i := 0; i < len(s); i++ {
		h ^= fhash(s[i])
		h *= fnvPrime
	}
	h ^= 0xff // separator
	h *= fnvPrime
	return h
}

// tokInfo is what the features of neighbouring tokens read.
type tokInfo struct {
	lower string // lower-cased word
	core  string // lower-cased word without surrounding punctuation
	shape string
	lex   string // learned lexicon class of core, "" if unknown
	last  string // last character if punctuation, else ""
	first string // first character if punctuation, else ""
}

// lexicon maps a lower-cased word to its learned class: the labels it most
// often carries in the training data, with a coarse share (see lexClass).
type lexicon map[string]string

func (l lexicon) class(w string) string { return l[w] }

// wordClasses gives the learned class of a lower-cased word: a lexicon
// while training, the packed lexicon of a loaded model.
type wordClasses interface{ class(w string) string }

func info(t string, lex wordClasses) tokInfo {
	low := strings.ToLower(t)
	core := strings.TrimFunc(low, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	ti := tokInfo{lower: low, core: core, shape: shape(t), lex: lex.class(core)}
	if r, _ := utf8.DecodeLastRuneInString(t); unicode.IsPunct(r) || unicode.IsSymbol(r) {
		ti.last = string(r)
	}
	if r, _ := utf8.DecodeRuneInString(t); unicode.IsPunct(r) || unicode.IsSymbol(r) {
		ti.first = string(r)
	}
	return ti
}

// shape maps letters to X/x, digits to d and keeps punctuation, collapsing
// repeats beyond two ("Smith," -> "Xxx,"; "2019)." -> "dd).").
func shape(t string) string {
	var b strings.Builder
	var prev rune
	rep := 0
	for _, r := range t {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == prev {
			rep++
			if rep >= 2 {
				continue
			}
		} else {
			rep = 0
		}
		prev = c
		b.WriteRune(c)
	}
	return b.String()
}

func isYear(core string) bool {
	if len(core) == 5 && core[4] >= 'a' && core[4] <= 'z' {
		core = core[:4]
	}
	if len(core) != 4 {
		return false
	}
	n, err := strconv.Atoi(core)
	return err == nil && n >= 1500 && n <= 2099
}

// kind names a token's pattern: year, page range, number, initial, URL, DOI...
func kind(t, core string) string {
	low := strings.ToLower(t)
	switch {
	case strings.Contains(low, "doi.org") || strings.HasPrefix(low, "doi:") || strings.HasPrefix(core, "10."):
		return "doi"
	case strings.Contains(low, "://") || strings.HasPrefix(low, "www.") || strings.HasPrefix(low, "<http"):
		return "url"
	case isYear(core):
		return "year"
	case isRange(core):
		return "range"
	case core != "" && strings.Trim(core, "0123456789") == "":
		return "num" + strconv.Itoa(min(len(core), 5))
	case isInitial(t):
		return "initial"
	case strings.ContainsAny(core, "0123456789"):
		return "alnum"
	}
	return ""
}

func isRange(s string) bool {
	for _, sep := range []string{"-", "–", "—"} {
		if a, b, ok := strings.Cut(s, sep); ok && a != "" && b != "" &&
			strings.Trim(a, "0123456789") == "" && strings.Trim(b, "0123456789") == "" {
			return true
		}
	}
	return false
}

// isInitial: "J.", "J.-P.", "JK", "J.K.," and the like.
func isInitial(t string) bool {
	t = strings.TrimRight(t, ",;")
	letters, dots := 0, 0
	for _, r := range t {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.':
			dots++
		case r == '-':
		default:
			return false
		}
	}
	return letters > 0 && (dots > 0 || letters <= 3)
}

// features computes the hashed features of every token. The state features
// (quote, brackets, a year already seen, "In" seen, sentence breaks) scan the
// string left to right.
func features(toks []Token, lex wordClasses, buf []fhash) [][]fhash {
	n := len(toks)
	infos := make([]tokInfo, n)
	for i, t := range toks {
		infos[i] = info(t.Text, lex)
	}
	get := func(i int) tokInfo {
		if i < 0 {
			return tokInfo{lower: "<s>", core: "<s>", shape: "<s>", lex: "<s>"}
		}
		if i >= n {
			return tokInfo{lower: "</s>", core: "</s>", shape: "</s>", lex: "</s>"}
		}
		return infos[i]
	}
	segs := segments(toks, infos)
	out := make([][]fhash, n)
	quotes, parens, breaks := 0, 0, 0
	yearSeen, inSeen, urlSeen := false, false, false
	for i, t := range toks {
		ti := infos[i]
		k := kind(t.Text, ti.core)
		pos := strconv.Itoa(i * 10 / n)
		st := strconv.Itoa(min(breaks, 4)) + "q" + strconv.Itoa(quotes%2) + "p" + strconv.Itoa(min(parens, 1))
		f := buf[:0]
		add := func(tmpl string, vals ...string) {
			h := newHash(tmpl)
			for _, v := range vals {
				h = h.add(v)
			}
			f = append(f, h)
		}
		add("b")
		add("w", ti.lower)
		add("c", ti.core)
		add("s", ti.shape)
		add("k", k)
		add("lx", ti.lex)
		add("pos", pos)
		add("first", strconv.Itoa(min(i, 3)))
		add("last", strconv.Itoa(min(n-1-i, 3)))
		add("ls", ti.last)
		add("fs", ti.first)
		add("st", st)
		add("yr", strconv.FormatBool(yearSeen))
		add("in", strconv.FormatBool(inSeen))
		add("url", strconv.FormatBool(urlSeen))
		add("s*pos", ti.shape, pos)
		add("lx*st", ti.lex, st)
		add("k*yr", k, strconv.FormatBool(yearSeen))
		add("s*br", ti.shape, strconv.Itoa(min(breaks, 4)))
		if r := []rune(ti.core); len(r) > 0 {
			for l := 1; l <= 3 && l <= len(r); l++ {
				add("p"+strconv.Itoa(l), string(r[:l]))
				add("x"+strconv.Itoa(l), string(r[len(r)-l:]))
			}
			if unicode.IsUpper([]rune(t.Text)[0]) {
				add("cap")
			}
		}
		for _, d := range []int{-2, -1, 1, 2} {
			o := get(i + d)
			ds := strconv.Itoa(d)
			add("w"+ds, o.core)
			add("s"+ds, o.shape)
			add("lx"+ds, o.lex)
			if d == -1 || d == 1 {
				add("ls"+ds, o.last)
				add("lx*lx"+ds, ti.lex, o.lex)
				add("s*s"+ds, ti.shape, o.shape)
				add("k*k"+ds, k, kind(o.lower, o.core))
			}
		}
		sg := segs[i]
		add("sg", sg.desc)
		add("sg1", sg.first)
		add("sgi", strconv.Itoa(min(sg.index, 5)), strconv.Itoa(min(i-sg.start, 3)))
		add("sg*s", sg.desc, ti.shape)
		add("sg*lx", sg.desc, ti.lex)
		add("sg1*i", sg.first, strconv.Itoa(min(sg.index, 5)))
		add("w-1*w", get(i-1).core, ti.core)
		add("w*w1", ti.core, get(i+1).core)
		out[i] = append([]fhash(nil), f...)
		buf = f
		// State after this token.
		for _, r := range t.Text {
			switch r {
			case '"', '“', '”', '«', '»', '„':
				quotes++
			case '(', '[':
				parens++
			case ')', ']':
				if parens > 0 {
					parens--
				}
			}
		}
		if k == "year" {
			yearSeen = true
		}
		if k == "url" || k == "doi" {
			urlSeen = true
		}
		if ti.core == "in" {
			inSeen = true
		}
		if strings.HasSuffix(t.Text, ".") && !isInitial(t.Text) && len(ti.core) > 1 {
			breaks++
		}
	}
	return out
}

// segment describes the run of tokens between two sentence-like breaks
// (a word ending in '.', '?', '!' or ':' that is not an initial, or a
// closing quote) that a token sits in.
type segment struct {
	start, index int
	first        string // lexicon class (or core) of the segment's first word
	desc         string // length bin, has a year, has digits, share capitalised
}

func segments(toks []Token, infos []tokInfo) []segment {
	out := make([]segment, len(toks))
	start, index := 0, 0
	flush := func(end int) {
		yr, dig, caps := false, false, 0
		for j := start; j < end; j++ {
			k := kind(toks[j].Text, infos[j].core)
			yr = yr || k == "year"
			dig = dig || strings.HasPrefix(k, "num") || k == "range"
			if r, _ := utf8.DecodeRuneInString(toks[j].Text); unicode.IsUpper(r) {
				caps++
			}
		}
		l := end - start
		first := infos[start].lex
		if first == "" {
			first = infos[start].core
		}
		desc := strconv.Itoa(min(l, 6)) + strconv.FormatBool(yr) + strconv.FormatBool(dig) + strconv.Itoa(4*caps/l)
		for j := start; j < end; j++ {
			out[j] = segment{start: start, index: index, first: first, desc: desc}
		}
		start = end
		index++
	}
	for i, t := range toks {
		r, _ := utf8.DecodeLastRuneInString(t.Text)
		brk := strings.ContainsRune(".?!:”»", r) && !isInitial(t.Text) ||
			strings.HasSuffix(t.Text, "”,") || strings.HasSuffix(t.Text, "\",") || strings.HasSuffix(t.Text, "),")
		if brk || i == len(toks)-1 {
			flush(i + 1)
		}
	}
	return out
}
