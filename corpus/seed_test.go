package corpus

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// seedWant pins the parsed fields of every reference of the default paper,
// checked by hand against data/china-soft-power-central-asia.txt.
var seedWant = []Reference{
	{N: 1, Authors: nil, Year: "2019", Title: "About Us", Venue: "", Pages: "", URL: "https://breip.imsilkroad.com/auth/guide/about?idh=pnMmAjEwY5zdwvJ410eL", DOI: "", Accessed: "17 April 2024"},
	{N: 2, Authors: []string{"Aliyev, N."}, Year: "2019", Title: "China's Soft Power in Central Asia", Venue: "", Pages: "", URL: "https://www.cacianalyst.org/publications/analytical-articles/item/13599-chinas-soft-power-in-central-asia.html", DOI: "", Accessed: "20 April 2024"},
	{N: 3, Authors: nil, Year: "2023", Title: "Analysis: China-Central Asia relations will open a new chapter in history", Venue: "The Thai-Chinese Journalists Association (TCJA)", Pages: "", URL: "https://www.tcjapress.com/2023/05/17/china-central-asia-relations/", DOI: "", Accessed: "15 April 2024"},
	{N: 4, Authors: nil, Year: "2023", Title: "China-Central Asia cooperation in numbers", Venue: "The State Council Information Office, The People's Republic of China", Pages: "", URL: "http://english.scio.gov.cn/m/internationalexchanges/2023-05/17/content_85354144.htm", DOI: "", Accessed: "9 February 2024"},
	{N: 5, Authors: nil, Year: "2023", Title: "China in Central Asia", Venue: "Synergia Foundation", Pages: "", URL: "https://www.synergiafoundation.org/insights/analyses-assessments/china-central-asia", DOI: "", Accessed: "15 February 2024"},
	{N: 6, Authors: []string{"Derryberry, S. J."}, Year: "2019", Title: "Chinese soft power ends, ways, and means", Venue: "Marine Corps University", Pages: "", URL: "https://apps.dtic.mil/sti/trecms/pdf/AD1177256.pdf", DOI: "", Accessed: ""},
	{N: 7, Authors: nil, Year: "2023", Title: "Economic Results of Sadyr Japarov's State Visit to China – Overview", Venue: "Sputnik", Pages: "", URL: "https://ru.sputnik.kg/20230522/kyrgyzstan-kitaj-gosvizit-zhaparov-itogi-ehkonomika-1075540827.html", DOI: "", Accessed: "9 February 2024"},
	{N: 8, Authors: nil, Year: "2023", Title: "Factsheet on President Kassym-Jomart Tokayev’s state visit to China and the China-Central Asia Summit", Venue: "The Ministry of Foreign Affairs of the Republic of Kazakhstan", Pages: "", URL: "https://www.gov.kz/uploads/2023/5/19/c25faf8a48a661ed145d0db9acb20db3_original.18748.docx", DOI: "", Accessed: "5 January 2024"},
	{N: 9, Authors: nil, Year: "2023", Title: "Full text of Xi Jinping's keynote address at China-Central Asia Summit", Venue: "China Global Television Network (CGTN)", Pages: "", URL: "https://news.cgtn.com/news/2023-05-19/Full-text-of-Xi-Jinping-s-keynote-address-at-China-Central-Asia-Summit-1jVD8sSUGYM/index.html", DOI: "", Accessed: "12 February 2024"},
	{N: 10, Authors: []string{"Nye, Joseph S., Jr."}, Year: "2011", Title: "THE FUTURE OF POWER", Venue: "Public Affairs", Pages: "", URL: "", DOI: "", Accessed: ""},
	{N: 11, Authors: nil, Year: "2023", Title: "Media outlets pledge to contribute to building China-Central Asia community with shared future", Venue: "Xinhua", Pages: "", URL: "https://english.news.cn/20230524/4b66bbe07bb24305b6ecc652b5540041/c.html", DOI: "", Accessed: "20 April 2024"},
	{N: 12, Authors: []string{"Muratbekova, A."}, Year: "2023", Title: "Central Asia in China’s Foreign Policy: Xi’an Summit", Venue: "EURASIAN RESEARCH INSTITUTE (ERI)", Pages: "", URL: "https://www.eurasian-research.org/publication/central-asia-in-chinas-foreign-policy-xian-summit/", DOI: "", Accessed: "19 March 2024"},
	{N: 13, Authors: []string{"Noor, M. A."}, Year: "2023", Title: "Dispelling Misconceptions: Why BRI doesn't trigger civilizations clash", Venue: "", Pages: "", URL: "https://news.cgtn.com/news/2023-10-15/Dispelling-Misconceptions-Why-BRI-doesn-t-trigger-civilizations-clash-1nTnZAOs8qk/index.html", DOI: "", Accessed: "31 March 2024"},
	{N: 14, Authors: []string{"Nurgozhayeva, R."}, Year: "2020", Title: "How Is China’s Belt and Road Changing Central Asia?", Venue: "", Pages: "", URL: "https://thediplomat.com/2020/07/how-is-chinas-belt-and-road-changing-central-asia/", DOI: "", Accessed: "31 March 2024"},
	{N: 15, Authors: []string{"Nye, J. S."}, Year: "2004", Title: "Soft power The means to success in world politics", Venue: "Public Affairs", Pages: "", URL: "https://archive.org/details/softpowermeansto00nyej/page/n11/mode/2up", DOI: "", Accessed: ""},
	{N: 16, Authors: []string{"Nye, J. S."}, Year: "2021", Title: "Soft power: the evolution of a concept", Venue: "Journal of Political Power", Pages: "1-13", URL: "https://doi.org/10.1080/2158379X.2021.1879572", DOI: "10.1080/2158379X.2021.1879572", Accessed: ""},
	{N: 17, Authors: nil, Year: "n.d.", Title: "power", Venue: "", Pages: "", URL: "https://dictionary.cambridge.org/dictionary/english/power", DOI: "", Accessed: "6 January 2024"},
	{N: 18, Authors: nil, Year: "2023a", Title: "President Xi Jinping Chairs the Inaugural China-Central Asia Summit and Delivers a Keynote Speech", Venue: "Ministry of Foreign Affairs, the People's Republic of China", Pages: "", URL: "https://www.mfa.gov.cn/eng/zxxx_662805/202305/t20230519_11080116.html", DOI: "", Accessed: "11 April 2024"},
	{N: 19, Authors: nil, Year: "2023b", Title: "President Xi Jinping Chairs the Inaugural China-Central Asia Summit and Delivers a Keynote Speech", Venue: "", Pages: "", URL: "https://www.mfa.gov.cn/eng/zxxx_662805/202305/t20230519_11080116.html", DOI: "", Accessed: "31 March 2024"},
	{N: 20, Authors: []string{"Sakenova, S."}, Year: "2023", Title: "President Tokayev Outlines Priorities for Cooperation at China-Central Asia Summit, Signs Xian Declaration", Venue: "The Astana Times", Pages: "", URL: "https://astanatimes.com/2023/05/president-tokayev-outlines-priorities-for-cooperation-at-china-central-asia-summit-signs-xian-declaration/", DOI: "", Accessed: "20 April 2024"},
	{N: 21, Authors: nil, Year: "n.d.", Title: "Silk Roads: the Routes Network of Chang'an-Tianshan Corridor", Venue: "", Pages: "", URL: "https://whc.unesco.org/en/list/1442", DOI: "", Accessed: "28 March 2024"},
	{N: 22, Authors: nil, Year: "n.d.", Title: "Silk Roads: Zarafshan-Karakum Corridor", Venue: "", Pages: "", URL: "https://whc.unesco.org/en/list/1675", DOI: "", Accessed: "28 March 2024"},
	{N: 23, Authors: []string{"Taliga, H."}, Year: "2021", Title: "Belt and Road Initiative in Central Asia", Venue: "", Pages: "", URL: "https://www.ituc-csi.org/IMG/pdf/belt_and_road_initiative_in_central_asia.pdf", DOI: "", Accessed: ""},
	{N: 24, Authors: nil, Year: "2023", Title: "Three takeaways from the China-Central Asia Summit", Venue: "", Pages: "", URL: "https://news.cgtn.com/news/2023-05-20/Three-takeaways-from-the-China-Central-Asia-Summit-1jXfehTxA0E/index.html", DOI: "", Accessed: "31 March 2024"},
	{N: 25, Authors: nil, Year: "2023", Title: "Total value of import and export commodities by country (region) in June 2023 (USD)", Venue: "General Administration of Customs of the People’s Republic of China", Pages: "", URL: "http://www.customs.gov.cn/customs/302249/zfxxgk/2799825/302274/302277/302276/5157413/index.html", DOI: "", Accessed: "18 April 2024"},
	{N: 26, Authors: nil, Year: "2023", Title: "UNRCCA CONVENED ANNUAL MEETING WITH DEPUTY FOREIGN MINISTERS OF CENTRAL ASIAN STATES IN BISHKEK", Venue: "", Pages: "", URL: "https://unrcca.unmissions.org/unrcca-convened-annual-meeting-deputy-foreign-ministers-central-asian-states-bishkek", DOI: "", Accessed: "27 March 2024"},
	{N: 27, Authors: []string{"Yau, N."}, Year: "2021", Title: "China polishes its image in Central Asia through the soft power of language", Venue: "openDemocracy", Pages: "", URL: "https://www.opendemocracy.net/en/odr/china-central-asia-soft-power-language/", DOI: "", Accessed: "6 March 2024"},
	{N: 28, Authors: nil, Year: "", Title: "", Venue: "", Pages: "", URL: "https://www.opendemocracy.net/en/odr/china-central-asia-soft-power-language/", DOI: "", Accessed: ""},
	{N: 29, Authors: []string{"Zogg, B."}, Year: "2019", Title: "Cooperation, Co-existence or Clash? China and Russia’s Ambitions in Central Asia", Venue: "The Diplomat", Pages: "", URL: "https://thediplomat.com/2019/11/cooperation-co-existence-or-clash-china-and-russias-ambitions-in-central-asia/", DOI: "", Accessed: "5 March 2024"},
}

