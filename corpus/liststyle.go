package corpus

import (
	"slices"
	"strings"
)

// A list is taken as APA when the style rules read at least apaListShare
// of its entries (and at least apaListMin entries) as APA: a parenthesised
// year after the first segment.
const (
	apaListShare = 0.6
	apaListMin   = 5
	// Below these labeller confidences an entry of an APA list takes the
	// rules' reading (chosen on the development slice, where they change
	// no score by more than 0.001).
	apaAuthorConf = 0.8
	apaTitleConf  = 0.95
	// apaTitleFirstConf is apaTitleConf for an entry without authors.
	apaTitleFirstConf = 0.85
)

// ListStyle is the citation style the paper's own reference list is
// printed in, as far as the formats PaperBot writes can tell: StyleAPA when
// the list reads as author–date (most entries carry a parenthesised year
// after their first segment, as APA and Harvard lists do), StyleIEEE
// otherwise.
func (p *Paper) ListStyle() Style {
	if len(p.References) == 0 {
		return StyleIEEE
	}
	apa := 0
	for i := range p.References {
		if apaYearRE.MatchString(p.References[i].Raw) {
			apa++
		}
	}
	if float64(apa) >= apaListShare*float64(len(p.References)) {
		return StyleAPA
	}
	return StyleIEEE
}

// applyListStyle uses what one entry cannot show: a reference list is
// printed in one style. In a list the rules read as APA:
//   - an entry whose first segment is not a name list is a work without
//     author, its title standing first (APA's rule); the labeller, which
//     sees one entry at a time and was trained mostly on entries with
//     authors, may read that title as authors. When it is unsure of them,
//     the entry takes the rules' authors (none), title and venue.
//   - an entry with "(Year)." whose title the labeller is unsure of takes
//     the rules' title (the segment after the year) and, where the
//     labeller's title had swallowed it, the rules' venue.
//
// In a list of any style, an entry whose authors are printed as a rule
// ("———.", "---.") has the authors of the entry above (repeatAuthors).
func applyListStyle(refs []Reference) {
	repeatAuthors(refs)
	if len(refs) < apaListMin {
		return
	}
	apa := 0
	for i := range refs {
		if refs[i].byRules != nil && apaYearRE.MatchString(refs[i].Raw) {
			apa++
		}
	}
	if float64(apa) < apaListShare*float64(len(refs)) {
		return
	}
	for i := range refs {
		r := &refs[i]
		b := r.byRules
		if b == nil || b.Title == "" {
			continue
		}
		apaYear := apaYearRE.MatchString(r.Raw)
		titleFirst := b.apaTitleFirst || len(b.Authors) == 0 && !apaYear
		if titleFirst && len(r.Authors) > 0 && r.Confidence["authors"] < apaAuthorConf {
			r.Authors = []string{}
			r.Title = b.Title
			delete(r.Confidence, "authors")
			delete(r.Confidence, "title")
			if r.Venue == "" || r.Venue == r.Title {
				r.Venue = b.Venue
				r.venueIsPublisher = b.Venue != ""
				delete(r.Confidence, "venue")
			}
			continue
		}
		conf := r.Confidence["title"]
		if apaYear && r.Title != b.Title && (conf < apaTitleConf && len(b.Authors) > 0 || conf < apaTitleFirstConf) {
			if r.Venue == "" || b.Venue != "" && strings.Contains(r.Title, b.Venue) {
				r.Venue = b.Venue
				r.venueIsPublisher = true
				delete(r.Confidence, "venue")
			}
			r.Title = b.Title
			delete(r.Confidence, "title")
		}
	}
}

// ParseReferenceList reads the entries of one reference list as the paper
// reader does, including the list-level style check (applyListStyle); it
// is what `paperbot eval-refs --parser corpus` scores.
func ParseReferenceList(raws []string) []Reference {
	refs := make([]Reference, len(raws))
	for i, raw := range raws {
		refs[i] = parseEntry(i+1, raw)
	}
	applyListStyle(refs)
	return refs
}

// repeatAuthors gives an entry whose authors are printed as a rule of
// dashes the authors of the entry above: Chicago, MLA and older APA lists
// print "———. 2015. Title." for another work by the same authors.
func repeatAuthors(refs []Reference) {
	for i := 1; i < len(refs); i++ {
		if a := refs[i].Authors; len(a) == 1 && isDashRule(a[0]) && len(refs[i-1].Authors) > 0 {
			refs[i].Authors = slices.Clone(refs[i-1].Authors)
		}
	}
}

// isDashRule reports whether s is made of dashes or underscores only
// (with stray dots, commas and spaces), at least two of them.
func isDashRule(s string) bool {
	n := 0
	for _, r := range s {
		switch r {
		case '—', '–', '-', '_', '‒', '―':
			n++
		case '.', ',', ' ':
		default:
			return false
		}
	}
	return n >= 2
}
