package corpus

// This file is the paper model's full-text half: sections, and the blocks of
// the body (paragraphs, figure and table captions, footnotes), each split
// into sentences that carry the reference numbers they cite. It is the
// contract between the readers (plain text and PDF) and everything that
// answers from a paper (retrieval passages, the answer engine, study tools).
//
// A paper without a body (the default paper: title, abstract, references)
// has no Sections and no Body; that is valid.

// Section is one heading of the paper's body, in reading order.
type Section struct {
	Heading string `json:"heading"`
	// Level is 1 for a top-level section ("2 Methods"), 2 for "2.1 …", and so on.
	Level int `json:"level"`
	// Page is the 1-based PDF page the heading is printed on; 0 for text files.
	Page int `json:"page,omitempty"`
}

// BlockKind says what a body block is.
type BlockKind string

// The kinds of body block.
const (
	BlockParagraph BlockKind = "paragraph"
	BlockCaption   BlockKind = "caption"  // a figure or table caption
	BlockFootnote  BlockKind = "footnote" // a footnote or end note
)

// Block is one paragraph, caption or footnote of the body, in reading order.
type Block struct {
	Kind BlockKind `json:"kind"`
	// Section is the index into Paper.Sections of the section the block
	// belongs to, or -1 for text before the first heading.
	Section int `json:"section"`
	// Page is the 1-based PDF page the block starts on; 0 for text files.
	Page      int            `json:"page,omitempty"`
	Sentences []BodySentence `json:"sentences"`
}

// BodySentence is one sentence of a block with the in-text citations
// resolved to reference numbers.
type BodySentence struct {
	// Text is the sentence as printed (citation markers kept, hyphenation
	// and line breaks undone).
	Text string `json:"text"`
	// Cites are the numbers (Reference.N) of the references the sentence's
	// in-text citations resolve to, ascending, without duplicates. A
	// continuation entry is never listed: the entry it continues is.
	Cites []int `json:"cites,omitempty"`
}

// SectionHeading returns the heading of section i, or "" when i is out of
// range (text before the first heading).
func (p *Paper) SectionHeading(i int) string {
	if p == nil || i < 0 || i >= len(p.Sections) {
		return ""
	}
	return p.Sections[i].Heading
}
