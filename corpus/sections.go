package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

var (
	headingNumRE     = lazyre.New(`^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+`)
	inlineAbstractRE = lazyre.New(`(?i)^(abstract|summary)\s*[:.—–-]\s*(\S.*)$`)
	keywordsRE       = lazyre.New(`(?i)^(key ?words|index terms|jel)\b`)
	sectionLikeRE    = lazyre.New(`^(?:(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+)?[A-Z][A-Za-z0-9 ,&:-]{0,50}$`)
)

var refHeadings = map[string]bool{
	"references": true, "reference": true, "bibliography": true, "works cited": true,
	"literature cited": true, "reference list": true, "references cited": true,
	"cited literature": true, "literature": true, "list of references": true,
	"references and notes": true, "sources": true, "bibliographic references": true,
	// The same headings in the other languages papers are written in
	// (German, French, Spanish, Italian, Portuguese, Dutch, Russian,
	// Ukrainian, Chinese and Japanese).
	"literatur": true, "literaturverzeichnis": true, "quellen": true, "quellenverzeichnis": true,
	"bibliographie": true, "références": true, "références bibliographiques": true,
	"referencias": true, "referencias bibliográficas": true, "bibliografía": true,
	"bibliografia": true, "riferimenti bibliografici": true, "referências": true,
	"referências bibliográficas": true, "literatuur": true, "literatuurlijst": true,
	"литература": true, "список литературы": true, "список использованной литературы": true,
	"список використаних джерел": true, "参考文献": true,
}

// abstractHeadings open the abstract, in English and the languages of
// refHeadings.
var abstractHeadings = map[string]bool{
	"abstract": true, "summary": true, "zusammenfassung": true, "kurzfassung": true,
	"résumé": true, "resumen": true, "riassunto": true, "resumo": true, "samenvatting": true,
	"аннотация": true, "анотація": true, "摘要": true, "要旨": true,
}

// endHeadings end the reference list when they appear after it.
var endHeadings = map[string]bool{
	"authors": true, "author": true, "about the author": true, "about the authors": true,
	"author biographies": true, "author biography": true, "biography": true, "biographies": true,
	"appendix": true, "appendices": true, "acknowledgements": true, "acknowledgments": true,
	"acknowledgement": true, "acknowledgment": true, "funding": true, "notes": true,
	"footnotes": true, "endnotes": true, "supplementary material": true, "supplementary materials": true,
	"conflict of interest": true, "conflicts of interest": true, "declaration of competing interest": true,
	"figures": true, "tables": true, "author contributions": true, "data availability": true,
	"affiliation": true, "affiliations": true, "author affiliations": true, "corresponding author": true,
	"author's address": true, "authors' addresses": true, "author addresses": true, "addresses": true,
}

// headingKey reduces a candidate heading line to its lower-case words,
// without numbering ("7.", "VII.") or a trailing colon; "" for long lines.
func headingKey(line string) string {
	s := strings.TrimSpace(line)
	if s == "" || utf8.RuneCountInString(s) > 60 {
		return ""
	}
	if c := s[0]; c >= '0' && c <= '9' || strings.IndexByte("IVXLC", c) >= 0 {
		s = headingNumRE.ReplaceAllString(s, "")
	}
	s = strings.TrimRight(s, ":.")
	fields := strings.Fields(strings.ToLower(s))
	// "A B S T R A C T" and "R E F E R E N C E S"
	if len(fields) > 4 {
		single := true
		for _, f := range fields {
			if utf8.RuneCountInString(f) != 1 {
				single = false
				break
			}
		}
		if single {
			return strings.Join(fields, "")
		}
	}
	return strings.Join(fields, " ")
}

func isEndHeading(line string) bool {
	k := headingKey(line)
	if endHeadings[k] {
		return true
	}
	return strings.HasPrefix(k, "appendix ")
}

// findReferences returns the line index of the last references heading and
// the end (exclusive) of its section, or -1.
func findReferences(lines []string) (start, end int) {
	start = -1
	for i, l := range lines {
		if refHeadings[headingKey(l)] {
			start = i
		}
	}
	if start < 0 {
		return -1, -1
	}
	end = len(lines)
	for i := start + 1; i < len(lines); i++ {
		if isEndHeading(lines[i]) {
			end = i
			break
		}
	}
	return start, end
}

// paragraphs groups non-empty lines separated by blank lines.
func paragraphs(lines []string) [][]string {
	var out [][]string
	var cur []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, t)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// joinLines joins wrapped lines with spaces; a hyphen at a line end followed
