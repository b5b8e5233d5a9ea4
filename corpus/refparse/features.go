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

func info(t, low, shape string, lex wordClasses) tokInfo {
	core := trimCore(low)
	ti := tokInfo{lower: low, core: core, shape: shape, lex: lex.class(core)}
	if r, _ := utf8.DecodeLastRuneInString(t); unicode.IsPunct(r) || unicode.IsSymbol(r) {
		ti.last = string(r)
	}
	if r, _ := utf8.DecodeRuneInString(t); unicode.IsPunct(r) || unicode.IsSymbol(r) {
		ti.first = string(r)
	}
	return ti
}

// trimCore trims everything but letters and digits from both ends of s
// (strings.TrimFunc with that test, with a fast path for ASCII).
func trimCore(s string) string {
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if isAlnumByte(c) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		i += n
	}
	j := len(s)
	for j > i {
		if c := s[j-1]; c < utf8.RuneSelf {
			if isAlnumByte(c) {
				break
			}
			j--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s[i:j])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		j -= n
	}
	return s[i:j]
}

// appendLower appends strings.ToLower(t) to b (without allocating for
// ASCII).
func appendLower(b []byte, t string) []byte {
	for i := 0; i < len(t); i++ {
		if t[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(t)...)
		}
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// appendShape appends the shape of t to b: letters map to X/x, digits to d
// and punctuation is kept, collapsing repeats beyond two ("Smith," ->
// "Xxx,"; "2019)." -> "dd).").
func appendShape(b []byte, t string) []byte {
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
		b = utf8.AppendRune(b, c)
	}
	return b
}

func isYear(core string) bool {
	if len(core) == 5 && core[4] >= 'a' && core[4] <= 'z' {
		core = core[:4]
	}
	if len(core) != 4 {
		return false
	}
	n := 0
	for i := range 4 {
		c := core[i]
		if c < '0' || c > '9' {
			return false // a sign or a letter: not a year either way
		}
		n = n*10 + int(c-'0')
	}
	return n >= 1500 && n <= 2099
}

// allDigits reports whether s is made of ASCII digits only (true for "").
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// hasDigit reports whether s has an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// numKind names the kinds of all-digit tokens by length (capped at 5).
var numKind = [...]string{"", "num1", "num2", "num3", "num4", "num5"}

// kind names a token's pattern: year, page range, number, initial, URL, DOI...
func kind(t, core string) string { return kindOf(t, strings.ToLower(t), core) }

// kindOf is kind with the lower-cased token already at hand.
func kindOf(t, low, core string) string {
	switch {
	case strings.Contains(low, "doi.org") || strings.HasPrefix(low, "doi:") || strings.HasPrefix(core, "10."):
		return "doi"
	case strings.Contains(low, "://") || strings.HasPrefix(low, "www.") || strings.HasPrefix(low, "<http"):
		return "url"
	case isYear(core):
		return "year"
	case isRange(core):
		return "range"
	case core != "" && allDigits(core):
		return numKind[min(len(core), 5)]
	case isInitial(t):
		return "initial"
	case hasDigit(core):
		return "alnum"
	}
	return ""
}

func isRange(s string) bool {
	for _, sep := range rangeSeps {
		if a, b, ok := strings.Cut(s, sep); ok && a != "" && b != "" && allDigits(a) && allDigits(b) {
			return true
		}
	}
	return false
}

var rangeSeps = [...]string{"-", "–", "—"}

