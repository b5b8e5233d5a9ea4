package corpus

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"paperbot/internal/lazyre"
)

// numberOnlyRE is a reference number printed on its own: "12.", "[12]", "12".
var numberOnlyRE = lazyre.New(`^\[?(\d{1,5})[.\])]?$`)

// urlGapRE is a URL cut at a hyphen with a space left in ("JACoW - MOPOB32").
var urlGapRE = lazyre.New(`(https?://\S*[\p{L}\d])\s+-\s*([\p{L}\d]\S*)`)

// licenceRE starts the copyright or licence note printed after a list.
var licenceRE = lazyre.New(`^(?:©|\(c\)\s|Copyright\b)`)

// refLine is one line of a reference list with the entry it starts, if any.
type refLine struct {
	i     int // index into r.lines
	n     int // printed number of the entry this line starts; 0 if none
	start bool
	text  string
}

// references reads the reference list in lines [from, to). Numbers printed
// apart from their entries (a column of numbers beside a column of
// entries) are paired with the entry line level with them; captions and
// footnotes interleaved with entries are left out; an unnumbered list
// (author–year) is split at its hanging indents and numbered 1..N in
// printed order. Gaps in the numbering are reported, never hidden.
func (r *pdfReader) references(from, to int, notes []string) (refs []Reference, _ []string, numbered bool) {
	var ls []refLine
	var nums []int // indexes into ls of number-only lines
	inCaption := -1
	listSize := r.listTypeSize(from, to)
	for i := from; i < to; i++ {
		t := r.text(i)
		if t == "" {
			continue
		}
		l := r.lines[i]
		if l.Size < 0.7*listSize && len(strings.Fields(t)) < 5 && !strings.HasSuffix(t, ".") && !numberOnlyRE.MatchString(t) {
			continue // a figure's labels set among the entries ("no yes", "Pearson residuals:")
		}
		if pdfCaptionRE.MatchString(t) && l.first {
			inCaption = l.block
		}
		if l.first && (licenceRE.MatchString(t) || sidePanelRE.MatchString(t)) {
			break // the licence note after the list
		}
		if l.block == inCaption {
			r.refCaptions = append(r.refCaptions, i)
			continue
		}
		if m := numberOnlyRE.FindStringSubmatch(t); m != nil && len(m[1]) <= 4 {
			nums = append(nums, len(ls))
		}
		ls = append(ls, refLine{i: i, text: t})
	}
	numbered = false
	// Numbers printed inline: "[3] A. Author ...", "3. Author ...".
	var st numbering
	if len(ls) > 0 {
		st = detectNumbering(ls[0].text)
	}
	if st != 0 {
		for k := range ls {
			if n, rest, ok := marker(st, ls[k].text); ok && n < 1000 && r.lines[ls[k].i].XMin < r.lines[ls[0].i].XMin+3+float64(10*len(strconv.Itoa(n))) {
				ls[k].n, ls[k].start, ls[k].text = n, true, rest
				numbered = true
			}
		}
	} else if len(ls) > 0 && r.raisedNumber(ls[0].i) > 0 {
		// Numbers set as superscripts before the entries ("¹Tufte, E. R."),
		// glued to them in the text layer.
		for k := range ls {
			if n := r.raisedNumber(ls[k].i); n > 0 {
				num := strconv.Itoa(n)
				ls[k].n, ls[k].start, ls[k].text = n, true, strings.TrimSpace(strings.TrimPrefix(ls[k].text, num))
				numbered = true
			}
		}
	}
	// Citation keys printed instead of numbers: "[Bel66] L. A. Belady …".
	var keys []string
	if st == 0 && len(ls) > 0 && keyStartRE.MatchString(ls[0].text) {
		matches := make([][]string, len(ls)) // each line's key, if it opens with one
		n := 0
		for k := range ls {
			if matches[k] = keyStartRE.FindStringSubmatch(ls[k].text); matches[k] != nil {
				n++
			}
		}
		for k, m := range matches {
			if m != nil && n >= minKeyedEntries {
				ls[k].start, ls[k].text = true, m[2]
				keys = append(keys, m[1])
			}
		}
	}
	// Numbers printed apart: pair each with the nearest line level with it
	// and to its right; a number with none stays text of its entry.
	paired := map[int]bool{}
	// Numbers printed apart may come before the heading in reading order
	// (pdftotext reads the column of numbers first): look on the list's pages.
	ls, extra := r.pageNumbers(from, to, ls)
	isNum := map[int]bool{}
	for _, k := range append(nums, extra...) {
		isNum[k] = true
	}
	var pairs []numberPair
	for _, k := range append(nums, extra...) {
		nl := r.lines[ls[k].i]
		n, _ := strconv.Atoi(numberOnlyRE.FindStringSubmatch(r.text(ls[k].i))[1])
		best, bestDX := -1, 40.0
		for j, l := range ls {
			ll := r.lines[l.i]
			if isNum[j] || ll.page != nl.page || math.Abs(ll.YMin-nl.YMin) > nl.Height()*0.6 || ll.XMin < nl.XMax-1 {
				continue
			}
			if dx := ll.XMin - nl.XMax; dx < bestDX {
				best, bestDX = j, dx
			}
		}
		if best >= 0 && n > 0 && (!ls[best].start || ls[best].n == 0) {
			pairs = append(pairs, numberPair{k, best, n})
		}
	}
	if countsUp(pairs) {
		for _, p := range pairs {
			ls[p.entry].n, ls[p.entry].start = p.n, true
			paired[p.num] = true
			numbered = true
		}
	}
	kept := ls[:0]
	for k, l := range ls {
		switch {
		case paired[k]:
			r.consumed[l.i] = true
		case k < len(ls)-len(extra):
			kept = append(kept, l)
		}
	}
	ls = kept
	if !numbered && keys == nil {
		r.hangingStarts(ls)
	}
	var cur []string
	curN := 0
	flush := func() {
		if len(cur) > 0 {
			text := joinEntry(cur)
			text = urlGapRE.ReplaceAllString(text, "$1-$2")
			refs = append(refs, parseEntry(curN, text))
		}
		cur = nil
	}
	seq := 0
	var starts []int // the line each entry of refs starts on
	for _, l := range ls {
		if l.start || (len(cur) == 0 && len(refs) == 0) {
			flush()
			starts = append(starts, l.i)
			seq++
			curN = l.n
			if !numbered {
				curN = seq
			}
		}
		if l.text != "" {
			cur = append(cur, l.text)
		}
	}
	flush()
	if !numbered && keys == nil {
		refs = r.dropAfterCaption(refs, starts)
	}
	switch {
	case keys != nil && len(keys) == len(refs):
		for i := range refs {
			refs[i].Key = keys[i]
		}
		notes = append(notes, keyedNote(keys))
	case !numbered && len(refs) > 0:
		notes = append(notes, fmt.Sprintf("the reference list is not numbered; its entries are numbered 1–%d in printed order", len(refs)))
	}
	if numbered {
		sort.SliceStable(refs, func(a, b int) bool { return refs[a].N < refs[b].N })
		notes = append(notes, numberingGaps(refs)...)
	}
	return refs, notes, numbered
}

