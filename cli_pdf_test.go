package main

import (
	"encoding/json"
	"os"
	"testing"

	"paperbot/corpus/pdftext"
)

// TestPaperJSONFromPDF: `paper --json --paper x.pdf` reads the PDF and adds
// authors, sections with pages, and notes.
func TestPaperJSONFromPDF(t *testing.T) {
	const path = "../shared/papers/pischalnikov-2018-lcls2-cavity-tuner-test.pdf"
	_, err := os.Stat(path)
	if err != nil || !pdftext.Available() {
		if os.Getenv("CI") != "" {
			t.Fatalf("needs pdftotext and %s: %v", path, err)
		}
		t.Skip("needs pdftotext (poppler-utils) and ../shared/papers")
	}
	code, out, errs := runCmd(t, paperCmd, "--json", "--paper", path)
	if code != 0 {
		t.Fatalf("code %d: %s", code, errs)
	}
	var j struct {
		Title    string   `json:"title"`
		Authors  []string `json:"authors"`
		Refs     int      `json:"references"`
		Notes    []string `json:"notes"`
		Sections []struct {
			Heading string `json:"heading"`
			Level   int    `json:"level"`
			Page    int    `json:"page"`
		} `json:"sections"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if j.Title != "Tuner Testing of a Dressed 3.9 GHz Cavity for LCLS-II at Fermilab" || len(j.Authors) != 7 || j.Refs != 5 {
		t.Errorf("title %q, %d authors, %d references", j.Title, len(j.Authors), j.Refs)
	}
	if len(j.Sections) < 4 || j.Sections[0].Page != 1 || j.Sections[0].Level != 1 || j.Notes == nil {
		t.Errorf("sections %+v notes %v", j.Sections, j.Notes)
	}
}

// TestPaperJSONTextSections: the default paper has no sections (an empty
// list, never null) and a notes list.
func TestPaperJSONTextSections(t *testing.T) {
	_, out, _ := runCmd(t, paperCmd, "--json")
	var j map[string]any
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	secs, ok := j["sections"].([]any)
	if !ok || len(secs) != 0 {
		t.Errorf("default paper sections = %v", j["sections"])
	}
	if _, ok := j["notes"].([]any); !ok {
		t.Errorf("notes missing: %v", j["notes"])
	}
}
