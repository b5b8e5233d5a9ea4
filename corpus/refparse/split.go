package refparse

import (
	"bufio"
	_ "embed"
	"fmt"
	"hash/fnv"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// The held-out split of the training data is fixed by split.txt, written by
// WriteSplit (go generate, see gen.go) before any model code was tuned.
//
// Rule: references are grouped into units. A source file with at most
// blockFileMin references is one unit (neighbouring references come from one
// bibliography). The large single files (AnyStyle's core, gold, good, ugly
// and bad sets, GROBID's citations.xml and a few other collections) are cut
// into blocks of blockSize consecutive references (k = 1..50 is block 0,
// 51..100 block 1, ...), and each block is a unit. A unit is held out when
// the FNV-1a hash of "heldout:" + its name is below heldOutPercent out of
// 100. Held-out references that nearly repeat a training reference (same
// normalised text, or character-trigram Jaccard >= nearDupJaccard) are
// dropped from the held-out side ("drop" lines in split.txt) and used by
// neither side.
const (
	blockFileMin   = 100
	blockSize      = 50
	heldOutPercent = 15
	devPercent     = 15
	nearDupJaccard = 0.8
)

//go:embed split.txt
var splitTxt string

// Split says which side of the fixed split an example is on.
type Split struct {
	units   map[string]bool // held-out units
	blocked map[string]bool // sources cut into blocks
	dropped map[string]bool // held-out near duplicates, by ID
}

// DefaultSplit is the committed split (split.txt).
func DefaultSplit() *Split {
	s, err := parseSplit(strings.NewReader(splitTxt))
	if err != nil {
		panic("refparse: bad embedded split.txt: " + err.Error())
	}
	return s
}

func parseSplit(r io.Reader) (*Split, error) {
	s := &Split{units: map[string]bool{}, blocked: map[string]bool{}, dropped: map[string]bool{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		kind, rest, _ := strings.Cut(line, " ")
		switch kind {
		case "blocked":
			s.blocked[rest] = true
		case "unit":
			s.units[rest] = true
		case "drop":
			s.dropped[rest] = true
		default:
			return nil, fmt.Errorf("split: unknown line %q", line)
		}
	}
	return s, sc.Err()
}

// unitOf names the unit an example belongs to.
func unitOf(source string, k int, blocked bool) string {
	if !blocked {
		return source
	}
	return source + " block " + strconv.Itoa((k-1)/blockSize)
}

func (s *Split) unit(e *Example) string { return unitOf(e.Source, e.K, s.blocked[e.Source]) }

// HeldOut reports whether e is in the held-out set used for reporting.
func (s *Split) HeldOut(e *Example) bool {
	return s.units[s.unit(e)] && !s.dropped[e.ID()]
}

// Train reports whether e may be used for training.
func (s *Split) Train(e *Example) bool { return !s.units[s.unit(e)] }

// Dev reports whether a training example is in the development slice, used
// to tune the model (never the held-out set).
func (s *Split) Dev(e *Example) bool {
	return s.Train(e) && hashPercent("dev:"+s.unit(e)) < devPercent
}

func hashPercent(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64() % 100
}

// WriteSplit applies the split rule to all examples and writes split.txt.
func WriteSplit(w io.Writer, all []Example) error {
	count := map[string]int{}
	for i := range all {
		count[all[i].Source]++
	}
	var blocked []string
	isBlocked := map[string]bool{}
	for src, n := range count {
		if n > blockFileMin {
			blocked = append(blocked, src)
			isBlocked[src] = true
		}
	}
	sort.Strings(blocked)
	held := map[string]bool{}
	var trainIdx, heldIdx []int
	for i := range all {
		u := unitOf(all[i].Source, all[i].K, isBlocked[all[i].Source])
		if hashPercent("heldout:"+u) < heldOutPercent {
			held[u] = true
			heldIdx = append(heldIdx, i)
		} else {
			trainIdx = append(trainIdx, i)
		}
	}
	drops := nearDuplicates(all, trainIdx, heldIdx)
	units := make([]string, 0, len(held))
	for u := range held {
		units = append(units, u)
	}
	sort.Strings(units)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Fixed held-out split of ../shared/refparse/train.jsonl; written by refparse.WriteSplit.\n")
	fmt.Fprintf(bw, "# %d references: %d train, %d held-out units with %d references, %d of them dropped as near duplicates of training references.\n",
		len(all), len(trainIdx), len(units), len(heldIdx), len(drops))
	for _, b := range blocked {
		fmt.Fprintf(bw, "blocked %s\n", b)
	}
	for _, u := range units {
		fmt.Fprintf(bw, "unit %s\n", u)
	}
	for _, d := range drops {
		fmt.Fprintf(bw, "drop %s\n", d)
	}
	return bw.Flush()
}

// normText lower-cases s and keeps letters and digits, single-spaced.
func normText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

func trigrams(s string) []string {
	r := []rune(s)
	seen := map[string]bool{}
	var out []string
	for i := 0; i+3 <= len(r); i++ {
		g := string(r[i : i+3])
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

// nearDuplicates returns the IDs of held-out examples that nearly repeat a
// training example, using prefix filtering on trigrams ordered by rarity.
func nearDuplicates(all []Example, trainIdx, heldIdx []int) []string {
	norm := make([]string, len(all))
	grams := make([][]string, len(all))
	freq := map[string]int{}
	for i := range all {
		norm[i] = normText(all[i].Raw)
		grams[i] = trigrams(norm[i])
		for _, g := range grams[i] {
			freq[g]++
		}
	}
	for i := range grams {
		g := grams[i]
		sort.Slice(g, func(a, b int) bool {
			if freq[g[a]] != freq[g[b]] {
				return freq[g[a]] < freq[g[b]]
			}
			return g[a] < g[b]
		})
	}
	prefix := func(n int) int { return n - int(nearDupJaccard*float64(n)) + 1 }
	exact := map[string]bool{}
	index := map[string][]int{}
	for _, i := range trainIdx {
		exact[norm[i]] = true
		g := grams[i]
		for _, t := range g[:min(len(g), prefix(len(g)))] {
			index[t] = append(index[t], i)
		}
	}
	var drops []string
	for _, h := range heldIdx {
		if exact[norm[h]] || nearAny(grams, h, index, prefix) {
			drops = append(drops, all[h].ID())
		}
	}
	sort.Strings(drops)
	return drops
}

func nearAny(grams [][]string, h int, index map[string][]int, prefix func(int) int) bool {
	g := grams[h]
	set := make(map[string]bool, len(g))
	for _, t := range g {
		set[t] = true
	}
	tried := map[int]bool{}
	for _, t := range g[:min(len(g), prefix(len(g)))] {
		for _, c := range index[t] {
			if tried[c] {
				continue
			}
			tried[c] = true
			shared := 0
			for _, u := range grams[c] {
				if set[u] {
					shared++
				}
			}
			union := len(g) + len(grams[c]) - shared
			if union > 0 && float64(shared)/float64(union) >= nearDupJaccard {
				return true
			}
		}
	}
	return false
}
