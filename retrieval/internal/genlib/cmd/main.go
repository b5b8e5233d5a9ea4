// Command genlib writes synthetic papers (see package genlib) as text files:
//
//	go run ./retrieval/internal/genlib/cmd -papers 100 -body -out /tmp/lib
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"paperbot/retrieval/internal/genlib"
)

func main() {
	n := flag.Int("papers", 10, "number of papers")
	body := flag.Bool("body", false, "write full text (sections, paragraphs, captions, citations)")
	seed := flag.Int("seed", 1, "random seed")
	out := flag.String("out", "", "output directory (created if missing)")
	flag.Parse()
	if *out == "" || *n < 0 {
		fmt.Fprintln(os.Stderr, "usage: genlib -papers N [-body] [-seed S] -out DIR")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "genlib:", err)
		os.Exit(1)
	}
	vocab := genlib.Vocab(*seed)
	for i := range *n {
		path := filepath.Join(*out, genlib.Name(i))
		if err := os.WriteFile(path, genlib.TextWith(vocab, *seed, i, *body), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "genlib:", err)
			os.Exit(1)
		}
	}
}
