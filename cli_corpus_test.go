package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func runCmd(t *testing.T, f func([]string, *bytes.Buffer, *bytes.Buffer) int, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := f(args, &out, &errb)
	return code, out.String(), errb.String()
}

func refsCmd(a []string, o, e *bytes.Buffer) int  { return runRefs(a, o, e) }
func citeCmd(a []string, o, e *bytes.Buffer) int  { return runCite(a, o, e) }
func paperCmd(a []string, o, e *bytes.Buffer) int { return runPaper(a, o, e) }

func TestRefsJSONKeys(t *testing.T) {
	code, out, errs := runCmd(t, refsCmd, "--json")
	if code != 0 || errs != "" {
		t.Fatalf("code %d stderr %q", code, errs)
	}
	var rows []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 29 {
		t.Fatalf("got %d rows", len(rows))
	}
	want := []string{"accessed", "authors", "confidence", "doi", "n", "notes", "raw", "title", "url", "venue", "year"}
	for _, row := range rows {
		var keys []string
		for k := range row {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, want) {
			t.Fatalf("keys = %v, want %v", keys, want)
		}
		for _, k := range []string{"authors", "notes"} {
			if !bytes.HasPrefix(row[k], []byte("[")) {
				t.Errorf("%s = %s, want an array", k, row[k])
			}
		}
	}
}

func TestRefsQuery(t *testing.T) {
	code, out, _ := runCmd(t, refsCmd, "nye", "2004")
	if code != 0 || strings.TrimSpace(out) != "[15] Nye 2004, Soft power The means to success in world politics" {
		t.Errorf("code %d out %q", code, out)
	}
	// Flags after the query work too.
	code, out, _ = runCmd(t, refsCmd, "Diplomat", "--json")
	var rows []struct{ N int }
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 2 || rows[0].N != 14 || rows[1].N != 29 {
		t.Errorf("code %d out %q", code, out)
	}
	code, out, errs := runCmd(t, refsCmd, "--json", "zzzz")
	if code != 0 || strings.TrimSpace(out) != "[]" || errs != "" {
		t.Errorf("no match: code %d out %q err %q", code, out, errs)
	}
	code, _, errs = runCmd(t, refsCmd, "zzzz")
	if code != 0 || !strings.Contains(errs, "no reference matches") {
		t.Errorf("no match text: code %d err %q", code, errs)
	}
}

func TestCite(t *testing.T) {
	cases := []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"16"}, 0, `[16] J. S. Nye, "Soft power: the evolution of a concept," Journal of Political Power, pp. 1-13, 2021, doi: 10.1080/2158379X.2021.1879572.`, "note: DOI link printed doubled"},
		{[]string{"--format", "apa", "15"}, 0, "Nye, J. S. (2004). Soft power The means to success in world politics. Public Affairs. https://archive.org/details/softpowermeansto00nyej/page/n11/mode/2up", ""},
		{[]string{"15", "--format=bibtex"}, 0, "@book{nye2004soft,", ""},
		{[]string{"--format", "MLA", "paper"}, 0, `Laowattanabhongse, Apisada. "China’s soft power ascendancy in Central Asia." Soc. sci. humanities j., vol. 8, no. 04, Apr. 2024, pp. 3513–3521. https://doi.org/10.18535/sshj.v8i04.1031.`, ""},
		{[]string{"28"}, 0, "[28] N. Yau,", "only the URL of [27]"},
		{[]string{"0"}, 2, "", "this paper has 29 references (1–29)"},
		{[]string{"30"}, 2, "", "this paper has 29 references (1–29)"},
		{[]string{"abc"}, 2, "", `"abc" is not a reference number; give a number from 1 to 29`},
		{[]string{}, 2, "", "give one reference number"},
		{[]string{"1", "2"}, 2, "", "expected one reference number"},
		{[]string{"--format", "chicago", "1"}, 2, "", `unknown citation format "chicago": use one of ieee, apa, mla, bibtex`},
		{[]string{"--bogus", "1"}, 2, "", "flag provided but not defined"},
	}
	for _, c := range cases {
		code, out, errs := runCmd(t, citeCmd, c.args...)
		if code != c.code || !strings.HasPrefix(out, c.out) || !strings.Contains(errs, c.err) {
			t.Errorf("cite %q: code %d out %q err %q", c.args, code, out, errs)
		}
		if c.code != 0 && (strings.Count(errs, "\n") != 1 || out != "") {
			t.Errorf("cite %q: want exactly one stderr line and no stdout, got %q / %q", c.args, out, errs)
		}
	}
}

