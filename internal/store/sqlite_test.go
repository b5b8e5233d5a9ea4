package store

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// sqliteOpener opens a temp-file database per test; reopening in the same
// test reopens the same file.
func sqliteOpener() opener {
	var paths sync.Map // *testing.T -> path
	return func(t *testing.T) Store {
		t.Helper()
		p, _ := paths.LoadOrStore(t, filepath.Join(t.TempDir(), "state.db"))
		s, err := OpenSQLite(p.(string))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		return s
	}
}

func TestSQLite(t *testing.T) {
	testStore(t, sqliteOpener())
}

// TestSQLiteMemory checks the in-memory option is a working, private store.
func TestSQLiteMemory(t *testing.T) {
	ctx := ctxT(t)
	a, err := OpenSQLite(Memory)
	must(t, err)
	defer a.Close()
	b, err := OpenSQLite(Memory)
	must(t, err)
	defer b.Close()
	must(t, a.SetChannelPaper(ctx, "c1", "paper-a"))
	if p, ok, err := a.ChannelPaper(ctx, "c1"); err != nil || !ok || p != "paper-a" {
		t.Fatalf("memory store: %q %v %v", p, ok, err)
	}
	if _, ok, _ := b.ChannelPaper(ctx, "c1"); ok {
		t.Fatal("two in-memory stores share state")
	}
}

func TestOpenSQLiteBadPath(t *testing.T) {
	for _, p := range []string{"", "  ", "state.db?mode=ro", t.TempDir()} {
		if s, err := OpenSQLite(p); err == nil {
			s.Close()
			t.Errorf("OpenSQLite(%q) succeeded", p)
		}
	}
}

// TestSQLiteFileModes: the data directory ends up 0700 and the database
// with its WAL and shared-memory files 0600, also when they existed before
// with looser modes.
func TestSQLiteFileModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	must(t, os.MkdirAll(dir, 0o755))
	must(t, os.Chmod(dir, 0o755))
	path := filepath.Join(dir, "state.db")
	check := func(when string) {
		t.Helper()
		want := map[string]os.FileMode{dir: 0o700, path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600}
		for name, mode := range want {
			fi, err := os.Stat(name)
			if err != nil {
				t.Fatalf("%s: %v", when, err)
			}
			if got := fi.Mode().Perm(); got != mode {
				t.Errorf("%s: %s is %04o, want %04o", when, filepath.Base(name), got, mode)
			}
		}
	}
	s, err := OpenSQLite(path)
	must(t, err)
	must(t, s.SetChannelPaper(ctxT(t), "c1", "p"))
	check("new database in an existing 0755 directory")
	for _, name := range []string{path, path + "-wal", path + "-shm"} {
		must(t, os.Chmod(name, 0o644))
	}
	must(t, os.Chmod(dir, 0o755))
	s2, err := OpenSQLite(path)
	must(t, err)
	check("reopened after modes were loosened")
	must(t, s2.Close())
	must(t, s.Close())
}
