package corpus

import (
	"path/filepath"
	"slices"
	"testing"
)

// refWant pins some fields of one reference; empty strings are not checked
// unless the field name is listed in empty.
type refWant struct {
	n                                          int
	authors                                    []string
	year, title, venue, vol, issue, pages, doi string
	url                                        string
}

// The extra papers in testdata/papers: synthetic papers written for these
// tests (see testdata/README.md). The expectations below were checked by
// hand against those files.
var paperCases = []struct {
	file, id, title string
	authors         int
	refs            int
	sections        int
	want            []refWant
}{
	{
		file: "tide-ledger.txt", id: "tide-ledger", title: "Tide Ledger: Shared Records for Small Harbour Cooperatives",
		authors: 1, refs: 8, sections: 6,
		want: []refWant{
			{n: 1, authors: []string{"T. Penhallow"}, year: "2004", title: "Cooperative accounts without clerks",
				url: "http://www.example.org/coop-accounts.txt"},
			{n: 2, authors: []string{"R. Trevena", "Y.K. Oduya", "J.-P. Marchetti"}, year: "2009",
				title: "A ledger that needs no central keeper: design notes for mutual record keeping",
				venue: "14th Workshop on Distributed Bookkeeping"},
			{n: 3, authors: []string{"L. Quartey", "B.N. Holloway"}, year: "1996", title: "Stamping the time on shared documents",
				venue: "Journal of Record Systems", vol: "7", issue: "3", pages: "41-58"},
			{n: 6, authors: []string{"D. Kessell"}, year: "2003", title: "Postmark - a cost for every message",
				url: "http://www.example.org/papers/postmark.pdf"},
			{n: 7, authors: []string{"H.A. Bellweather"}, year: "1985", pages: "210-222",
				venue: "Proc. 1985 Meeting on Record Security and Privacy, Society for Record Systems"},
			{n: 8, authors: []string{"G. Nankivell"}, year: "1962", title: "Elementary probability for field workers"},
		},
	},
	{
		file: "hedgerow-survey.txt", id: "hedgerow-survey", title: "Counting birds in hedgerows: a reporting checklist for volunteer surveys",
		authors: 9, refs: 5, sections: 6,
		want: []refWant{
			{n: 1, authors: []string{"Farrant J", "Okonjo N", "Lindqvist S", "Baptiste G"}, year: "2018",
				title: "Pooling volunteer counts to detect decline in farmland birds", venue: "Bird Study", vol: "65", pages: "175-82",
				doi: "10.1080/00063657.2018.1234567"},
			{n: 2, year: "2019", venue: "Res Integr Peer Rev", vol: "4", pages: "21", doi: "10.1186/s41073-019-0075-1"},
			{n: 3, authors: []string{"Lennox D"}, title: "Reporting field methods: doing better for readers", venue: "Ecol Evol",
				doi: "10.1002/ece3.2051"},
			{n: 4, authors: []string{"Lennox D", "Moreau A", "Tanaka H", "Ruiz P", "Hedgerow Reporting Group"}, year: "2012",
				title: "Preferred reporting items for field surveys: the checklist",
				venue: "J Appl Ecol", vol: "49", pages: "b2535", doi: "10.1111/j.1365-2664.2012.02535.x"},
			{n: 5, authors: []string{"Osei K", "Lennox D", "Tanaka H", "et al."}, doi: "10.1136/bmj.g2700"},
		},
	},
	{
		file: "sparse-routing.txt", id: "sparse-routing", title: "Sparse Routing Is Enough for Small Translators",
		authors: 7, refs: 12, sections: 5,
		want: []refWant{
			{n: 1, authors: []string{"Wiktoria Nowak", "Jamie Okafor", "Geoffrey A Lind"}, year: "2016",
				title: "Layer scaling", venue: "arXiv preprint arXiv:1901.00001"},
			{n: 4, year: "2017", title: "Convolutional sequence learning for translation"},
			{n: 5, authors: []string{"Junyoung Chae", "Emre Gülçehre", "Kyung Cho", "Yosef Benami"}, year: "2014",
				venue: "CoRR, abs/1412.00005"},
			{n: 6, year: "2016", title: "Deep residual learning for image recognition",
				venue: "Proceedings of the Conference on Computer Vision and Pattern Recognition", pages: "770–778"},
			{n: 7, authors: []string{"Sepp Hollander", "Jürgen Schmid"}, year: "1997", title: "Long short-term memory revisited",
				venue: "Neural computation", vol: "9", issue: "8", pages: "1735–1780"},
			{n: 8, authors: []string{"Nadia Kalbfleisch", "Lasse Espen", "Karen Simons", "Maarten van den Oord", "Alex Greaves", "Ottilie Kavanagh"},
				year: "2017", title: "Outrageously sparse expert layers"},
			{n: 10, authors: []string{"Łukasz Kowalczyk", "Samy Benali"}, year: "2016", title: "Can a memory replace attention?"},
			{n: 12, authors: []string{"Dirk Kingsley", "Jimmy Bao"}, year: "2015", title: "Adam revisited: A method for stochastic optimization", venue: "ICLR"},
		},
	},
	{
		file: "reading-circles.txt", id: "reading-circles", title: "Reading Circles in First-Year Seminars: Who Speaks and Why",
		authors: 2, refs: 8, sections: 6,
		want: []refWant{
			{n: 1, authors: []string{"Ågren, M."}, year: "2015", title: "Rotating roles in classroom reading groups",
				venue: "Journal of Classroom Studies", vol: "12", issue: "3", pages: "201–219", doi: "10.1000/jcs.2015.12"},
			{n: 2, authors: []string{"de Vries, L.", "Halloran, P."}, year: "2016", title: "Confidence and talk in small groups"},
			{n: 6, authors: []string{"Okafor, N."}, year: "2004a", title: "Small-group teaching in universities", venue: "Routledge"},
			{n: 7, authors: []string{"Okafor, N."}, year: "2004b", venue: "Educational Review", vol: "56", issue: "2", pages: "133–145"},
			{n: 8, authors: []string{"Pryce, H.", "Jonsson, E."}, year: "1999", title: "The uneven seminar"},
		},
	},
}

