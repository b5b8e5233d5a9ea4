package retrieval

import (
	"slices"
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

// TestBodyPassageCites reads the synthetic author–year paper: every body
// passage carries exactly the references its sentence cites, in the
// paper's numbering of its unnumbered list, and the reader's notes count
// the citation it could not resolve.
func TestBodyPassageCites(t *testing.T) {
	p, err := corpus.ParseFile("../corpus/testdata/papers/reading-circles.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]int{
		"Small-group discussion has":   {1, 6}, // (Okafor, 2004a) … (Ågren, 2015)
		"Okafor (2004b) argued":        {4, 5, 7},
		"In 2004 the":                  nil, // a year in prose
		"Pryce and Jonsson":            {2, 3, 8},
		"Each circle met":              {5},
		"Two coders marked":            {8}, // (Tolland, 2001) is not in the list
		"When roles rotated,":          {1},
		"Lindqvist et al. (2010)":      {4},
		"Participation is rarely even": nil,
	}
	seen := 0
	for _, x := range PassagesFor(p) {
		if x.Kind != KindBody {
			continue
		}
		for start, cites := range want {
			if strings.HasPrefix(x.Text, start) {
				seen++
				if !slices.Equal(x.Cites, cites) {
					t.Errorf("%q cites %v, want %v", x.Text, x.Cites, cites)
				}
			}
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d sentences", seen, len(want))
	}
	if !slices.Contains(p.Anomalies, "1 in-text citation marker could not be resolved to the reference list") {
		t.Errorf("anomalies %q lack the count of unresolved markers", p.Anomalies)
	}
	// Body passages carry the sentence's own Cites, nothing more.
	var sentences [][]int
	for _, b := range p.Body {
		for _, s := range b.Sentences {
			sentences = append(sentences, s.Cites)
		}
	}
	i := 0
	for _, x := range PassagesFor(p) {
		if x.Kind == KindBody || x.Kind == KindCaption {
			if !slices.Equal(x.Cites, sentences[i]) {
				t.Errorf("%s cites %v, its sentence %v", x.ID, x.Cites, sentences[i])
			}
			i++
		}
	}
	if i != len(sentences) {
		t.Errorf("%d body passages for %d sentences", i, len(sentences))
	}
}

// An abstract sentence carries the references its own markers cite, as a
// body sentence does; one without markers cites nothing.
func TestAbstractPassageCites(t *testing.T) {
	text := `Tide Pools After Storms

Jamie Okafor

Abstract
Storms scour limpets from exposed rock [1, 2]. Sheltered pools keep theirs (Lind 2015). We counted limpets in 40 pools over 3 winters.

References
[1] Lind, T. (2015). Limpets and waves. Journal of Invented Shores, 3(1), 1–9.
[2] Okafor, J. (2019). Storm scour. Journal of Invented Shores, 7(2), 10–19.
`
	p, err := corpus.Parse("tidepools.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]int{{1, 2}, {1}, nil}
	var got [][]int
	for _, x := range PassagesFor(p) {
		if x.Kind == KindAbstract {
			got = append(got, x.Cites)
		}
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("abstract cites %v, want %v", got, want)
	}
}
