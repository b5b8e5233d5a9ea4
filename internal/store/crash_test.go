package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// crashChildEnv makes the test binary act as a writer that gets killed.
const crashChildEnv = "PAPERBOT_STORE_CRASH_CHILD"

func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		os.Exit(crashChild(path))
	}
	if path := os.Getenv(answerCrashChildEnv); path != "" {
		os.Exit(answerCrashChild(path))
	}
	os.Exit(m.Run())
}

// crashChild writes to the store at path, printing "committed N" after each
// committed write, until it is killed (or gives up after 60 s).
func crashChild(path string) int {
	s, err := OpenSQLite(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ctx := context.Background()
	if err := s.SaveQuizQuestion(ctx, quizQ("q1", "c1")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	deadline := time.Now().Add(60 * time.Second)
	for i := 1; time.Now().Before(deadline); i++ {
		if err := s.AddUsage(ctx, "2026-11-27", "u1", "g1", 1); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if _, _, err := s.RecordQuizAnswer(ctx, "q1", fmt.Sprint("u", i), 1); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("committed %d\n", i)
	}
	return 1
}

// TestSQLiteSurvivesKill kills a writing process with SIGKILL (no Close, no
// deferred code) and checks every write it reported committed is there.
func TestSQLiteSurvivesKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	committed := 0
	killChildWhen(t, crashChildEnv, path, func(what string, n int) bool {
		if what == "committed" {
			committed = n
		}
		return committed >= 30
	})
	if committed < 30 {
		t.Fatalf("child stopped after %d writes", committed)
	}

	s, err := OpenSQLite(path)
	must(t, err)
	defer s.Close()
	ctx := ctxT(t)
	u, _, _, err := s.Usage(ctx, "2026-11-27", "u1", "g1")
	must(t, err)
	// The child runs on between our reading "committed N" and the kill
	// landing, so later writes may have committed too: only the lower
	// bound holds (it failed as u = committed+2 on a loaded machine).
	if u < committed {
		t.Fatalf("usage after kill = %d, child reported %d committed", u, committed)
	}
	lb, err := s.Leaderboard(ctx, "c1", 100)
	must(t, err)
	if len(lb) < committed {
		t.Fatalf("%d quiz answers after kill, child reported %d", len(lb), committed)
	}
}

// killChildWhen runs this test binary as a child writing to the database at
// path (env names the child's mode), reads the "what N" lines it prints,
// and kills it with SIGKILL (no Close, no deferred code) as soon as done
// says so, or lets it end; it returns once the child has exited.
func killChildWhen(t *testing.T, env, path string, done func(what string, n int) bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), env+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	must(t, err)
	must(t, cmd.Start())
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		what, num, _ := strings.Cut(sc.Text(), " ")
		n, err := strconv.Atoi(num)
		if err != nil {
			continue
		}
		if done(what, n) {
			must(t, cmd.Process.Kill())
			break
		}
	}
	_ = cmd.Wait()
}
