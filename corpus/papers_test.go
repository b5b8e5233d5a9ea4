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

// The extra papers in testdata/papers (see testdata/README.md); the
// expectations below were checked by hand against those files.
var paperCases = []struct {
	file, id, title string
	authors         int
	refs            int
	want            []refWant
}{
	{
		file: "bitcoin.txt", id: "bitcoin", title: "Bitcoin: A Peer-to-Peer Electronic Cash System", authors: 1, refs: 8,
		want: []refWant{
			{n: 1, authors: []string{"W. Dai"}, year: "1998", title: "b-money", url: "http://www.weidai.com/bmoney.txt"},
			{n: 2, authors: []string{"H. Massias", "X.S. Avila", "J.-J. Quisquater"}, year: "1999",
				title: "Design of a secure timestamping service with minimal trust requirements",
				venue: "20th Symposium on Information Theory in the Benelux"},
			{n: 3, authors: []string{"S. Haber", "W.S. Stornetta"}, year: "1991", title: "How to time-stamp a digital document",
				venue: "Journal of Cryptology", vol: "3", issue: "2", pages: "99-111"},
			{n: 6, authors: []string{"A. Back"}, year: "2002", title: "Hashcash - a denial of service counter-measure",
				url: "http://www.hashcash.org/papers/hashcash.pdf"},
			{n: 7, authors: []string{"R.C. Merkle"}, year: "1980", pages: "122-133",
				venue: "Proc. 1980 Symposium on Security and Privacy, IEEE Computer Society"},
			{n: 8, authors: []string{"W. Feller"}, year: "1957", title: "An introduction to probability theory and its applications"},
		},
	},
	{
		file: "prisma-2020.txt", id: "prisma-2020", title: "The PRISMA 2020 statement: an updated guideline for reporting systematic reviews",
		authors: 9, refs: 5,
		want: []refWant{
			{n: 1, authors: []string{"Gurevitch J", "Koricheva J", "Nakagawa S", "Stewart G"}, year: "2018",
				title: "Meta-analysis and the science of research synthesis", venue: "Nature", vol: "555", pages: "175-82",
				doi: "10.1038/nature25753"},
			{n: 2, year: "2019", venue: "Syst Rev", vol: "8", pages: "170", doi: "10.1186/s13643-019-1089-2"},
			{n: 3, authors: []string{"Moher D"}, title: "Reporting guidelines: doing better for readers", venue: "BMC Med",
				doi: "10.1186/s12916-018-1226-0"},
			{n: 4, authors: []string{"Moher D", "Liberati A", "Tetzlaff J", "Altman DG", "PRISMA Group"}, year: "2009",
				title: "Preferred reporting items for systematic reviews and meta-analyses: the PRISMA statement",
				venue: "BMJ", vol: "339", pages: "b2535", doi: "10.1136/bmj.b2535"},
			{n: 5, authors: []string{"Liberati A", "Altman DG", "Tetzlaff J", "et al."}, doi: "10.1136/bmj.b2700"},
		},
	},
	{
		file: "attention-is-all-you-need.txt", id: "attention-is-all-you-need", title: "Attention Is All You Need",
		authors: 8, refs: 20,
		want: []refWant{
			{n: 1, authors: []string{"Jimmy Lei Ba", "Jamie Ryan Kiros", "Geoffrey E Hinton"}, year: "2016",
				title: "Layer normalization", venue: "arXiv preprint arXiv:1607.06450"},
			{n: 5, authors: []string{"Kyunghyun Cho", "Bart van Merrienboer", "Caglar Gulcehre", "Fethi Bougares", "Holger Schwenk", "Yoshua Bengio"},
				year: "2014", venue: "CoRR, abs/1406.1078"},
			{n: 11, year: "2016", title: "Deep residual learning for image recognition",
				venue: "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition", pages: "770–778"},
			{n: 12, year: "2001", title: "Gradient flow in recurrent nets: the difficulty of learning long-term dependencies"},
			{n: 13, authors: []string{"Sepp Hochreiter", "Jürgen Schmidhuber"}, year: "1997", title: "Long short-term memory",
				venue: "Neural computation", vol: "9", issue: "8", pages: "1735–1780"},
			{n: 16, authors: []string{"Łukasz Kaiser", "Samy Bengio"}, year: "2016", title: "Can active memory replace attention?"},
			{n: 20, authors: []string{"Diederik Kingma", "Jimmy Ba"}, year: "2015", title: "Adam: A method for stochastic optimization", venue: "ICLR"},
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
