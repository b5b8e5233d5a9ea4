package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// lazyDir is a directory of three papers (two with the same id, b-tide) and a
// catalog path beside it.
func lazyDir(t *testing.T) (dir, catalog string) {
	t.Helper()
	root := t.TempDir()
	dir = filepath.Join(root, "papers")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{
		"a-china.txt": filepath.Join("data", DefaultName),
		"b-tide.txt":  filepath.Join("testdata", "papers", "tide-ledger.txt"),
		"B-Tide.TXT":  filepath.Join("testdata", "papers", "tide-ledger.txt"), // sorts first
	} {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, filepath.Join(root, "index", "library.json")
}

func openDir(t *testing.T, dir string, opt DirOptions) (*Library, DirReport) {
	t.Helper()
	lib, rep, err := OpenDir(dir, opt)
	if err != nil || rep.CatalogErr != nil || len(rep.Problems) > 0 {
		t.Fatalf("OpenDir: %v %v %v", err, rep.CatalogErr, rep.Problems)
	}
	return lib, rep
}

// TestOpenDirShelves: the first OpenDir reads every paper and writes the
// catalog; the next one reads none, lists the same papers and ids, and
// reads a paper (the same as LoadDir's) only when it is asked for.
func TestOpenDirShelves(t *testing.T) {
	dir, cat := lazyDir(t)
	first, rep := openDir(t, dir, DirOptions{Catalog: cat})
	if rep.Read != 3 || rep.Shelved != 0 {
		t.Fatalf("first open: %+v", rep)
	}
	lib, rep := openDir(t, dir, DirOptions{Catalog: cat})
	if rep.Read != 0 || rep.Shelved != 3 {
		t.Fatalf("second open: %+v", rep)
	}
	if !reflect.DeepEqual(lib.Infos(), first.Infos()) || !reflect.DeepEqual(lib.IDs(), []string{"b-tide", "a-china", "b-tide-2"}) {
		t.Fatalf("infos %+v\nwant %+v", lib.Infos(), first.Infos())
	}
	for _, id := range lib.IDs() {
		if _, read := lib.Loaded(id); read {
			t.Errorf("%s read by listing", id)
		}
	}
	if in := lib.Infos()[1]; in.References != 29 || in.Title == "" || len(in.Authors) == 0 || in.Year == "" {
		t.Errorf("default paper's info: %+v", in)
	}
	p, err := lib.Load("b-tide-2")
	if err != nil || p.ID != "b-tide-2" || p.Source != "b-tide.txt" {
		t.Fatalf("Load: %+v, %v", p, err)
	}
	want, _, _ := LoadDir(dir)
	w, _ := want.Get("b-tide-2")
	if !reflect.DeepEqual(p, w) {
		t.Error("a shelved paper reads differently from LoadDir's")
	}
	if _, read := lib.Loaded("b-tide"); read {
		t.Error("reading one paper read another")
	}
	if q, _ := lib.Load("b-tide-2"); q != p {
		t.Error("a paper is read twice")
	}
	if _, err := lib.Load("nope"); !errors.Is(err, ErrNoPaper) {
		t.Errorf("Load(nope) = %v", err)
	}
}

// TestOpenDirChanges: a changed file is read again at open; a touched one
// is not; a removed one leaves the list; a shelved file that disappears
// still lists, and fails only when read; another directory's catalog, or
// Reread, reads everything.
func TestOpenDirChanges(t *testing.T) {
	dir, cat := lazyDir(t)
	openDir(t, dir, DirOptions{Catalog: cat})

	china := filepath.Join(dir, "a-china.txt")
	text, _ := os.ReadFile(china)
	changed := strings.Replace(string(text), "Central Asia", "Central Asian States", 1)
	if err := os.WriteFile(china, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "b-tide.txt"), later, later); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "B-Tide.TXT")); err != nil {
		t.Fatal(err)
	}
	lib, rep := openDir(t, dir, DirOptions{Catalog: cat})
	if rep.Read != 1 || rep.Shelved != 1 || lib.Len() != 2 {
		t.Fatalf("after changes: %+v, %d papers", rep, lib.Len())
	}
	if p, ok := lib.Loaded("a-china"); !ok || !strings.Contains(p.Title, "Central Asian States") {
		t.Errorf("changed paper not read again: %+v", p)
	}
	lib, rep = openDir(t, dir, DirOptions{Catalog: cat})
	if rep.Read != 0 || rep.Shelved != 2 || !strings.Contains(lib.Infos()[0].Title, "Central Asian States") {
		t.Fatalf("catalog not updated: %+v %+v", rep, lib.Infos())
	}

	if err := os.Remove(filepath.Join(dir, "b-tide.txt")); err != nil {
		t.Fatal(err)
	}
	if len(lib.Infos()) != 2 || !lib.Has("b-tide") {
		t.Error("a shelved paper left the list before it was read")
	}
	if _, err := lib.Load("b-tide"); !IsUnreadable(err) {
		t.Errorf("reading a vanished paper: %v", err)
	}
	if _, ok := lib.Get("b-tide"); ok {
		t.Error("Get of a vanished paper succeeded")
	}

	other := filepath.Join(t.TempDir(), "papers")
	if err := os.Rename(dir, other); err != nil {
		t.Fatal(err)
	}
	if _, rep := openDir(t, other, DirOptions{Catalog: cat}); rep.Read != 1 || rep.Shelved != 0 {
		t.Errorf("another directory's catalog used: %+v", rep)
	}
	if _, rep := openDir(t, other, DirOptions{Catalog: cat, Reread: true}); rep.Read != 1 {
		t.Errorf("Reread: %+v", rep)
	}
}

// TestOpenDirWithoutCatalog: without a catalog (or when it cannot be
// written) every paper is read now, with the problems LoadDir reports.
func TestOpenDirWithoutCatalog(t *testing.T) {
	dir, _ := lazyDir(t)
	_ = os.WriteFile(filepath.Join(dir, "d-empty.txt"), nil, 0o644)
	lib, rep, err := OpenDir(dir, DirOptions{})
	if err != nil || rep.Read != 3 || len(rep.Problems) != 1 || !errors.Is(rep.Problems[0], ErrEmpty) {
		t.Fatalf("OpenDir: %+v, %v", rep, err)
	}
	if _, ok := lib.Loaded("b-tide-2"); !ok {
		t.Error("paper not read")
	}
	blocked := filepath.Join(dir, "a-china.txt", "library.json") // under a file: cannot be written
	if _, rep, _ := OpenDir(dir, DirOptions{Catalog: blocked}); rep.CatalogErr == nil || rep.Read != 3 {
		t.Errorf("unwritable catalog: %+v", rep)
	}
	if _, _, err := OpenDir(filepath.Join(dir, "missing"), DirOptions{}); err == nil {
		t.Error("OpenDir of a missing dir should fail")
	}
}

// TestShelvedPaperReadOnce: questions about a shelved paper at once read
// it once and share it; lists meanwhile work.
func TestShelvedPaperReadOnce(t *testing.T) {
	dir, cat := lazyDir(t)
	openDir(t, dir, DirOptions{Catalog: cat})
	lib, _ := openDir(t, dir, DirOptions{Catalog: cat})
	got := make([]*Paper, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			got[i], _ = lib.Load("a-china")
			if len(lib.Infos()) != 3 {
				t.Error("list while reading")
			}
		})
	}
	wg.Wait()
	for _, p := range got {
		if p == nil || p != got[0] {
			t.Fatal("the paper was read more than once, or not at all")
		}
	}
}
