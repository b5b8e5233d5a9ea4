// Command vulnsummary reads `govulncheck -format json` on standard input
// and prints one line per vulnerability that the code reaches, with where
// it is reached and the fixed version. It exits 1 when a reached
// vulnerability lies in a third-party module (fix: upgrade that module).
// Reached vulnerabilities in the standard library are fixed only by a newer
// Go toolchain; they are printed as a warning, and fail only with
// -fail-stdlib.
//
//	govulncheck -format json ./... | go run .ci/vulnsummary.go
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type frame struct {
	Module   string `json:"module"`
	Version  string `json:"version"`
	Package  string `json:"package"`
	Function string `json:"function"`
	Receiver string `json:"receiver"`
	Position *struct {
		Filename string `json:"filename"`
		Line     int    `json:"line"`
	} `json:"position"`
}

type message struct {
	Config *struct {
		DB        string `json:"db"`
		GoVersion string `json:"go_version"`
	} `json:"config"`
	OSV *struct {
		ID      string `json:"id"`
		Summary string `json:"summary"`
	} `json:"osv"`
	Finding *struct {
		OSV          string  `json:"osv"`
		FixedVersion string  `json:"fixed_version"`
		Trace        []frame `json:"trace"`
	} `json:"finding"`
}

type vuln struct {
	id, module, version, pkg, fixed, summary, example string
	level                                             int // 0 module, 1 package, 2 symbol (called)
}

func main() {
	failStdlib := flag.Bool("fail-stdlib", false, "fail on reached standard-library vulnerabilities too")
	flag.Parse()
	os.Exit(run(os.Stdin, os.Stdout, *failStdlib))
}

func run(in io.Reader, out io.Writer, failStdlib bool) int {
	dec := json.NewDecoder(in)
	vulns := map[string]*vuln{}
	summaries := map[string]string{}
	goVersion := "?"
	for {
		var m message
		err := dec.Decode(&m)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Fprintf(out, "vulnsummary: cannot read govulncheck's JSON: %v\n", err)
			return 2
		}
		switch {
		case m.Config != nil:
			goVersion = m.Config.GoVersion
		case m.OSV != nil:
			summaries[m.OSV.ID] = m.OSV.Summary
		case m.Finding != nil && len(m.Finding.Trace) > 0:
			f := m.Finding
			top := f.Trace[0]
			level := 0
			if top.Package != "" {
				level = 1
			}
			if top.Function != "" {
				level = 2
			}
			v := vulns[f.OSV]
			if v == nil || level > v.level {
				v = &vuln{id: f.OSV, module: top.Module, version: top.Version, pkg: top.Package, fixed: f.FixedVersion, level: level}
				if level == 2 {
					v.example = example(f.Trace)
				}
				vulns[f.OSV] = v
			}
		}
	}
	var called []*vuln
	counts := [3]int{}
	for _, v := range vulns {
		v.summary = summaries[v.id]
		counts[v.level]++
		if v.level == 2 {
			called = append(called, v)
		}
	}
	sort.Slice(called, func(i, j int) bool { return called[i].id < called[j].id })

	var thirdParty, stdlib int
	for _, v := range called {
		where := v.module + "@" + v.version
		if v.module == "stdlib" {
			stdlib++
			where = v.pkg + "@" + goVersion
		} else {
			thirdParty++
		}
		fixed := "no fix yet"
		if v.fixed != "" {
			fixed = "fixed in " + v.fixed
			if v.module == "stdlib" {
				fixed = "fixed in go" + strings.TrimPrefix(v.fixed, "v")
			}
		}
		fmt.Fprintf(out, "  %s  %s, %s: %s\n      reached: %s\n", v.id, where, fixed, v.summary, v.example)
	}
	fmt.Fprintf(out, "govulncheck: %d reached (%d in the standard library, %d in modules); %d more only imported, %d more only required\n",
		len(called), stdlib, thirdParty, counts[1], counts[0])
	code := 0
	if thirdParty > 0 {
		fmt.Fprintln(out, "FAIL: upgrade the modules above (go get module@fixed-version)")
		code = 1
	}
	if stdlib > 0 {
		fmt.Fprintf(out, "WARNING: %s's standard library has %d reached vulnerabilities; only a newer Go toolchain fixes them "+
			"(the Docker image builds with the newest golang:1.26 release)\n", goVersion, stdlib)
		if failStdlib {
			code = 1
		}
	}
	return code
}

// example renders a trace from our code's entry point to the vulnerable
// symbol: "bot/x.go:12: pkg.F -> net/http.Client.Do".
func example(trace []frame) string {
	entry, vulnerable := trace[len(trace)-1], trace[0]
	pos := ""
	if entry.Position != nil {
		pos = fmt.Sprintf("%s:%d: ", entry.Position.Filename, entry.Position.Line)
	}
	return pos + name(entry) + " -> " + name(vulnerable)
}

func name(f frame) string {
	pkg := f.Package[strings.LastIndex(f.Package, "/")+1:]
	if f.Receiver != "" {
		return pkg + "." + strings.TrimPrefix(f.Receiver, "*") + "." + f.Function
	}
	return pkg + "." + f.Function
}
