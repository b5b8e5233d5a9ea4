package answer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paperbot/corpus"
	"paperbot/retrieval"
)

const uploadText = `Coral reef bleaching under marine heatwaves

Maya Reefkeeper

Abstract

Marine heatwaves drive mass coral bleaching on tropical reefs. Reef recovery depends on herbivorous fish.

References

1. Hughes, T. (2017). Global warming and recurrent mass bleaching of corals. Nature, 543, 373-377.
2. Graham, N. (2015). Predicting climate-driven regime shifts versus rebound potential in coral reefs. Nature, 518, 94-97.
`

// uploadEngine is an engine over the default paper with its own index,
// saved at path ("" = in memory).
func uploadEngine(t *testing.T, path string) (*Engine, *retrieval.Index) {
	t.Helper()
	ix, err := retrieval.Open(context.Background(), retrieval.Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(context.Background(), corpus.Default()); err != nil {
		t.Fatal(err)
	}
	return New(corpus.NewLibrary(corpus.Default()), ix, Options{}), ix
}

func uploadPaper(t *testing.T) *corpus.Paper {
	t.Helper()
	p, err := corpus.Parse("coral.txt", []byte(uploadText))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAddPaper(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index.bin")
	e, ix := uploadEngine(t, path)
	p := uploadPaper(t)
	persisted := 0
	if err := e.AddPaper(context.Background(), p, func(context.Context) error { persisted++; return nil }); err != nil {
		t.Fatal(err)
	}
	if persisted != 1 || !e.HasPaper("coral") || len(ix.Passages("coral")) == 0 {
		t.Fatalf("after AddPaper: persisted %d, has %v, passages %d", persisted, e.HasPaper("coral"), len(ix.Passages("coral")))
	}
	ans, err := e.Ask(context.Background(), Request{PaperID: "coral", Question: "What drives mass coral bleaching?"})
	if err != nil || ans.Abstained || !strings.Contains(ans.Text, "bleaching") {
		t.Fatalf("answer from the added paper: %+v, %v", ans, err)
	}
	// The saved index file holds the paper.
	re, err := retrieval.Open(context.Background(), retrieval.Options{Path: path})
	if err != nil || len(re.Passages("coral")) == 0 {
		t.Fatalf("reopened index lacks the paper: %v", err)
	}
	// A second paper with the same id is refused, as a user error.
	err = e.AddPaper(context.Background(), uploadPaper(t), nil)
	if msg, ok := IsUserError(err); !ok || !strings.Contains(msg, "already loaded") {
		t.Fatalf("duplicate: %v", err)
	}
	claims, err := e.Summary(context.Background(), "coral")
	if err != nil || len(claims) != 2 {
		t.Fatalf("summary: %+v, %v", claims, err)
	}
	terms, err := e.Glossary("")
	if err != nil || len(terms) == 0 {
		t.Fatalf("glossary: %d, %v", len(terms), err)
	}
	if _, err := e.Glossary("nope"); err == nil {
		t.Fatal("glossary of an unknown paper")
	}
}

// A failure to persist leaves nothing behind: not in the library, the
// index or the index file.
func TestAddPaperRollsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index.bin")
	e, ix := uploadEngine(t, path)
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	boom := errors.New("database down")
	err := e.AddPaper(context.Background(), uploadPaper(t), func(context.Context) error { return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if e.HasPaper("coral") || len(ix.Passages("coral")) != 0 {
		t.Fatal("a failed add left the paper behind")
	}
	after, _ := os.ReadFile(path)
	re, err := retrieval.Open(context.Background(), retrieval.Options{Path: path})
	if err != nil || len(re.Passages("coral")) != 0 || re.Len() != ix.Len() {
		t.Fatalf("index file after rollback: %v (sizes %d → %d)", err, len(before), len(after))
	}
	if _, err := e.Paper("coral"); err == nil {
		t.Fatal("questions can reach a rolled-back paper")
	}

}

// An index file that cannot be written (a shard's read-only shared copy,
// a full disk) does not refuse the upload: the paper is persisted and
// answered from memory.
func TestAddPaperIndexNotWritable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "index.bin")
	e, ix := uploadEngine(t, path)
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	// A directory where the paper's segment would go makes the save fail,
	// whatever the user's permissions (root ignores mode bits).
	if err := os.RemoveAll(path + ".d"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".d", []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	persisted := 0
	if err := e.AddPaper(context.Background(), uploadPaper(t), func(context.Context) error { persisted++; return nil }); err != nil {
		t.Fatalf("AddPaper with an unwritable index: %v", err)
	}
	if persisted != 1 || !e.HasPaper("coral") {
		t.Fatalf("persisted %d, has %v", persisted, e.HasPaper("coral"))
	}
	ans, err := e.Ask(context.Background(), Request{PaperID: "coral", Question: "What drives mass coral bleaching?"})
	if err != nil || ans.Abstained {
		t.Fatalf("answer from the paper kept in memory: %+v, %v", ans, err)
	}
}

func TestAddPaperBadInput(t *testing.T) {
	e, _ := uploadEngine(t, "")
	if err := e.AddPaper(context.Background(), nil, nil); err == nil {
		t.Error("nil paper accepted")
	}
	if err := e.AddPaper(context.Background(), &corpus.Paper{}, nil); err == nil {
		t.Error("paper without id accepted")
	}
	noIndex := New(corpus.NewLibrary(corpus.Default()), nil, Options{})
	if err := noIndex.AddPaper(context.Background(), uploadPaper(t), nil); err == nil {
		t.Error("engine without index accepted a paper")
	}
}

// The glossary is built once per paper: /glossary, the terminal and the
// key-terms answer read the same list.
func TestGlossaryBuiltOnce(t *testing.T) {
	e := newTestEngine(t, Options{})
	a, err := e.Glossary(corpus.Default().ID)
	if err != nil || len(a) == 0 {
		t.Fatalf("glossary: %v, %d terms", err, len(a))
	}
	b, _ := e.Glossary(corpus.Default().ID)
	if &a[0] != &b[0] {
		t.Error("glossary rebuilt on the second call")
	}
	p, _ := e.Paper(corpus.Default().ID)
	pi := e.info(p)
	if g := pi.glossary(); &g[0] != &a[0] {
		t.Error("the key-terms answer reads another glossary")
	}
}
