package corpus

import "strings"

// parseQuoted reads IEEE and MLA style: Authors, "Title," Venue, vol. 3,
// no. 2, pp. 1–10, Mar. 2020.
func parseQuoted(r *Reference, work string) {
	loc := quotedRE.FindStringSubmatchIndex(work)
	pre := strings.TrimSpace(work[:loc[0]])
	r.Title = work[loc[2]:loc[3]]
	r.quotedTitle = true
	post := strings.TrimSpace(strings.TrimLeft(work[loc[1]:], ",. "))
	pre = strings.TrimRight(pre, ",. ")
	if pre != "" {
		if a, ok := parseNaturalAuthors(pre); ok {
			r.Authors = a
		} else if a, ok := parseMLAAuthors(pre); ok {
			r.Authors = a
		} else if a, ok := parseAPAAuthors(pre + "."); ok {
			r.Authors = a
		} else {
			r.Authors = []string{pre}
		}
	}
	ieeeTail(r, post)
}

// ieeeTail classifies the comma-separated parts after an IEEE title.
func ieeeTail(r *Reference, post string) {
	var venue []string
	for _, part := range strings.Split(cleanField(post), ", ") {
		part = strings.TrimSpace(part)
		switch {
		case part == "":
		case volRE.MatchString(part):
			r.Volume = volRE.FindStringSubmatch(part)[1]
		case noRE.MatchString(part):
			r.Issue = noRE.FindStringSubmatch(part)[1]
		case ppRE.MatchString(part):
			r.Pages = ppRE.FindStringSubmatch(part)[1]
		case monthYearRE.MatchString(part):
			r.Year = monthYearRE.FindStringSubmatch(part)[1]
		case r.Volume == "" && r.Pages == "" && r.Year == "":
			venue = append(venue, part)
		}
	}
	v := strings.Join(venue, ", ")
	v = strings.TrimPrefix(v, "in ")
	v = strings.TrimPrefix(v, "In ")
	r.Venue = v
	if r.Year == "" {
		if ys := yearRE.FindAllString(post, -1); len(ys) > 0 {
			r.Year = ys[len(ys)-1]
		}
	}
}

// parseGeneric reads "Authors. Title. Venue. Year;vol(issue):pages." and
// similar styles without parenthesised years or quoted titles.
func parseGeneric(r *Reference, work string) {
	if a, rest, ok := splitVancouverAuthors(work); ok {
		r.Authors = a
		work = rest
	}
	segs := segments(work)
	if len(segs) == 0 {
		return
	}
	if len(r.Authors) > 0 {
		// already read
	} else if len(segs) > 1 && isOrgAuthor(segs[0]) && !strings.Contains(segs[0], ",") {
		r.Authors = []string{segs[0]}
		segs = segs[1:]
	} else if a, ok := parseNaturalAuthors(segs[0]); ok {
		r.Authors = a
		segs = segs[1:]
	} else if a, ok := parseAPAAuthors(segs[0] + "."); ok && len(segs) > 1 && apaInitialsOnly(a) {
		r.Authors = a
		segs = segs[1:]
	}
	if len(segs) == 0 {
		return
	}
	r.Title = segs[0]
	segs = segs[1:]
	if (strings.HasSuffix(r.Title, "?") || strings.HasSuffix(r.Title, "!")) && len(segs) >= 2 {
		r.Title += " " + segs[0]
		segs = segs[1:]
	}
	var venue []string
	for _, s := range segs {
		if m := vancYearRE.FindStringSubmatch(s); m != nil && r.Year == "" {
			r.Year, r.Volume, r.Issue, r.Pages = m[1], m[2], m[3], m[4]
			continue
		}
		if m := bmjRE.FindStringSubmatch(s); m != nil && r.Year == "" {
			venue = append(venue, m[1])
			r.Year, r.Volume, r.Issue, r.Pages = m[2], m[3], m[4], m[5]
			continue
		}
		here := false
		if r.Year == "" {
			if m := yearRE.FindAllStringIndex(s, -1); len(m) > 0 {
				last := m[len(m)-1]
				r.Year, here = s[last[0]:last[1]], true
				if strings.TrimSpace(strings.Trim(s[last[1]:], ").")) == "" {
					s = strings.TrimRight(strings.TrimSpace(s[:last[0]]), ",;( ")
				}
			}
		}
		if s != "" && (here || r.Year == "") {
			venue = append(venue, s)
		}
	}
	if r.Year == "" {
		if m := trailYearRE.FindStringSubmatchIndex(r.Title); m != nil {
			r.Year = r.Title[m[2]:m[3]]
			r.Title = r.Title[:m[0]]
		}
	}
	vol, issue, pages := r.Volume, r.Issue, r.Pages
	venueParts(r, strings.Join(venue, ". "))
	if vol != "" || pages != "" {
		r.Volume, r.Issue, r.Pages = vol, issue, pages
	}
}

// apaInitialsOnly reports whether every "Family, Given" author has initials
// as given names, which makes an APA reading of a segment safe.
func apaInitialsOnly(authors []string) bool {
	for _, a := range authors {
		if a == "et al." {
			continue
		}
		parts := strings.Split(a, ", ")
		if len(parts) < 2 || !initialsRE.MatchString(parts[1]) {
			return false
		}
	}
	return true
}

// quotedTitleFirst reports a quoted title in the first half of the text,
// the mark of IEEE and MLA style.
func quotedTitleFirst(work string) bool {
	loc := quotedRE.FindStringIndex(work)
	return loc != nil && loc[0] < len(work)/2+10
}