// dropAfterCaption drops the entries of an unnumbered list that follow
// a caption when none of them has a year: the tables and figures a
// manuscript prints after its list ("Table 1", "Gnat per gram 13.65"),
// not references. Entries after a figure that floats into the list have
// their years and stay.
func (r *pdfReader) dropAfterCaption(refs []Reference, starts []int) []Reference {
	if len(r.refCaptions) == 0 || len(starts) != len(refs) {
		return refs
	}
	first := len(refs)
	for k, at := range starts {
		if at > r.refCaptions[0] {
			first = k
			break
		}
	}
	if first == 0 {
		return refs
	}
	for _, ref := range refs[first:] {
		if ref.Year != "" && ref.Year != "n.d." {
			return refs
		}
	}
	return refs[:first]
}

// listTypeSize is the type size of most of the text in lines [from, to):
// the size the entries are set in.
func (r *pdfReader) listTypeSize(from, to int) float64 {
	sizes := sizeTally{}
	for i := from; i < to; i++ {
		sizes.add(r.lines[i].Line)
	}
	return sizes.most()
}

// raisedNumber is the number a line opens with when it is set as a
// superscript (a list numbered "¹Tufte, E. R."), 0 otherwise.
func (r *pdfReader) raisedNumber(i int) int {
	l := r.lines[i]
	if len(l.Words) < 2 || !raised(l.Line)[0] {
		return 0
	}
	n, err := strconv.Atoi(l.Words[0].Text)
	if err != nil || n < 1 || n >= 1000 {
		return 0
	}
	return n
}

