package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

var (
	startLib = flag.String("start.lib", "", "papers for BenchmarkStartToAnswer, e.g. written by `go run ./retrieval/internal/genlib/cmd -papers 1000 -body -out DIR`, or \"default\" for the embedded default paper (no --corpus); default: 20 generated full-text papers")
	startBin = flag.String("start.bin", "", "comma-separated name=binary pairs BenchmarkStartToAnswer runs side by side with this build, e.g. before=/tmp/paperbot-main")
	startDir = flag.String("start.data", "", "where BenchmarkStartToAnswer keeps each binary's index (DIR/NAME; kept between runs, an existing index is reused); default: a temporary directory")
)

// benchChildEnv makes the test binary run paperbot itself (TestMain), so a
// benchmark can start it as a new process.
const benchChildEnv = "PAPERBOT_BENCH_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(benchChildEnv) == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
	}
	os.Exit(m.Run())
}

// BenchmarkStartToAnswer is `paperbot ask --corpus DIR QUESTION` about one
// paper (the library's default; with -start.lib=default, `paperbot ask
// QUESTION` about the embedded default paper) in a new process, from exec
// to exit, with the index built beforehand by `paperbot index` (not timed)
// and the OS file cache warm (one untimed ask first). It reports the wall
// time per answer, the CPU time (user+sys) and the peak resident memory
// (maxrss-MB) of the process; with -start.bin, other builds of paperbot run
// side by side on the same papers, each with its own index.
func BenchmarkStartToAnswer(b *testing.B) {
	lib := *startLib
	if lib == "" {
		lib = b.TempDir()
		gen := exec.Command("go", "run", "./retrieval/internal/genlib/cmd", "-papers", "20", "-body", "-out", lib)
		if out, err := gen.CombinedOutput(); err != nil {
			b.Fatalf("genlib: %v\n%s", err, out)
		}
	}
	var corpusArgs []string // none: the embedded default paper
	if lib != "default" {
		corpusArgs = []string{"--corpus", lib}
	}
	self, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	type build struct {
		name  string
		bin   string
		child bool // the test binary itself
	}
	builds := []build{{name: "this", bin: self, child: true}}
	if *startBin != "" {
		for _, kv := range strings.Split(*startBin, ",") {
			name, bin, ok := strings.Cut(kv, "=")
			if !ok || name == "" || bin == "" {
				b.Fatalf("-start.bin: want name=binary, got %q", kv)
			}
			builds = append(builds, build{name: name, bin: bin})
		}
	}
	data := *startDir
	if data == "" {
		data = b.TempDir()
	}
	papers, _ := filepath.Glob(filepath.Join(lib, "*.txt"))
	if lib == "default" {
		papers = []string{"default"}
	}
	question := "What does the paper say about its method?"
	for _, bd := range builds {
		dir := filepath.Join(data, bd.name)
		env := append(slices.DeleteFunc(os.Environ(), func(kv string) bool {
			return strings.HasPrefix(kv, "PAPERBOT") || strings.HasPrefix(kv, "OPENAI") ||
				strings.HasPrefix(kv, "CHAT_MODEL") || strings.HasPrefix(kv, "EMBEDDING_MODEL") ||
				strings.HasPrefix(kv, "CORPUS_DIR") || strings.HasPrefix(kv, "DATA_DIR") || strings.HasPrefix(kv, "INDEX_PATH")
		}), "DATA_DIR="+dir, "INDEX_PATH="+filepath.Join(dir, "index.bin"))
		if bd.child {
			env = append(env, benchChildEnv+"=1")
		}
		exe := func(args ...string) (*os.ProcessState, time.Duration) {
			cmd := exec.Command(bd.bin, args...)
			cmd.Env = env
			var errOut strings.Builder
			cmd.Stderr = &errOut
			t := time.Now()
			if err := cmd.Run(); err != nil {
				b.Fatalf("%s %v: %v\n%s", bd.name, args, err, errOut.String())
			}
			return cmd.ProcessState, time.Since(t)
		}
		if _, err := os.Stat(filepath.Join(dir, "index.bin")); err != nil {
			_, took := exe(append([]string{"index"}, corpusArgs...)...)
			b.Logf("%s: indexed %d papers in %v", bd.name, len(papers), took.Round(time.Millisecond))
		}
		ask := append(append([]string{"ask"}, corpusArgs...), question)
		exe(ask...) // warm the file cache
		b.Run(fmt.Sprintf("papers=%d/build=%s", len(papers), bd.name), func(b *testing.B) {
			var wall, cpu time.Duration
			var rss int64
			n := 0
			for b.Loop() {
				st, took := exe(ask...)
				wall += took
				cpu += st.UserTime() + st.SystemTime()
				if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
					rss = max(rss, int64(ru.Maxrss)) // KB on Linux
				}
				n++
			}
			b.ReportMetric(float64(wall.Milliseconds())/float64(n), "wall-ms/answer")
			b.ReportMetric(float64(cpu.Milliseconds())/float64(n), "cpu-ms/answer")
			b.ReportMetric(float64(rss)/1024, "maxrss-MB")
		})
	}
}
