package store

import (
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
