package answer

import "testing"

// "Cite X" and "the BibTeX for reference 15" format that work of the
// reference list, in the style asked for; a question about the paper
// itself still gets the paper's citation.
func TestCiteAWork(t *testing.T) {
	e := newTestEngine(t, Options{})
	checkAnswers(t, e, "", []answerCase{
		{"give me the bibtex for reference 15", []string{"In BibTeX:", "@book{nye2004soft,"}, []int{15}},
		{"how do I cite Nye 2004?", []string{"In APA:", "Nye, J. S. (2004). Soft power The means to success in world politics.", "Other styles: /cite 15 apa|mla|ieee|bibtex."}, []int{15}},
		{"cite the Nye book in MLA", []string{"3 works in the reference list match; in MLA:"}, []int{10, 15, 16}},
		{"apa citation for the future of power", []string{"Nye, J. S., Jr. (2011). THE FUTURE OF POWER. Public Affairs."}, []int{10}},
		{"cite reference 99", []string{"no reference number 99; its list runs from 1 to 29"}, []int{}},
		{"how do I cite this paper in MLA?", []string{"Cite the paper like this (MLA):", "Laowattanabhongse, Apisada."}, []int{}},
		{"How do I cite this paper?", []string{"Cite the paper like this (APA, the style of its own reference list):", "IEEE: "}, []int{}},
	})
}
