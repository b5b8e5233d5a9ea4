package main

import (
	"fmt"
	"io"
)

// TODO(corpus): refs, cite and paper subcommands.

func runRefs(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "paperbot refs: not built yet")
	return 1
}

func runCite(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "paperbot cite: not built yet")
	return 1
}

func runPaper(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "paperbot paper: not built yet")
	return 1
}