func TestSeedReferences(t *testing.T) {
	p := Default()
	if got := len(p.References); got != 29 {
		t.Fatalf("got %d references, want 29", got)
	}
	for i, want := range seedWant {
		got := p.References[i]
		if got.N != want.N {
			t.Errorf("ref %d: N = %d, want %d", i, got.N, want.N)
		}
		if want.Authors == nil {
			want.Authors = []string{}
		}
		if !slices.Equal(got.Authors, want.Authors) {
			t.Errorf("[%d] authors = %q, want %q", want.N, got.Authors, want.Authors)
		}
		check := func(field, got, want string) {
			t.Helper()
			if got != want {
				t.Errorf("[%d] %s = %q, want %q", want2n(i), field, got, want)
			}
		}
		check("year", got.Year, want.Year)
		check("title", got.Title, want.Title)
		check("venue", got.Venue, want.Venue)
		check("pages", got.Pages, want.Pages)
		check("url", got.URL, want.URL)
		check("doi", got.DOI, want.DOI)
		check("accessed", got.Accessed, want.Accessed)
		if got.Raw == "" || got.Notes == nil {
			t.Errorf("[%d] raw or notes missing: %+v", want.N, got)
		}
	}
}

func want2n(i int) int { return seedWant[i].N }

func TestSeedFront(t *testing.T) {
	p := Default()
	if p.ID != "china-soft-power-central-asia" {
		t.Errorf("id = %q", p.ID)
	}
	if p.Title != "China’s soft power ascendancy in Central Asia" {
		t.Errorf("title = %q", p.Title)
	}
	if !slices.Equal(p.Authors, []string{"Apisada Laowattanabhongse"}) {
		t.Errorf("authors = %q", p.Authors)
	}
	if !strings.HasPrefix(p.Abstract, "China-Central Asia ties are complex") || !strings.HasSuffix(p.Abstract, "global civilization.") {
		t.Errorf("abstract = %q", p.Abstract)
	}
	want := SelfCitation{Title: "China’s soft power ascendancy in Central Asia", Journal: "Soc. sci. humanities j.",
		Volume: "8", Issue: "04", Pages: "3513–3521", Month: "Apr.", Year: "2024", DOI: "10.18535/sshj.v8i04.1031"}
	if p.Citation == nil || *p.Citation != want {
		t.Errorf("citation = %+v, want %+v", p.Citation, want)
	}
}

