package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"paperbot/corpus"
)

const (
	refsUsage  = "usage: paperbot refs [--paper FILE] [--json] [QUERY]"
	citeUsage  = "usage: paperbot cite [--paper FILE] [--format ieee|apa|mla|bibtex] N|paper"
	paperUsage = "usage: paperbot paper [--paper FILE] [--json]"
)

// parseFlags parses flags that may come before or after positional
// arguments. It reports the exit status to use when parsing fails (0 after
// -h, 2 for a usage error), having printed one line.
func parseFlags(fs *flag.FlagSet, args []string, usage string, stdout, stderr io.Writer) ([]string, int, bool) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintln(stdout, usage)
				return nil, 0, false
			}
			fmt.Fprintf(stderr, "paperbot %s: %v (%s)\n", fs.Name(), err, usage)
			return nil, 2, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, 0, true
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), 0, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// loadPaper reads --paper FILE, or returns the embedded default paper.
func loadPaper(cmd, path string, stderr io.Writer) (*corpus.Paper, bool) {
	if path == "" {
		return corpus.Default(), true
	}
	p, err := corpus.ParseFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "paperbot %s: %v\n", cmd, err)
		return nil, false
	}
	return p, true
}

// refJSON is the contract of `refs --json`: these keys exactly, arrays never null.
type refJSON struct {
	N        int      `json:"n"`
	Authors  []string `json:"authors"`
	Year     string   `json:"year"`
	Title    string   `json:"title"`
	Venue    string   `json:"venue"`
	URL      string   `json:"url"`
	DOI      string   `json:"doi"`
	Accessed string   `json:"accessed"`
	Raw      string   `json:"raw"`
	Notes    []string `json:"notes"`
	// Confidence is the labeller's confidence per field ("authors",
	// "title", "venue", "year"), 0–1; {} when the rules alone read the
	// entry (a bare URL).
	Confidence map[string]float64 `json:"confidence"`
}

func toRefJSON(r corpus.Reference) refJSON {
	j := refJSON{N: r.N, Authors: r.Authors, Year: r.Year, Title: r.Title, Venue: r.Venue,
		URL: r.URL, DOI: r.DOI, Accessed: r.Accessed, Raw: r.Raw, Notes: r.Notes}
	if j.Authors == nil {
		j.Authors = []string{}
	}
	if j.Notes == nil {
		j.Notes = []string{}
	}
	j.Confidence = map[string]float64{}
	for k, v := range r.Confidence {
		j.Confidence[k] = math.Round(v*100) / 100
	}
	return j
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// runRefs lists the paper's references, or those matching a query.
func runRefs(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("refs", flag.ContinueOnError)
	paperPath := fs.String("paper", "", "read the paper from this .txt or .pdf `FILE` instead of the default paper")
	asJSON := fs.Bool("json", false, "print a JSON array")
	pos, code, ok := parseFlags(fs, args, refsUsage, stdout, stderr)
	if !ok {
		return code
	}
	p, ok := loadPaper("refs", *paperPath, stderr)
	if !ok {
		return 1
	}
	query := strings.Join(pos, " ")
	refs := p.FindRefs(query)
	if *asJSON {
		out := make([]refJSON, 0, len(refs))
		for _, r := range refs {
			out = append(out, toRefJSON(r))
		}
		writeJSON(stdout, out)
		return 0
	}
	if len(refs) == 0 {
		fmt.Fprintf(stderr, "paperbot refs: no reference matches %q; try an author, a year or a word of the title\n", query)
		return 0
	}
	for _, r := range refs {
		fmt.Fprintf(stdout, "[%d] %s\n", r.N, r.Short())
		for _, n := range r.Notes {
			fmt.Fprintf(stdout, "     note: %s\n", n)
		}
	}
	return 0
}

// runCite prints one reference, or the paper itself, in a citation format.
func runCite(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cite", flag.ContinueOnError)
	paperPath := fs.String("paper", "", "read the paper from this .txt or .pdf `FILE` instead of the default paper")
	format := fs.String("format", "ieee", "citation format: ieee, apa, mla or bibtex")
	pos, code, ok := parseFlags(fs, args, citeUsage, stdout, stderr)
	if !ok {
		return code
	}
	style, err := corpus.ParseStyle(*format)
	if err != nil {
		fmt.Fprintf(stderr, "paperbot cite: %v\n", err)
		return 2
	}
	if len(pos) != 1 {
		what := "give one reference number, or \"paper\" for the paper itself"
		if len(pos) > 1 {
			what = fmt.Sprintf("expected one reference number, got %q", strings.Join(pos, " "))
		}
		fmt.Fprintf(stderr, "paperbot cite: %s (%s)\n", what, citeUsage)
		return 2
	}
	p, ok := loadPaper("cite", *paperPath, stderr)
	if !ok {
		return 1
	}
	arg := strings.TrimSpace(pos[0])
	if strings.EqualFold(arg, "paper") {
		fmt.Fprintln(stdout, corpus.FormatPaper(style, p))
		return 0
	}
	n, err := strconv.Atoi(strings.Trim(arg, "[]"))
	if err != nil {
		fmt.Fprintf(stderr, "paperbot cite: %q is not a reference number; %s\n", arg, refRange(p))
		return 2
	}
	r, err := p.Ref(n)
	if err != nil {
		fmt.Fprintf(stderr, "paperbot cite: %v\n", err)
		return 2
	}
	fmt.Fprintln(stdout, corpus.FormatRef(style, p, r))
	for _, note := range r.Notes {
		fmt.Fprintf(stderr, "note: %s\n", note)
	}
	return 0
}

// refRange says which numbers are valid: "give a number from 1 to 29, or \"paper\"".
func refRange(p *corpus.Paper) string {
	if len(p.References) == 0 {
		return "this paper has no numbered references; use \"paper\""
	}
	lo, hi := p.References[0].N, p.References[len(p.References)-1].N
	return fmt.Sprintf("give a number from %d to %d, or \"paper\" for the paper itself", lo, hi)
}

// paperJSON is the output of `paper --json`.
type paperJSON struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Authors    []string `json:"authors"`
	Venue      string   `json:"venue"`
	Volume     string   `json:"volume"`
	Issue      string   `json:"issue"`
	Pages      string   `json:"pages"`
	Year       string   `json:"year"`
	DOI        string   `json:"doi"`
	Abstract   string   `json:"abstract"`
	References int      `json:"references"`
	Anomalies  []string `json:"anomalies"`
	Citation   string   `json:"citation"`
	// Sections are the body's headings (page omitted for text files).
	Sections []corpus.Section `json:"sections"`
	// Notes are what the reader noticed while reading the paper (the
	// anomalies list, under the name scripts use for every source).
	Notes []string `json:"notes"`
}

