package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"paperbot/config"
	"paperbot/retrieval/answer"
)

// TestReadOnlyIndex: every shard opens the one index (manifest and
// segments) built by `paperbot index`, from a read-only directory, without
// re-embedding; with a corrupt segment it still answers, rebuilding that
// paper in memory.
func TestReadOnlyIndex(t *testing.T) {
	for _, corrupt := range []bool{false, true} {
		t.Run(map[bool]string{false: "intact", true: "corrupt segment"}[corrupt], func(t *testing.T) {
			testReadOnlyIndex(t, corrupt)
		})
	}
}

func testReadOnlyIndex(t *testing.T, corrupt bool) {
	dir := filepath.Join(t.TempDir(), "shared")
	path := filepath.Join(dir, "index.bin")
	env := testEnv(t, "INDEX_PATH", path)
	if code, out, errOut := runPaperbot(t, env, "", "index"); code != 0 {
		t.Fatalf("paperbot index: exit %d: %s %s", code, out, errOut)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	segDir := path + ".d"
	segs, err := filepath.Glob(filepath.Join(segDir, "*.seg"))
	if err != nil || len(segs) != 1 {
		t.Fatalf("segments: %v %v", segs, err)
	}
	if corrupt {
		if err := os.WriteFile(segs[0], []byte("not a segment"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	segBefore, _ := os.ReadFile(segs[0])
	makeReadOnly(t, segDir, segs[0])
	makeReadOnly(t, dir, path)

	cfg, err := config.Load(env)
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	eng, st, err := buildEngineFrom(context.Background(), cfg, logger, engineSource{Offline: true})
	if err != nil {
		t.Fatalf("open a read-only index: %v", err)
	}
	if st.Path != path || st.Embedded != 0 || st.Passages == 0 || st.Saved {
		t.Fatalf("read-only index not used as is: %+v", st)
	}
	ans, err := eng.Ask(context.Background(), answer.Request{Question: "What is soft power?"})
	if err != nil || ans.Abstained || len(ans.Citations) == 0 {
		t.Fatalf("answer from the read-only index: %+v, %v", ans, err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(before) {
		t.Error("the read-only manifest changed")
	}
	if segAfter, _ := os.ReadFile(segs[0]); string(segAfter) != string(segBefore) {
		t.Error("the read-only segment changed")
	}
}

// makeReadOnly makes dir and file read-only, even for root (which ignores
// permission bits): then the directory is also made immutable with chattr.
// The test is skipped when that cannot be arranged.
func makeReadOnly(t *testing.T, dir, file string) {
	t.Helper()
	if err := os.Chmod(file, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.Chmod(file, 0o644) })
	if os.Geteuid() == 0 {
		if err := exec.Command("chattr", "+i", dir).Run(); err != nil {
			t.Skipf("running as root without chattr (%v): cannot make a read-only directory", err)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
	}
	if f, err := os.CreateTemp(dir, "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Skip("cannot make the directory read-only here")
	}
}
