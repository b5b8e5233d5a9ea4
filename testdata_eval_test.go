package main

// Checks the shape of the answer-level evaluation set in testdata/eval
// (see testdata/eval/README.md): keys, types, papers, reference ranges and
// the split into tuning and held-out files. It reads the files only; it does
// not run the answering engine.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paperbot/corpus"
)

// evalItem is one line of testdata/eval/tune.jsonl or heldout.jsonl.
type evalItem struct {
	ID      string `json:"id"`
	Paper   string `json:"paper"`
	Type    string `json:"type"`
	Q       string `json:"q"`
	History []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"history"`
	Refs    []int    `json:"refs"`
	Phrases []string `json:"phrases"`
	Decline bool     `json:"decline"`
	Lang    string   `json:"lang"`
}

var (
	evalKeys  = []string{"id", "paper", "type", "q", "history", "refs", "phrases", "decline", "lang"}
	evalTypes = map[string]bool{"meta": true, "abstract": true, "body": true, "which-source": true,
		"who-coined": true, "compare": true, "followup": true, "typo": true, "lang": true, "decline": true}
	evalLangs = map[string]bool{"en": true, "es": true, "fr": true, "de": true, "ru": true}
)

const heldoutPaperDir = "testdata/eval/heldout-papers/"

func readEvalFile(t *testing.T, path string) []evalItem {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var items []evalItem
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for line := 1; sc.Scan(); line++ {
		raw := sc.Bytes()
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(raw, &keys); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		for _, k := range evalKeys {
			if _, ok := keys[k]; !ok {
				t.Errorf("%s:%d: missing key %q", path, line, k)
			}
		}
		if len(keys) != len(evalKeys) {
			t.Errorf("%s:%d: %d keys, want exactly %v", path, line, len(keys), evalKeys)
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		var it evalItem
		if err := dec.Decode(&it); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("scan %s: %v", path, err)
	}
	return items
}

// splitKey is what decides the file of a question of a shared paper: the
// paper and the first user message of the conversation, so that a
// follow-up lands with the question it follows.
func splitKey(it evalItem) string {
	first := it.Q
	if len(it.History) > 0 {
		first = it.History[0].Content
	}
	return it.Paper + "\n" + strings.ToLower(strings.TrimSpace(first))
}

func inTune(it evalItem) bool {
	h := fnv.New32a()
	h.Write([]byte(splitKey(it)))
	return h.Sum32()%10 < 6
}

// refCount returns the number of references of a paper, -1 when they
// cannot be counted here (a PDF before corpus reads PDFs), and ok=false when
// the paper is absent and its questions' references cannot be checked.
func refCount(t *testing.T, paper string) (n int, ok bool) {
	t.Helper()
	switch {
	case paper == "default":
		return len(corpus.Default().References), true
	case strings.HasPrefix(paper, "shared:"):
		path := filepath.Join("..", "shared", "papers", strings.TrimPrefix(paper, "shared:"))
		if _, err := os.Stat(path); err != nil {
			if os.Getenv("CI") != "" {
				t.Errorf("paper %s: %v", paper, err)
			}
			return 0, false
		}
		// Once corpus reads PDFs, check the numbers against its reading too.
		pdf, err := corpus.ParseFile(path)
		if err != nil {
			if !errors.Is(err, corpus.ErrUnsupported) {
				t.Logf("paper %s: references not counted: %v", paper, err)
			}
			return -1, true
		}
		return len(pdf.References), true
	case strings.HasPrefix(paper, "testdata/") && strings.HasSuffix(paper, ".txt"):
		p, err := corpus.ParseFile(paper)
		if err == nil {
			return len(p.References), true
		}
		if !errors.Is(err, corpus.ErrNoReferences) {
			t.Errorf("paper %s: %v", paper, err)
			return 0, false
		}
		// An unnumbered (author-year) list: one entry a line, numbered in
		// printed order.
		n, err := unnumberedRefs(paper)
		if err != nil {
			t.Errorf("paper %s: %v", paper, err)
			return 0, false
		}
		return n, true
	}
	t.Errorf("unknown paper %q", paper)
	return 0, false
}

func unnumberedRefs(path string) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "References" {
			n := 0
			for _, r := range lines[i+1:] {
				if strings.TrimSpace(r) != "" {
					n++
				}
			}
			return n, nil
		}
	}
	return 0, fmt.Errorf("no References heading")
}

func checkEvalItem(t *testing.T, file string, it evalItem) {
	t.Helper()
	where := file + ": " + it.ID
	if it.Q == "" || it.ID == "" || it.Paper == "" {
		t.Errorf("%s: empty id, paper or q", where)
	}
	if !evalTypes[it.Type] {
		t.Errorf("%s: unknown type %q", where, it.Type)
	}
	if !evalLangs[it.Lang] {
		t.Errorf("%s: unknown lang %q", where, it.Lang)
	}
	if it.Type == "lang" && it.Lang == "en" {
		t.Errorf("%s: type lang with lang en", where)
	}
	if it.Type == "decline" && !it.Decline {
		t.Errorf("%s: type decline without decline:true", where)
	}
	if it.Decline && (len(it.Refs) > 0 || len(it.Phrases) > 0) {
		t.Errorf("%s: a decline has refs or phrases", where)
	}
	if !it.Decline && len(it.Refs) == 0 && len(it.Phrases) == 0 {
		t.Errorf("%s: an answerable question needs refs or phrases", where)
	}
	if it.Type == "which-source" && len(it.Refs) == 0 {
		t.Errorf("%s: which-source without refs", where)
	}
	for _, p := range it.Phrases {
		if p == "" || p != strings.ToLower(p) {
			t.Errorf("%s: phrase %q must be non-empty lowercase", where, p)
		}
	}
	if (it.Type == "followup") != (len(it.History) > 0) {
		t.Errorf("%s: history must be given exactly for followups", where)
	}
	for i, m := range it.History {
		want := []string{"user", "assistant"}[i%2]
		if m.Role != want || m.Content == "" {
			t.Errorf("%s: history[%d] = %q %q, want role %q with content", where, i, m.Role, m.Content, want)
		}
	}
}

func TestEvalDataSplit(t *testing.T) {
	files := map[string][]evalItem{
		"tune":    readEvalFile(t, "testdata/eval/tune.jsonl"),
		"heldout": readEvalFile(t, "testdata/eval/heldout.jsonl"),
	}
	ids := map[string]string{}
	papers := map[string]map[string]int{} // paper -> file -> count
	types := map[string]int{}
	total, declines := 0, 0
	refsOf := map[string]int{}
	for file, items := range files {
		for _, it := range items {
			checkEvalItem(t, file, it)
			if prev, dup := ids[it.ID]; dup {
				t.Errorf("id %s in %s and %s", it.ID, prev, file)
			}
			ids[it.ID] = file
			if papers[it.Paper] == nil {
				papers[it.Paper] = map[string]int{}
				if n, ok := refCount(t, it.Paper); ok {
					refsOf[it.Paper] = n
				}
			}
			papers[it.Paper][file]++
			if n, ok := refsOf[it.Paper]; ok && n >= 0 {
				for _, r := range it.Refs {
					if r < 1 || r > n {
						t.Errorf("%s: ref %d outside 1..%d of %s", it.ID, r, n, it.Paper)
					}
				}
			}
			types[it.Type]++
			total++
			if it.Decline {
				declines++
			}
			heldoutPaper := strings.HasPrefix(it.Paper, heldoutPaperDir)
			switch {
			case heldoutPaper && file != "heldout":
				t.Errorf("%s: a held-out paper's question is in %s", it.ID, file)
			case !heldoutPaper && inTune(it) != (file == "tune"):
				t.Errorf("%s: in %s, but the split rule puts it in the other file", it.ID, file)
			}
		}
	}
	if total < 400 {
		t.Errorf("%d questions, want at least 400", total)
	}
	if 4*declines < total {
		t.Errorf("%d declines of %d questions, want at least 25%%", declines, total)
	}
	if len(papers) < 5 {
		t.Errorf("%d papers, want at least 5", len(papers))
	}
	heldoutOnly := 0
	for p, by := range papers {
		if by["tune"] == 0 {
			heldoutOnly++
			continue
		}
		if by["heldout"] == 0 {
			t.Errorf("paper %s is only in tune.jsonl", p)
		}
	}
	if heldoutOnly == 0 {
		t.Error("no paper appears only in heldout.jsonl")
	}
	for typ, min := range map[string]int{"meta": 30, "followup": 20, "typo": 20, "lang": 15} {
		if types[typ] < min {
			t.Errorf("%d %s questions, want at least %d", types[typ], typ, min)
		}
	}
	for typ := range evalTypes {
		if types[typ] == 0 {
			t.Errorf("no %s questions", typ)
		}
	}
}

// TestEvalUnseen3Format checks the shape of the report-only unseen set 3
// (testdata/eval/unseen3.jsonl, see "Unseen set 3" in testdata/eval/README.md):
// keys, types, reference ranges, ids unique over all eval files, and the
// share of declines. Like TestEvalDataSplit it reads the files only.
func TestEvalUnseen3Format(t *testing.T) {
	checkEvalFile(t, evalSet{
		file:   "testdata/eval/unseen3.jsonl",
		others: presentEvalFiles("tune.jsonl", "tune2.jsonl", "heldout.jsonl", "unseen2.jsonl"),
		dirs:   []string{"testdata/eval/unseen3-papers/"},
		papers: 2,
	})
}

// unseen4SharedPaper is the one real PDF of unseen set 4, read from
// ../shared/papers/ like the other shared: papers.
const unseen4SharedPaper = "shared:douglas-2014-ace-n-domain-inhibitors.pdf"

// TestEvalUnseen4Format checks the shape of the report-only unseen set 4
// (testdata/eval/unseen4.jsonl, see "Unseen set 4" in testdata/eval/README.md):
// keys, types, reference ranges, ids unique over all eval files, and the
// share of declines. Like TestEvalDataSplit it reads the files only.
func TestEvalUnseen4Format(t *testing.T) {
	checkEvalFile(t, evalSet{
		file:   "testdata/eval/unseen4.jsonl",
		others: presentEvalFiles("tune.jsonl", "tune2.jsonl", "heldout.jsonl", "unseen2.jsonl", "unseen3.jsonl"),
		dirs:   []string{"testdata/eval/unseen4-papers/"},
		shared: map[string]int{unseen4SharedPaper: 0},
		papers: 2,
	})
}

// TestEvalUnseen5Format checks the shape of the report-only unseen set 5
// (testdata/eval/unseen5.jsonl, see "Unseen set 5" in testdata/eval/README.md):
// keys, types, reference ranges, ids unique over all eval files, and the
// share of declines. Like TestEvalDataSplit it reads the files only.
func TestEvalUnseen5Format(t *testing.T) {
	checkEvalFile(t, evalSet{
		file: "testdata/eval/unseen5.jsonl",
		others: presentEvalFiles("tune.jsonl", "tune2.jsonl", "tune3.jsonl", "heldout.jsonl",
			"unseen2.jsonl", "unseen3.jsonl", "unseen4.jsonl"),
		dirs:   []string{"testdata/eval/unseen5-papers/"},
		papers: 2,
	})
}

// tune2PaperDir holds the papers of the second tuning set (tune2.jsonl),
// written without reading the engine; like tune.jsonl it is for fitting.
const tune2PaperDir = "testdata/eval/tune2-papers/"

// TestEvalTune2Format checks testdata/eval/tune2.jsonl: the same keys and
// item rules as the main set, ids unique over it and tune.jsonl, papers
// under tune2-papers/, references inside each paper's list (read as many
// as printed, so that refs keep their printed-order numbers), every type
// present, at least 50 questions a paper and at least a quarter declines.
func TestEvalTune2Format(t *testing.T) {
	checkEvalFile(t, evalSet{
		file:    "testdata/eval/tune2.jsonl",
		others:  []string{"testdata/eval/tune.jsonl"},
		dirs:    []string{tune2PaperDir},
		printed: true,
	})
}

// tune3PaperDir holds the text paper of the third tuning set (tune3.jsonl);
// its other two papers are shared PDFs, listed in tune3SharedPapers with the
// number of entries their reference lists print.
const tune3PaperDir = "testdata/eval/tune3-papers/"

var tune3SharedPapers = map[string]int{
	"shared:branchi-2014-smart-cities-analysis-matrix.pdf": 23,
	"shared:pischalnikov-2018-lcls2-cavity-tuner-test.pdf": 5,
}

// TestEvalTune3Format checks testdata/eval/tune3.jsonl, the third tuning
// set: the same keys and item rules as the main set, ids unique over every
// eval file, papers under tune3-papers/ or one of the two shared PDFs of
// tune3SharedPapers, references inside each paper's printed list, every
// type present, at least 50 questions a paper and at least a quarter
// declines. Like the other format tests it reads the files only.
func TestEvalTune3Format(t *testing.T) {
	const file = "testdata/eval/tune3.jsonl"
	all, err := filepath.Glob(filepath.Join("testdata", "eval", "*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var others []string
	for _, path := range all {
		if filepath.ToSlash(path) != file {
			others = append(others, path)
		}
	}
	checkEvalFile(t, evalSet{
		file:    file,
		others:  others,
		dirs:    []string{tune3PaperDir},
		shared:  tune3SharedPapers,
		papers:  3,
		printed: true,
	})
}

// evalSet describes one eval file for checkEvalFile.
type evalSet struct {
	file   string   // the set, e.g. "testdata/eval/tune2.jsonl"
	others []string // the eval files whose ids it must not reuse
	dirs   []string // folders its text papers may be in
	// shared are the shared: papers it may use, each with the number of
	// entries its reference list prints, or 0 to count them with refCount.
	shared map[string]int
	papers int // how many papers it must have; 0 for any number
	// printed: its text papers' refs number the entries in printed order,
	// one a line, so the references read must be as many as printed.
	printed bool
}

// checkEvalFile checks an eval file's shape: every item by checkEvalItem,
// ids unique over it and set.others, papers in set.dirs or set.shared,
// references inside each paper's list, every type present, at least 50
// questions a paper (and set.papers papers) and at least a quarter
// declines. It reads the files only.
func checkEvalFile(t *testing.T, set evalSet) {
	t.Helper()
	name := filepath.Base(set.file)
	ids := map[string]string{}
	for _, path := range set.others {
		for _, it := range readEvalFile(t, path) {
			ids[it.ID] = filepath.Base(path)
		}
	}
	items := readEvalFile(t, set.file)
	refsOf := map[string]int{}
	perPaper := map[string]int{}
	types := map[string]int{}
	declines := 0
	for _, it := range items {
		checkEvalItem(t, name, it)
		if prev, dup := ids[it.ID]; dup {
			t.Errorf("id %s in %s and %s", it.ID, name, prev)
		}
		ids[it.ID] = name
		if _, seen := refsOf[it.Paper]; !seen {
			refsOf[it.Paper] = set.refCount(t, it.Paper)
		}
		if !set.has(it.Paper) {
			t.Errorf("%s: paper %s is neither under %s nor a shared paper of %s", it.ID, it.Paper, strings.Join(set.dirs, " or "), name)
		}
		if n := refsOf[it.Paper]; n >= 0 {
			for _, r := range it.Refs {
				if r < 1 || r > n {
					t.Errorf("%s: ref %d outside 1..%d of %s", it.ID, r, n, it.Paper)
				}
			}
		}
		perPaper[it.Paper]++
		types[it.Type]++
		if it.Decline {
			declines++
		}
	}
	if 4*declines < len(items) {
		t.Errorf("%d declines of %d questions, want at least 25%%", declines, len(items))
	}
	for typ := range evalTypes {
		if types[typ] == 0 {
			t.Errorf("no %s questions", typ)
		}
	}
	if set.papers > 0 && len(perPaper) != set.papers {
		t.Errorf("%d papers, want %d", len(perPaper), set.papers)
	}
	for p, n := range perPaper {
		t.Logf("%s: %d questions, %d references", p, n, refsOf[p])
		if n < 50 {
			t.Errorf("paper %s has %d questions, want at least 50", p, n)
		}
	}
}

// has reports whether paper is one the set may use.
func (set evalSet) has(paper string) bool {
	if _, ok := set.shared[paper]; ok {
		return true
	}
	for _, dir := range set.dirs {
		if strings.HasPrefix(paper, dir) {
			return true
		}
	}
	return false
}

// refCount returns the number of references of a paper of the set, or -1
// when they cannot be checked (the paper is absent, unreadable here, or
// not one of the set's: checkEvalFile reports that).
func (set evalSet) refCount(t *testing.T, paper string) int {
	t.Helper()
	if !set.has(paper) {
		return -1
	}
	if n := set.shared[paper]; n > 0 {
		// The printed count, whatever a PDF reading makes of it.
		return n
	}
	n, ok := refCount(t, paper)
	if set.printed && !strings.HasPrefix(paper, "shared:") {
		// refs number the entries in printed order, one a line; a reading
		// that merges or drops an entry would shift them.
		if printed, err := unnumberedRefs(paper); err != nil {
			t.Errorf("paper %s: %v", paper, err)
		} else if ok && n != printed {
			t.Errorf("paper %s: %d references read, %d printed", paper, n, printed)
		}
	}
	if !ok {
		return -1
	}
	return n
}

// presentEvalFiles returns the paths of those of the named eval files
// (in testdata/eval) that exist.
func presentEvalFiles(names ...string) []string {
	var paths []string
	for _, name := range names {
		path := filepath.Join("testdata", "eval", name)
		if _, err := os.Stat(path); err == nil {
			paths = append(paths, path)
		}
	}
	return paths
}