// runPaper describes the paper: title, authors, venue, DOI, abstract,
// reference count and anomalies.
func runPaper(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("paper", flag.ContinueOnError)
	paperPath := fs.String("paper", "", "read the paper from this .txt or .pdf `FILE` instead of the default paper")
	asJSON := fs.Bool("json", false, "print a JSON object")
	pos, code, ok := parseFlags(fs, args, paperUsage, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "paperbot paper: unexpected argument %q (%s)\n", pos[0], paperUsage)
		return 2
	}
	p, ok := loadPaper("paper", *paperPath, stderr)
	if !ok {
		return 1
	}
	j := paperJSON{ID: p.ID, Title: p.Title, Authors: p.Authors, Abstract: p.Abstract,
		References: len(p.References), Anomalies: p.Anomalies, Citation: corpus.FormatPaper(corpus.StyleIEEE, p)}
	if c := p.Citation; c != nil {
		j.Venue, j.Volume, j.Issue, j.Pages, j.DOI = c.Journal, c.Volume, c.Issue, c.Pages, c.DOI
		j.Year = strings.TrimSpace(c.Month + " " + c.Year)
	}
	if j.Authors == nil {
		j.Authors = []string{}
	}
	if j.Anomalies == nil {
		j.Anomalies = []string{}
	}
	j.Notes, j.Sections = j.Anomalies, p.Sections
	if j.Sections == nil {
		j.Sections = []corpus.Section{}
	}
	if *asJSON {
		writeJSON(stdout, j)
		return 0
	}
	w := func(label, v string) {
		if v != "" {
			fmt.Fprintf(stdout, "%-11s %s\n", label+":", v)
		}
	}
	w("Title", j.Title)
	w("Authors", strings.Join(j.Authors, "; "))
	w("Venue", joinComma(j.Venue, prefixIf("vol. ", j.Volume), prefixIf("no. ", j.Issue), prefixIf("pp. ", j.Pages), j.Year))
	w("DOI", j.DOI)
	w("ID", j.ID)
	fmt.Fprintf(stdout, "%-11s %d\n", "References:", j.References)
	if len(j.Sections) > 0 {
		fmt.Fprintln(stdout, "Sections:")
		for _, s := range j.Sections {
			fmt.Fprintf(stdout, "  %s%s (p. %d)\n", strings.Repeat("  ", max(s.Level-1, 0)), s.Heading, s.Page)
		}
	}
	if len(j.Anomalies) > 0 {
		fmt.Fprintln(stdout, "Anomalies:")
		for _, a := range j.Anomalies {
			fmt.Fprintf(stdout, "  - %s\n", a)
		}
	}
	if j.Abstract != "" {
		fmt.Fprintf(stdout, "\nAbstract:\n%s\n", j.Abstract)
	}
	fmt.Fprintf(stdout, "\nCite as (IEEE):\n%s\n", j.Citation)
	return 0
}

func prefixIf(prefix, v string) string {
	if v == "" {
		return ""
	}
	return prefix + v
}

func joinComma(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}