func TestSeedAnomalies(t *testing.T) {
	p := Default()
	r27, r28 := p.References[26], p.References[27]
	if r28.ContinuationOf != 27 || r27.ContinuationOf != 0 {
		t.Errorf("continuation: [27]=%d [28]=%d", r27.ContinuationOf, r28.ContinuationOf)
	}
	if r28.Raw != "https://www.opendemocracy.net/en/odr/china-central-asia-soft-power-language/" {
		t.Errorf("[28] raw = %q", r28.Raw)
	}
	if !hasNote(r27, "separate entry [28]") || !hasNote(r28, "only the URL of [27]") {
		t.Errorf("notes: [27] %q [28] %q", r27.Notes, r28.Notes)
	}
	r19 := p.References[18]
	if r19.DuplicateOf != 18 || !hasNote(r19, "duplicate of [18]") || !hasNote(p.References[17], "duplicated by [19]") {
		t.Errorf("[19] duplicate = %d notes %q", r19.DuplicateOf, r19.Notes)
	}
	if !hasNote(p.References[2], "stray space") {
		t.Errorf("[3] notes %q", p.References[2].Notes)
	}
	if !hasNote(p.References[15], "doubled") {
		t.Errorf("[16] notes %q", p.References[15].Notes)
	}
	if len(p.Anomalies) != 2 {
		t.Errorf("anomalies = %q", p.Anomalies)
	}
	for i, r := range p.References {
		if i != 2 && i != 5 && i != 9 && i != 15 && i != 16 && i != 17 && i != 18 && i != 20 && i != 21 && i != 26 && i != 27 && len(r.Notes) > 0 {
			t.Errorf("[%d] unexpected notes %q", r.N, r.Notes)
		}
	}
}