// numberPair is a number printed apart (index num into the list's lines)
// and the entry line level with it.
type numberPair struct{ num, entry, n int }

// countsUp reports whether numbers printed apart number a list: in the
// order of their entries, at least half of them follow the one before
// (a list's numbers count up; the tick labels of a figure after the
// list, "0 20 60 100", do not), and a lone number is 1.
func countsUp(pairs []numberPair) bool {
	if len(pairs) < 2 {
		return len(pairs) == 1 && pairs[0].n == 1
	}
	sorted := slices.Clone(pairs)
	slices.SortFunc(sorted, func(a, b numberPair) int { return a.entry - b.entry })
	next := 0
	for k := 1; k < len(sorted); k++ {
		if sorted[k].n == sorted[k-1].n+1 {
			next++
		}
	}
	return 2*next >= len(sorted)-1
}

// pageNumbers appends to ls the number-only lines outside [from, to) on
// the pages of the list, and returns their indexes in ls.
func (r *pdfReader) pageNumbers(from, to int, ls []refLine) ([]refLine, []int) {
	if from >= to {
		return ls, nil
	}
	p0, p1 := r.lines[from].page, r.lines[to-1].page
	var out []int
	for i := range r.lines {
		if (i >= from && i < to) || r.lines[i].page < p0 || r.lines[i].page > p1 || r.consumed[i] {
			continue
		}
		if m := numberOnlyRE.FindStringSubmatch(r.text(i)); m != nil && len(m[1]) <= 4 {
			out = append(out, len(ls))
			ls = append(ls, refLine{i: i, text: r.text(i)})
		}
	}
	return ls, out
}

// hangingStarts marks the first line of each entry of an unnumbered list:
// a line at the left edge of its column where other lines are indented.
func (r *pdfReader) hangingStarts(ls []refLine) {
	type col struct{ page, side int }
	edge := map[col]float64{}
	key := func(l pline) col {
		side := 0
		if p := r.doc.Pages[l.page-1]; l.XMin > p.Width/2 {
			side = 1
		}
		return col{l.page, side}
	}
	for _, l := range ls {
		pl := r.lines[l.i]
		k := key(pl)
		if e, ok := edge[k]; !ok || pl.XMin < e {
			edge[k] = pl.XMin
		}
	}
	indented := 0
	for _, l := range ls {
		pl := r.lines[l.i]
		if pl.XMin > edge[key(pl)]+4 {
			indented++
		}
	}
	for k := range ls {
		pl := r.lines[ls[k].i]
		if indented == 0 {
			ls[k].start = pl.first // no hanging indent: one entry per block
			continue
		}
		ls[k].start = pl.XMin <= edge[key(pl)]+2
	}
}

// numberingGaps reports numbers missing from 1..max and numbers printed twice.
func numberingGaps(refs []Reference) []string {
	seen := map[int]int{}
	top := 0
	for _, r := range refs {
		seen[r.N]++
		top = max(top, r.N)
	}
	var missing, twice []string
	for n := 1; n <= top; n++ {
		switch {
		case seen[n] == 0:
			missing = append(missing, strconv.Itoa(n))
		case seen[n] > 1:
			twice = append(twice, strconv.Itoa(n))
		}
	}
	var out []string
	if len(missing) > 0 {
		out = append(out, fmt.Sprintf("reference numbering gap: no entry found for [%s]", strings.Join(missing, ", ")))
	}
	if len(twice) > 0 {
		out = append(out, fmt.Sprintf("reference numbers printed more than once: [%s]", strings.Join(twice, ", ")))
	}
	return out
}