func TestCiteBadPaper(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		path, err string
	}{
		{write("empty.txt", nil), "the file is empty"},
		{write("norefs.txt", []byte("A title\n\nSome text without a reference list.\n")), "no references heading"},
		{write("bin.txt", []byte("ab\x00\x01\x02cd")), "binary"},
		{write("latin1.txt", []byte("Caf\xe9\n\nReferences\n1. A.\n")), "not valid UTF-8"},
		{write("paper.pdf", []byte("%PDF-1.4")), "PDF"},
		{filepath.Join(dir, "missing.txt"), "file not found"},
	}
	cmds := []struct {
		name string
		f    func([]string, *bytes.Buffer, *bytes.Buffer) int
		tail []string
	}{{"cite", citeCmd, []string{"1"}}, {"refs", refsCmd, nil}, {"paper", paperCmd, []string{"--json"}}}
	for _, c := range cases {
		for _, cmd := range cmds {
			args := append([]string{"--paper", c.path}, cmd.tail...)
			code, out, errs := runCmd(t, cmd.f, args...)
			if code != 1 || out != "" || !strings.Contains(errs, c.err) || strings.Count(errs, "\n") != 1 {
				t.Errorf("%s %s: code %d out %q err %q", cmd.name, filepath.Base(c.path), code, out, errs)
			}
		}
	}
}

func TestCiteOtherPaperCRLF(t *testing.T) {
	text := "A Small Paper\r\n\r\nJane Doe\r\n\r\nAbstract\r\nIt is short. It has one reference.\r\n\r\nReferences\r\n[1] J. Doe, \"On brevity,\" J. Short Texts, vol. 1, no. 2, pp. 3-4, 2020.\r\n"
	p := filepath.Join(t.TempDir(), "small.txt")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd(t, citeCmd, "--paper", p, "--format", "apa", "1")
	if code != 0 || strings.TrimSpace(out) != "Doe, J. (2020). On brevity. J. Short Texts, 1(2), 3-4." {
		t.Errorf("code %d out %q err %q", code, out, errs)
	}
	code, _, errs = runCmd(t, citeCmd, "--paper", p, "2")
	if code != 2 || !strings.Contains(errs, "this paper has 1 reference ([1])") {
		t.Errorf("code %d err %q", code, errs)
	}
}

func TestPaper(t *testing.T) {
	code, out, _ := runCmd(t, paperCmd)
	for _, want := range []string{"Title:      China’s soft power ascendancy in Central Asia", "References: 29", "DOI:        10.18535/sshj.v8i04.1031", "[28] is only a URL", "Abstract:"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("paper output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCmd(t, paperCmd, "--json")
	var j struct {
		Title      string   `json:"title"`
		Authors    []string `json:"authors"`
		References int      `json:"references"`
		DOI        string   `json:"doi"`
		Anomalies  []string `json:"anomalies"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &j) != nil || j.References != 29 || j.DOI != "10.18535/sshj.v8i04.1031" || len(j.Anomalies) != 2 || len(j.Authors) != 1 {
		t.Errorf("paper --json: code %d %+v\n%s", code, j, out)
	}
	code, _, errs := runCmd(t, paperCmd, "extra")
	if code != 2 || !strings.Contains(errs, "unexpected argument") {
		t.Errorf("paper extra: code %d err %q", code, errs)
	}
	code, out, _ = runCmd(t, paperCmd, "-h")
	if code != 0 || !strings.Contains(out, "usage: paperbot paper") {
		t.Errorf("paper -h: code %d out %q", code, out)
	}
}