func hasNote(r Reference, sub string) bool {
	for _, n := range r.Notes {
		if strings.Contains(n, sub) {
			return true
		}
	}
	return false
}

func TestRef(t *testing.T) {
	p := Default()
	r, err := p.Ref(16)
	if err != nil || r.DOI != "10.1080/2158379X.2021.1879572" {
		t.Fatalf("Ref(16) = %+v, %v", r, err)
	}
	r, err = p.Ref(28)
	if err != nil {
		t.Fatal(err)
	}
	if r.N != 28 || r.Title != seedWant[26].Title || !slices.Equal(r.Authors, []string{"Yau, N."}) ||
		!hasNote(*r, "only the URL of [27]") || !hasNote(*r, "details of [27]") {
		t.Errorf("Ref(28) = %+v", r)
	}
	for _, n := range []int{0, 30, -1} {
		_, err := p.Ref(n)
		if !errors.Is(err, ErrNoSuchRef) || !strings.Contains(err.Error(), "this paper has 29 references (1–29)") {
			t.Errorf("Ref(%d) err = %v", n, err)
		}
	}
	// Ref returns a copy.
	r, _ = p.Ref(2)
	r.Authors[0] = "changed"
	if p.References[1].Authors[0] != "Aliyev, N." {
		t.Error("Ref must not alias the paper's slices")
	}
}

func TestFindRefs(t *testing.T) {
	p := Default()
	cases := []struct {
		q    string
		want []int
	}{
		{"", nil},
		{"Nye", []int{10, 15, 16}},
		{"nye 2004", []int{15}},
		{"2019", []int{1, 2, 6, 29}},
		{"diplomat", []int{14, 29}},
		{"soft power language", []int{27}},
		{"28", []int{28}},
		{"[16]", []int{16}},
		{"opendemocracy", []int{27, 28}},
		{"china’s foreign policy", []int{12}},
		{"china's foreign policy", []int{12}},
		{"no such thing", []int{}},
		{"Journal of Political Power", []int{16}},
		{"xi", []int{9, 11, 12, 18, 19, 20}}, // not [29]'s "Co-existence"
		{"existence", []int{29}},
		{"Ny", []int{10, 15, 16}},
	}
	for _, c := range cases {
		var got []int
		for _, r := range p.FindRefs(c.q) {
			got = append(got, r.N)
		}
		if c.want == nil {
			if len(got) != 29 {
				t.Errorf("FindRefs(%q) = %d refs, want all", c.q, len(got))
			}
			continue
		}
		if len(got) == 0 {
			got = []int{}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("FindRefs(%q) = %v, want %v", c.q, got, c.want)
		}
	}
}

func TestShort(t *testing.T) {
	p := Default()
	for _, r := range p.References {
		s := r.Short()
		if n := len([]rune(s)); n == 0 || n > 90 {
			t.Errorf("[%d] Short() = %q (%d runes)", r.N, s, n)
		}
	}
	if got := p.References[14].Short(); got != "Nye 2004, Soft power The means to success in world politics" {
		t.Errorf("Short = %q", got)
	}
}
