package answer

import "testing"

// "Who wrote X?" names a work of the reference list, or the paper itself:
// the answer is that work's authors, or the paper's.
func TestWhoWroteAWork(t *testing.T) {
	e := newTestEngine(t, Options{})
	checkAnswers(t, e, "", []answerCase{
		{"who wrote The Future of Power", []string{"“THE FUTURE OF POWER” (2011) is by Joseph S. Nye Jr. [10]."}, []int{10}},
		{"Who wrote 'Soft power: the means to success in world politics'?", []string{"is by J. S. Nye [15]"}, []int{15}},
		{"who wrote the book on soft power?", []string{"5 works in the paper's reference list match “soft power”:", "[15]", "[16]"}, []int{2, 6, 15, 16, 27}},
		{"who wrote the report on central asia", []string{"; the first 5:", "/refs central asia lists them all."}, nil},
		// The paper itself, named, described or pointed at.
		{"who wrote this paper?", []string{"written by Apisada Laowattanabhongse"}, []int{}},
		{"who wrote China's soft power ascendancy in Central Asia?", []string{"written by Apisada Laowattanabhongse"}, []int{}},
		{"who wrote this study on the Belt and Road?", []string{"written by Apisada Laowattanabhongse"}, []int{}},
		{"who is the first author", []string{"written by Apisada Laowattanabhongse"}, []int{}},
	})
}
