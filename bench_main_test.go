package main

import (
	"io"
	"strings"
	"testing"
)

// BenchmarkAskCommand is `paperbot ask` in-process, from argument parsing to
// the printed answer, with the index file already built: what a process
// start adds on top is the Go runtime and the binary's loading.
func BenchmarkAskCommand(b *testing.B) {
	dir := b.TempDir()
	getenv := func(k string) string {
		if k == "DATA_DIR" {
			return dir
		}
		return ""
	}
	args := []string{"ask", "Are China and Russia competing there?"}
	if code := run(args, strings.NewReader(""), io.Discard, io.Discard, getenv); code != 0 {
		b.Fatalf("exit %d", code)
	}
	b.ReportAllocs()
	for b.Loop() {
		if code := run(args, strings.NewReader(""), io.Discard, io.Discard, getenv); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