func TestOtherPapers(t *testing.T) {
	for _, c := range paperCases {
		t.Run(c.id, func(t *testing.T) {
			p, err := ParseFile(filepath.Join("testdata", "papers", c.file))
			if err != nil {
				t.Fatal(err)
			}
			if p.ID != c.id || p.Title != c.title || len(p.Authors) != c.authors || p.Abstract == "" {
				t.Errorf("front: id %q title %q authors %q abstract %d bytes", p.ID, p.Title, p.Authors, len(p.Abstract))
			}
			if len(p.Sections) != c.sections || len(p.Body) == 0 {
				t.Errorf("%d sections, %d body blocks; want %d sections and a body", len(p.Sections), len(p.Body), c.sections)
			}
			if len(p.References) != c.refs {
				t.Fatalf("got %d references, want %d", len(p.References), c.refs)
			}
			for i, r := range p.References {
				if r.N != i+1 {
					t.Errorf("reference %d numbered %d", i+1, r.N)
				}
			}
			for _, w := range c.want {
				r, err := p.Ref(w.n)
				if err != nil {
					t.Fatal(err)
				}
				if w.authors != nil && !slices.Equal(r.Authors, w.authors) {
					t.Errorf("[%d] authors %q, want %q", w.n, r.Authors, w.authors)
				}
				for _, f := range []struct{ name, got, want string }{
					{"year", r.Year, w.year}, {"title", r.Title, w.title}, {"venue", r.Venue, w.venue},
					{"volume", r.Volume, w.vol}, {"issue", r.Issue, w.issue}, {"pages", r.Pages, w.pages},
					{"doi", r.DOI, w.doi}, {"url", r.URL, w.url},
				} {
					if f.want != "" && f.got != f.want {
						t.Errorf("[%d] %s = %q, want %q", w.n, f.name, f.got, f.want)
					}
				}
			}
		})
	}
}
