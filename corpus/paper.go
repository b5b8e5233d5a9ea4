// Package corpus reads research papers from plain text (and, through an
// external extractor, PDF) into a title, authors, an abstract and numbered
// references with parsed fields, and formats those references as citations.
//
// It depends only on the standard library, its subpackages and
// internal/lazyre (regular expressions compiled on first use).
package corpus

// Paper is one parsed paper.
type Paper struct {
	// ID is a stable slug derived from the title or file name, e.g.
	// "china-soft-power-central-asia".
	ID string `json:"id"`
	// Source is the file name the paper was read from ("" for text given directly).
	Source  string   `json:"source,omitempty"`
	Title   string   `json:"title"`
	Authors []string `json:"authors"`
	// Affiliations are the authors' institutions as printed, when the
	// source shows them; nil otherwise.
	Affiliations []string `json:"affiliations,omitempty"`
	Abstract     string   `json:"abstract"`
	// Sections and Body are the full text after the abstract (body.go);
	// both are empty for a paper that has none, like the default paper.
	Sections   []Section   `json:"sections,omitempty"`
	Body       []Block     `json:"body,omitempty"`
	References []Reference `json:"references"`
	// SupplementReferences is the reference list of a supplement printed
	// after the paper with its own list (PDFs); it is kept apart from
	// References, whose numbers the paper's citations use.
	SupplementReferences []Reference `json:"supplement_references,omitempty"`
	// Citation is the paper's own citation when the text carries one.
	Citation *SelfCitation `json:"citation,omitempty"`
	// Anomalies are reader findings worth showing to an instructor
	// (continuation entries, duplicates, numbering gaps, ...).
	Anomalies []string `json:"anomalies"`

	// frontCitation is the publication line read under the byline of a
	// text paper, used when the text has no quoted citation of itself.
	frontCitation *SelfCitation
}

// Reference is one numbered entry of a paper's reference list.
type Reference struct {
	// N is the number exactly as printed in the paper.
	N int `json:"n"`
	// Key is the citation key the list prints instead of a number
	// ("Bel66" of "[Bel66] L. A. Belady …"); "" for other lists.
	Key     string   `json:"key,omitempty"`
	Raw     string   `json:"raw"`
	Authors []string `json:"authors"`
	// Editors are the editors of an edited book cited by them, printed
	// where the authors would be ("Tanaka, H. (Ed.). (2012). Handbook …");
	// set only when the entry names no authors. The citation formats
	// print them in the authors' place, marked as editors.
	Editors  []string `json:"editors,omitempty"`
	Year     string   `json:"year"` // "2019", "2023a", "n.d.", or "in press" as printed
	Title    string   `json:"title"`
	Venue    string   `json:"venue"` // journal, publisher, website or container
	Volume   string   `json:"volume,omitempty"`
	Issue    string   `json:"issue,omitempty"`
	Pages    string   `json:"pages,omitempty"` // as printed, e.g. "1-13"
	URL      string   `json:"url"`
	DOI      string   `json:"doi"`      // normalised: "10.1080/2158379X.2021.1879572"
	Accessed string   `json:"accessed"` // access date as printed, e.g. "17 April 2024"
	Notes    []string `json:"notes"`    // anomalies of this entry, never silently fixed
	// Confidence is the labeller's confidence in each field it read
	// ("authors", "title", "venue", "year"), 0–1: the mean probability of
	// the field's words, or for an empty field the probability that it is
	// absent. A field the style rules read instead has no entry; nil when
	// the rules alone read the entry (a bare URL).
	Confidence map[string]float64 `json:"confidence,omitempty"`
	// ContinuationOf is the number of the entry this one continues (seed [28]
	// is only a URL that belongs to [27]); 0 when it is a reference of its own.
	ContinuationOf int `json:"-"`
	// DuplicateOf is the number of an earlier entry this one repeats; 0 if none.
	DuplicateOf int `json:"-"`

	month string // publication month, for the paper's own citation
	// venueIsPublisher: no container was printed and Venue is the publisher.
	venueIsPublisher bool
	// apaTitleFirst: the style rules read the entry as APA with no author,
	// the title standing before "(Year)." (set on the rules' reading).
	apaTitleFirst bool
	// quotedTitle: the rules read a title printed in quotation marks.
	quotedTitle bool
	// byRules is the style rules' reading of the entry when the labeller
	// gave the fields (see applyListStyle).
	byRules *Reference
}

// SelfCitation is the paper's own bibliographic record.
type SelfCitation struct {
	Title   string `json:"title"`
	Journal string `json:"journal"`
	Volume  string `json:"volume"`
	Issue   string `json:"issue"`
	Pages   string `json:"pages"`
	Month   string `json:"month"` // "Apr." as printed, may be ""
	Year    string `json:"year"`
	DOI     string `json:"doi"`
}
