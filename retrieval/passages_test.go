package retrieval

import (
	"strconv"
	"strings"
	"testing"

	"paperbot/corpus"
)

func TestPassagesForSeed(t *testing.T) {
	p := corpus.Default()
	ps := PassagesFor(p)
	ids := map[string]bool{}
	kinds := map[Kind]int{}
	lastSeq := 0
	for _, x := range ps {
		if ids[x.ID] {
			t.Errorf("duplicate id %s", x.ID)
		}
		ids[x.ID] = true
		kinds[x.Kind]++
		if x.PaperID != p.ID || !strings.HasPrefix(x.ID, p.ID+"/") {
			t.Errorf("%s: paper %q", x.ID, x.PaperID)
		}
		if strings.TrimSpace(x.Text) == "" {
			t.Errorf("%s: empty text", x.ID)
		}
		switch x.Kind {
		case KindAbstract:
			if p.Abstract[x.Start:x.End] != x.Text {
				t.Errorf("%s: offsets [%d:%d] give %q, text is %q", x.ID, x.Start, x.End, p.Abstract[x.Start:x.End], x.Text)
			}
			if x.Seq != lastSeq+1 || x.Ref != 0 {
				t.Errorf("%s: seq %d after %d, ref %d", x.ID, x.Seq, lastSeq, x.Ref)
			}
			lastSeq = x.Seq
		case KindReference:
			if x.ID != p.ID+"/ref/"+strconv.Itoa(x.Ref) {
				t.Errorf("reference id %s for ref %d", x.ID, x.Ref)
			}
		case KindMetadata:
			if x.ID != p.ID+"/meta" || !strings.Contains(x.Text, p.Title) || !strings.Contains(x.Text, "Laowattanabhongse") || !strings.Contains(x.Text, "10.18535/sshj.v8i04.1031") {
				t.Errorf("metadata passage %+v", x)
			}
		}
	}
	if kinds[KindAbstract] < 15 || kinds[KindMetadata] != 1 {
		t.Errorf("kinds %v", kinds)
	}
	// 29 entries, [28] is only the URL of [27] and is folded into it.
	if kinds[KindReference] != 28 || ids[p.ID+"/ref/28"] {
		t.Errorf("%d reference passages (ref/28 present: %v), want 28 without [28]", kinds[KindReference], ids[p.ID+"/ref/28"])
	}
	byRef := map[int]Passage{}
	for _, x := range ps {
		byRef[x.Ref] = x
	}
	if kw := byRef[7].Keywords; !strings.Contains(kw, "kyrgyzstan kitaj gosvizit") {
		t.Errorf("ref 7 keywords %q lack the URL words", kw)
	}
	if r := byRef[27]; !strings.Contains(r.Keywords, "language") || !strings.Contains(r.Text, "Yau") {
		t.Errorf("ref 27: %+v", r)
	}
	if PassagesFor(nil) != nil {
		t.Error("nil paper gave passages")
	}
}

func TestPassagesForMinimalPaper(t *testing.T) {
	ps := PassagesFor(&corpus.Paper{ID: "x", Title: "Only a title"})
	if len(ps) != 1 || ps[0].Kind != KindMetadata || !strings.Contains(ps[0].Text, "Only a title") {
		t.Fatalf("passages %+v, want the metadata passage alone", ps)
	}
}
