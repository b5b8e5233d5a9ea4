package main

import (
	"fmt"
	"io"
)

// TODO(bot): connect to Discord.

func runServe(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fmt.Fprintln(stderr, "paperbot serve: not built yet")
	return 1
}
