package main

import (
	"fmt"
	"io"
)

// TODO(answer): ask, index, eval and the terminal chat.

func runAsk(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fmt.Fprintln(stderr, "paperbot ask: not built yet")
	return 1
}

func runIndex(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fmt.Fprintln(stderr, "paperbot index: not built yet")
	return 1
}

func runEval(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fmt.Fprintln(stderr, "paperbot eval: not built yet")
	return 1
}

func runChat(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	fmt.Fprintln(stderr, "paperbot chat: not built yet")
	return 1
}
