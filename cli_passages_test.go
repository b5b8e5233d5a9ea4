package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func passagesCmd(a []string, o, e *bytes.Buffer) int { return runPassages(a, o, e) }

type passageRow struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Section string `json:"section"`
	Page    int    `json:"page"`
	Text    string `json:"text"`
	Cites   []int  `json:"cites"`
}

// passagesJSON runs `passages --json` and checks the keys of every row
// against docs/passages.md.
func passagesJSON(t *testing.T, args ...string) []passageRow {
	t.Helper()
	code, out, errs := runCmd(t, passagesCmd, append([]string{"--json"}, args...)...)
	if code != 0 || errs != "" {
		t.Fatalf("code %d stderr %q", code, errs)
	}
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	for _, row := range raw {
		var keys []string
		for k := range row {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		want := []string{"cites", "id", "kind", "section", "text"}
		if !slices.Equal(keys, want) { // text files: no page
			t.Fatalf("keys %v, want %v", keys, want)
		}
		if !bytes.HasPrefix(row["cites"], []byte("[")) {
			t.Fatalf("cites = %s, want an array", row["cites"])
		}
	}
	var rows []passageRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestPassagesDefaultPaper(t *testing.T) {
	rows := passagesJSON(t)
	kinds := map[string]int{}
	for _, r := range rows {
		kinds[r.Kind]++
		switch r.Kind {
		case "reference":
			if len(r.Cites) != 1 || !strings.HasSuffix(r.ID, "/ref/"+strconv.Itoa(r.Cites[0])) {
				t.Errorf("reference %s cites %v, want its own number", r.ID, r.Cites)
			}
		case "abstract", "metadata":
			if len(r.Cites) != 0 || r.Section != "" {
				t.Errorf("%s: cites %v section %q", r.ID, r.Cites, r.Section)
			}
		default:
			t.Errorf("the default paper has no body, got %s", r.ID)
		}
	}
	if kinds["reference"] != 28 || kinds["metadata"] != 1 || kinds["abstract"] < 15 {
		t.Errorf("kinds %v", kinds)
	}
}

func TestPassagesBodyCites(t *testing.T) {
	rows := passagesJSON(t, "--paper", filepath.Join("corpus", "testdata", "papers", "tide-ledger.txt"))
	byStart := map[string]passageRow{}
	for _, r := range rows {
		if r.Kind == "body" || r.Kind == "caption" {
			byStart[strings.Join(strings.Fields(r.Text)[:3], " ")] = r
		}
	}
	cases := []struct {
		start, kind, section string
		cites                []int
	}{
		{"Harbour cooperatives are", "body", "1. Introduction", []int{1}},
		{"Shared ledgers that", "body", "1. Introduction", []int{2, 3, 4, 5, 6}},
		{"We ask whether", "body", "1. Introduction", []int{}},
		{"The idea of", "body", "2.1 Pages and signatures", []int{4, 5, 7}},
		{"Figure 1. A", "caption", "2.1 Pages and signatures", []int{4}},
		{"A member who", "body", "2.2 Settling disputes", []int{3}}, // [9] is not in the list
		{"The probability that", "body", "3. Trial", []int{8}},
	}
	for _, c := range cases {
		r, ok := byStart[c.start]
		if !ok {
			t.Errorf("no passage starting %q", c.start)
			continue
		}
		if r.Kind != c.kind || r.Section != c.section || !slices.Equal(r.Cites, c.cites) || r.Page != 0 {
			t.Errorf("%q: %s in %q cites %v page %d; want %s in %q cites %v", c.start, r.Kind, r.Section, r.Cites, r.Page, c.kind, c.section, c.cites)
		}
		if !strings.HasPrefix(r.ID, "tide-ledger/"+c.kind+"/") {
			t.Errorf("id %s", r.ID)
		}
	}
}

func TestPassagesText(t *testing.T) {
	code, out, _ := runCmd(t, passagesCmd, "--paper", filepath.Join("corpus", "testdata", "papers", "tide-ledger.txt"))
	if code != 0 || !strings.Contains(out, "\n## 2.2 Settling disputes\n") ||
		!strings.Contains(out, "(cites [2, 3, 4, 5, 6])") {
		t.Errorf("code %d, listing:\n%s", code, out)
	}
	if code, _, errs := runCmd(t, passagesCmd, "extra"); code != 2 || !strings.Contains(errs, "usage") {
		t.Errorf("extra argument: code %d stderr %q", code, errs)
	}
}