// by a lower-case letter is kept and joined without a space.
func joinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			prev := b.String()
			r, _ := utf8.DecodeRuneInString(l)
			if !(strings.HasSuffix(prev, "-") && unicode.IsLower(r)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// readFront fills title, authors and abstract from the lines before the
// references heading. It returns the index of the first line after the
// abstract (and its keywords), where the body starts, or -1 when there is
// no abstract to start after.
func readFront(p *Paper, front []string) (bodyStart int) {
	bodyStart = -1
	absLine, inline := -1, ""
	for i, l := range front {
		t := strings.TrimSpace(l)
		if abstractHeadings[headingKey(t)] {
			absLine = i
			break
		}
		if i >= 80 || len(t) < 9 || (t[0] != 'A' && t[0] != 'a' && t[0] != 'S' && t[0] != 's') {
			continue
		}
		if m := inlineAbstractRE.FindStringSubmatch(t); m != nil {
			absLine, inline = i, m[2]
			break
		}
	}
	head := front
	if absLine >= 0 {
		head = front[:absLine]
	}
	paras := paragraphs(head)
	if len(paras) > 0 {
		tp := paras[0]
		if len(tp) > 3 {
			tp = tp[:1]
		}
		p.Title = joinLines(tp)
		if utf8.RuneCountInString(p.Title) > 300 {
			p.Title = truncateRunes(p.Title, 300)
		}
		if len(paras) > 1 && absLine >= 0 {
			p.Authors = frontAuthors(paras[1:])
			p.Affiliations, p.frontCitation = frontDetails(paras[1:])
		}
	}
	if p.Title == "" {
		p.Anomalies = append(p.Anomalies, "no title found at the top of the text")
	}
	if absLine >= 0 {
		var stop int
		p.Abstract, stop = readAbstract(inline, front[absLine+1:])
		bodyStart = absLine + 1 + stop
		if bodyStart < len(front) && keywordsRE.MatchString(strings.TrimSpace(front[bodyStart])) {
			for bodyStart < len(front) && strings.TrimSpace(front[bodyStart]) != "" {
				bodyStart++
			}
		}
	}
	if p.Abstract == "" {
		// Fall back to the first long paragraph after the title.
		spans := lineParagraphs(head)
		for i, para := range paras {
			if i == 0 {
				continue
			}
			if s := joinLines(para); len(s) >= 200 {
				p.Abstract = s
				bodyStart = spans[i].end
				p.Anomalies = append(p.Anomalies, "no Abstract heading found; used the first long paragraph as the abstract")
				break
			}
		}
		if p.Abstract == "" {
			p.Anomalies = append(p.Anomalies, "no abstract found")
		}
	}
	return bodyStart
}

// readAbstract collects paragraphs after an abstract heading until a
// keywords line or a section heading. It also returns the index in rest
// of the line it stopped at (len(rest) when it read to the end).
func readAbstract(inline string, rest []string) (string, int) {
	var lines []string
	if inline != "" {
		lines = append(lines, inline)
	}
	blank := inline == ""
	stop := len(rest)
	for i, l := range rest {
		t := strings.TrimSpace(l)
		if t == "" {
			blank = true
			continue
		}
		if keywordsRE.MatchString(t) || (blank && len(lines) > 0 && isSectionLike(t)) {
			stop = i
			break
		}
		if refHeadings[headingKey(t)] {
			stop = i
			break
		}
		if blank && len(lines) > 0 {
			lines = append(lines, "\n")
		}
		blank = false
		lines = append(lines, t)
	}
	var paras []string
	var cur []string
	for _, l := range lines {
		if l == "\n" {
			paras = append(paras, joinLines(cur))
			cur = nil
			continue
		}
		cur = append(cur, l)
	}
	paras = append(paras, joinLines(cur))
	return strings.TrimSpace(strings.Join(paras, "\n\n")), stop
}

func isSectionLike(t string) bool {
	return sectionLikeRE.MatchString(t) && !strings.HasSuffix(t, ".")
}

// frontAuthors reads author names from the paragraphs between title and
// abstract, skipping affiliation and e-mail lines.
func frontAuthors(paras [][]string) []string {
	out := []string{}
	for _, para := range paras {
		for _, l := range para {
			if strings.Contains(l, "@") || isOrgName(l) || utf8.RuneCountInString(l) > 200 || isURLish(l) || !strings.Contains(l, " ") {
				continue
			}
			l = strings.NewReplacer(" and ", ", ", " & ", ", ", ";", ",", "*", "", "†", "", "‡", "").Replace(l)
			for _, part := range strings.Split(l, ",") {
				part = strings.TrimSpace(strings.TrimRightFunc(part, func(r rune) bool { return unicode.IsDigit(r) || r == ' ' }))
				if part == "" || strings.ContainsAny(part, "0123456789") {
					continue
				}
				out = append(out, part)
			}
		}
		if len(out) > 0 {
			break
		}
	}
	return out
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