// isInitial: "J.", "J.-P.", "JK", "J.K.," and the like.
func isInitial(t string) bool {
	for len(t) > 0 && (t[len(t)-1] == ',' || t[len(t)-1] == ';') {
		t = t[:len(t)-1]
	}
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

// featBuf holds the working slices of features, reused across calls by
// the labeller (nil: allocate, as training does, which keeps the result).
type featBuf struct {
	infos         []tokInfo
	kinds, lkinds []string
	ends          []int
	shapes        []byte
	segs, chunks  []segment
	sgTxt, chTxt  []fhash
	out           [][]fhash
	flat          []fhash
}

// grow returns s with length n, reusing its array when it is big enough
// (the contents are stale: callers overwrite every element).
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// features computes the hashed features of every token. The state features
// (quote, brackets, a year already seen, "In" seen, sentence breaks) scan the
// string left to right. Template hashes are precomputed and values hashed
// in place, so a token's features cost no allocation (the hashes are those
// of newHash(template).add(value)...). With a buffer, the result lives in
// it and is valid until the buffer's next use.
func features(toks []Token, lex wordClasses, buf *featBuf) [][]fhash {
	if buf == nil {
		buf = &featBuf{}
	}
	n := len(toks)
	infos := grow(buf.infos, n)
	kinds := grow(buf.kinds, n)   // kind of the token as printed
	lkinds := grow(buf.lkinds, n) // kind of its lower-cased form (neighbours)
	ends := grow(buf.ends, 2*n)   // per token: end of its shape, of its lower case
	// Shapes and lower-cased words are built in one buffer and cut from
	// one string.
	sb := buf.shapes[:0]
	for i, t := range toks {
		sb = appendShape(sb, t.Text)
		ends[2*i] = len(sb)
		sb = appendLower(sb, t.Text)
		ends[2*i+1] = len(sb)
	}
	buf.shapes = sb
	all := string(sb)
	for i, t := range toks {
		from := 0
		if i > 0 {
			from = ends[2*i-1]
		}
		infos[i] = info(t.Text, all[ends[2*i]:ends[2*i+1]], all[from:ends[2*i]], lex)
		kinds[i] = kindOf(t.Text, infos[i].lower, infos[i].core)
		lkinds[i] = kindOf(infos[i].lower, infos[i].lower, infos[i].core)
	}
	buf.infos, buf.kinds, buf.lkinds, buf.ends = infos, kinds, lkinds, ends
	get := func(i int) tokInfo {
		if i < 0 {
			return startInfo
		}
		if i >= n {
			return endInfo
		}
		return infos[i]
	}
	getKind := func(i int) string {
		if i < 0 || i >= n {
			return kind(get(i).lower, get(i).core)
		}
		return lkinds[i]
	}
	segs := segments(toks, infos, kinds, buf.segs)
	chunks := chunkSegs(toks, buf.chunks)
	sgTxt := runHashes(segs, infos, tSgTxt, buf.sgTxt)
	chTxt := runHashes(chunks, infos, tChTxt, buf.chTxt)
	buf.segs, buf.chunks, buf.sgTxt, buf.chTxt = segs, chunks, sgTxt, chTxt
	out := grow(buf.out, n)
	flat := buf.flat[:0]
	if cap(flat) < n*maxFeatures {
		flat = make([]fhash, 0, n*maxFeatures)
	}
	buf.out, buf.flat = out, flat
	quotes, parens, breaks := 0, 0, 0
	yearSeen, inSeen, urlSeen := false, false, false
	for i, t := range toks {
		ti := infos[i]
		k := kinds[i]
		pos := smallInt[i*10/n]
		st := stateName[min(breaks, 4)][quotes%2][min(parens, 1)]
		f := flat[len(flat):]
		f = append(f, tB, tW.add(ti.lower), tC.add(ti.core), tS.add(ti.shape), tK.add(k), tLx.add(ti.lex),
			tPos.add(pos), tFirst.add(smallInt[min(i, 3)]), tLast.add(smallInt[min(n-1-i, 3)]),
			tLs.add(ti.last), tFs.add(ti.first), tSt.add(st), tYr.add(boolName(yearSeen)),
			tIn.add(boolName(inSeen)), tURL.add(boolName(urlSeen)), tSPos.add(ti.shape).add(pos),
			tLxSt.add(ti.lex).add(st), tKYr.add(k).add(boolName(yearSeen)),
			tSBr.add(ti.shape).add(smallInt[min(breaks, 4)]))
		if c := ti.core; c != "" {
			runes := utf8.RuneCountInString(c)
			for l := 1; l <= 3 && l <= runes; l++ {
				f = append(f, tPre[l].add(c[:runePrefix(c, l)]), tSuf[l].add(c[runeSuffix(c, l):]))
			}
			if r, _ := utf8.DecodeRuneInString(t.Text); unicode.IsUpper(r) {
				f = append(f, tCap)
			}
		}
		for j, d := range neighbours {
			o := get(i + d)
			f = append(f, tNW[j].add(o.core), tNS[j].add(o.shape), tNLx[j].add(o.lex))
			if d == -1 || d == 1 {
				f = append(f, tNLs[j].add(o.last), tNLxLx[j].add(ti.lex).add(o.lex),
					tNSS[j].add(ti.shape).add(o.shape), tNKK[j].add(k).add(getKind(i+d)))
			}
		}
		sg := segs[i]
		f = append(f, tSg.add(sg.desc), tSg1.add(sg.first),
			tSgi.add(smallInt[min(sg.index, 5)]).add(smallInt[min(i-sg.start, 3)]),
			tSgS.add(sg.desc).add(ti.shape), tSgLx.add(sg.desc).add(ti.lex),
			tSg1I.add(sg.first).add(smallInt[min(sg.index, 5)]),
			tWm1W.add(get(i-1).core).add(ti.core), tWW1.add(ti.core).add(get(i+1).core),
			sgTxt[i], chTxt[i])
		out[i] = f[:len(f):len(f)]
		flat = flat[:len(flat)+len(f)]
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

// maxFeatures bounds the features of one token (for the flat buffer).
const maxFeatures = 64

var (
	startInfo = tokInfo{lower: "<s>", core: "<s>", shape: "<s>", lex: "<s>"}
	endInfo   = tokInfo{lower: "</s>", core: "</s>", shape: "</s>", lex: "</s>"}

	smallInt   = [...]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}
	neighbours = [...]int{-2, -1, 1, 2}
	stateName  [5][2][2]string

	tB, tW, tC, tS, tK, tLx, tPos, tFirst, tLast, tLs, tFs, tSt, tYr, tIn, tURL fhash
	tSPos, tLxSt, tKYr, tSBr, tCap                                              fhash
	tSg, tSg1, tSgi, tSgS, tSgLx, tSg1I, tWm1W, tWW1, tSgTxt, tChTxt            fhash
	tPre, tSuf                                                                  [4]fhash
	tNW, tNS, tNLx, tNLs, tNLxLx, tNSS, tNKK                                    [4]fhash
)

func init() {
	for b := range 5 {
		for q := range 2 {
			for p := range 2 {
				stateName[b][q][p] = strconv.Itoa(b) + "q" + strconv.Itoa(q) + "p" + strconv.Itoa(p)
			}
		}
	}
	tB, tW, tC, tS, tK, tLx = newHash("b"), newHash("w"), newHash("c"), newHash("s"), newHash("k"), newHash("lx")
	tPos, tFirst, tLast, tLs, tFs = newHash("pos"), newHash("first"), newHash("last"), newHash("ls"), newHash("fs")
	tSt, tYr, tIn, tURL = newHash("st"), newHash("yr"), newHash("in"), newHash("url")
	tSPos, tLxSt, tKYr, tSBr, tCap = newHash("s*pos"), newHash("lx*st"), newHash("k*yr"), newHash("s*br"), newHash("cap")
	tSg, tSg1, tSgi, tSgS = newHash("sg"), newHash("sg1"), newHash("sgi"), newHash("sg*s")
	tSgLx, tSg1I, tWm1W, tWW1 = newHash("sg*lx"), newHash("sg1*i"), newHash("w-1*w"), newHash("w*w1")
	tSgTxt, tChTxt = newHash("sgtxt"), newHash("chtxt")
	for l := 1; l <= 3; l++ {
		tPre[l], tSuf[l] = newHash("p"+strconv.Itoa(l)), newHash("x"+strconv.Itoa(l))
	}
	for j, d := range neighbours {
		ds := strconv.Itoa(d)
		tNW[j], tNS[j], tNLx[j], tNLs[j] = newHash("w"+ds), newHash("s"+ds), newHash("lx"+ds), newHash("ls"+ds)
		tNLxLx[j], tNSS[j], tNKK[j] = newHash("lx*lx"+ds), newHash("s*s"+ds), newHash("k*k"+ds)
	}
}

func boolName(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// runePrefix returns the byte length of the first l runes of s.
func runePrefix(s string, l int) int {
	i := 0
	for range l {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return i
}

// runeSuffix returns the byte offset of the last l runes of s.
func runeSuffix(s string, l int) int {
	i := len(s)
	for range l {
		_, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
	}
	return i
}

// segment describes the run of tokens between two sentence-like breaks
// (a word ending in '.', '?', '!' or ':' that is not an initial, or a
// closing quote) that a token sits in.
type segment struct {
	start, end int // the segment is tokens [start, end)
	index      int
	first      string // lexicon class (or core) of the segment's first word
	desc       string // length bin, has a year, has digits, share capitalised
}

func segments(toks []Token, infos []tokInfo, kinds []string, buf []segment) []segment {
	out := grow(buf, len(toks))
	start, index := 0, 0
	flush := func(end int) {
		yr, dig, caps := false, false, 0
		for j := start; j < end; j++ {
			k := kinds[j]
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
			out[j] = segment{start: start, end: end, index: index, first: first, desc: desc}
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

// chunkSegs cuts the tokens into chunks at every word that ends in a
// comma, semicolon, colon, '?' or '!', a closing bracket or quote, or a
// full stop that does not end an initial; only the chunks' bounds are set.
func chunkSegs(toks []Token, buf []segment) []segment {
	out := grow(buf, len(toks))
	start := 0
	for i, t := range toks {
		r, _ := utf8.DecodeLastRuneInString(t.Text)
		brk := strings.ContainsRune(",;:?!)]”»\"", r) || r == '.' && !isInitial(t.Text)
		if brk || i == len(toks)-1 {
			for j := start; j <= i; j++ {
				out[j] = segment{start: start, end: i + 1}
			}
			start = i + 1
		}
	}
	return out
}

// runHashes gives every token the feature naming the words (their cores)
// of its segment or chunk: a run of words seen in training as a whole, such
// as a journal's name, is then known as such.
func runHashes(runs []segment, infos []tokInfo, template fhash, buf []fhash) []fhash {
	out := grow(buf, len(runs))
	for i := 0; i < len(runs); {
		h := template
		end := runs[i].end
		for j := i; j < end; j++ {
			h = h.add(infos[j].core)
		}
		for j := i; j < end; j++ {
			out[j] = h
		}
		i = end
	}
	return out
}
