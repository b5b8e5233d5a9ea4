package retrieval

import (
	"iter"
	"net/url"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// rawWords yields the words of text as typed: maximal runs of Unicode
// letters and digits. Apostrophes split words ("China's" gives "China" and
// "s"), as do hyphens and every other symbol, so any script is accepted and
// emoji or punctuation alone give no words. It is the one word splitter of
// indexing and search (words, typedWords).
func rawWords(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := -1
		for i, r := range text {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				if !yield(text[start:i]) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(text[start:])
		}
	}
}

// words splits text into lower-cased words (rawWords).
func words(text string) []string {
	var out []string
	for w := range rawWords(text) {
		out = append(out, strings.ToLower(w))
	}
	return out
}

// extraStopWords are dropped on top of the snowball English stop list: the
// filler of students' questions ("what does the paper say about ..."),
// contractions' leftovers and the boilerplate of reference lists.
var extraStopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
actual actually also anything aren cannot could couldn didn doesn either else even ever every
get gets getting give given gives go going got hadn hasn haven however isn kind know let like ll
many may might much must one please re really say says said shall shouldn
tell tells thus us ve wasn way weren whats whose won would wouldn whether yet etc vs via
paper papers article study explain describe show shows something thing things think thinks
mention mentions mentioned discuss discusses
retrieved https http www com html htm`) {
		m[w] = true
	}
	return m
}()

// extraStopStems are the stems of extraStopWords, whose other forms
// ("studies", "described", "showed") frame a question as they do.
var extraStopStems = func() map[string]bool {
	m := map[string]bool{}
	for w := range extraStopWords {
		m[Stem(w)] = true
	}
	return m
}()

// IsStopForm reports whether a lower-cased word is a form of one of the
// words that only frame a question ("studied", "showed", "described"):
// a question's focus leaves it out, although the index keeps it (a paper's
// "case studies" are a topic).
func IsStopForm(w string) bool { return extraStopStems[Stem(w)] }

// IsStopWord reports whether a lower-cased word carries no topic: an
// English function word, a word that only frames a question, or reference
// list boilerplate. It is the stop list of indexing, search and the answer
// engine alike.
func IsStopWord(w string) bool {
	return english.IsStopWord(w) || extraStopWords[w]
}

// stemCache remembers stems: vocabularies are small and snowball is the
// bulk of indexing time otherwise. It stops growing at stemCacheMax words.
var (
	stemMu    sync.RWMutex
	stemCache = map[string]string{}
)

const stemCacheMax = 200_000

// Stem reduces a lower-cased word to its snowball English stem. Words that
// are not plain ASCII letters (numbers, other scripts) are kept as they are.
func Stem(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return w
		}
	}
	stemMu.RLock()
	s, ok := stemCache[w]
	stemMu.RUnlock()
	if ok {
		return s
	}
	s = english.Stem(americanSpelling(w), false)
	stemMu.Lock()
	if len(stemCache) < stemCacheMax {
		stemCache[strings.Clone(w)] = s
	}
	stemMu.Unlock()
	return s
}

// britishSuffixes map British -ise/-yse verb endings (and their -isation
// nouns) to the American -ize/-yze that snowball stems differently:
// "normalised" and "normalized", "analyse" and "analyze" get one stem.
var britishSuffixes = [][2]string{
	{"isations", "izations"}, {"isation", "ization"},
	{"ising", "izing"}, {"ised", "ized"}, {"ises", "izes"}, {"ise", "ize"},
	{"ysing", "yzing"}, {"ysed", "yzed"}, {"yses", "yzes"}, {"yse", "yze"},
}

// americanSpelling rewrites a British -ise/-yse ending to -ize/-yze when
// at least four letters come before it ("randomised", "analysed"; not
// "rise", "wise" or "noise"). Both spellings of a word stem alike, so it
// only merges variants; "analyses" as a plural noun stems with them too.
func americanSpelling(w string) string {
	for _, sf := range britishSuffixes {
		if strings.HasSuffix(w, sf[0]) && len(w)-len(sf[0]) >= 4 {
			return w[:len(w)-len(sf[0])] + sf[1]
		}
	}
	return w
}

// Words splits text into lower-cased words the way the analyser does:
// maximal runs of Unicode letters and digits.
func Words(text string) []string { return words(text) }

// Terms returns the index terms of text in order, repeats included: the
// snowball stems of its words, without stop words (IsStopWord, of the word
// or of its stem: "shows" goes with "show") and one-letter words. Indexing,
// search and the answer engine all read text through it.
func Terms(text string) []string {
	return termsOf(words(text), nil)
}

// terms is Terms.
func terms(text string) []string { return Terms(text) }

// termsOf appends the index terms of words ws to dst.
func termsOf(ws []string, dst []string) []string {
	out := dst
	for _, w := range ws {
		if t, ok := termOf(w); ok {
			out = append(out, t)
		}
	}
	return out
}

// termOf is the index term of one lower-cased word, if it has one.
func termOf(w string) (string, bool) {
	if utf8.RuneCountInString(w) < 2 || IsStopWord(w) {
		return "", false
	}
	s := Stem(w)
	if s == "" || extraStopWords[s] {
		return "", false
	}
	return s, true
}

// urlNoise are URL parts that say nothing about a reference's subject.
var urlNoise = map[string]bool{
	"www": true, "com": true, "org": true, "net": true, "gov": true,
	"edu": true, "html": true, "htm": true, "php": true, "asp": true,
	"aspx": true, "pdf": true, "docx": true, "doc": true, "http": true,
	"https": true, "index": true, "en": true, "eng": true, "uploads": true,
	"content": true, "details": true, "item": true, "list": true,
	"page": true, "mode": true, "auth": true, "guide": true, "insights": true,
	"img": true, "news": true, "publications": true, "publication": true,
	"dictionary": true, "english": true, "apps": true, "sti": true,
}

// URLWords returns the words of a URL that say what the linked page is about:
// `https://ru.sputnik.kg/20230522/kyrgyzstan-kitaj-gosvizit-zhaparov-itogi-ehkonomika-1075540827.html`
// gives "sputnik kyrgyzstan kitaj gosvizit zhaparov itogi ehkonomika".
// Segments mixing letters and digits (hashes, ids), numbers, camel-case
// noise, one- and two-letter words and web boilerplate are dropped.
func URLWords(raw string) []string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	text := raw
	if err == nil {
		text = u.Host + "/" + u.Path
		if u.Host == "" {
			text = u.Path
		}
		if un, uerr := url.PathUnescape(text); uerr == nil {
			text = un
		}
	}
	seg := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r))
	})
	var out []string
	seen := map[string]bool{}
	for _, s := range seg {
		if !urlWordOK(s) {
			continue
		}
		w := strings.ToLower(s)
		if urlNoise[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

// urlWordOK reports whether one URL segment looks like a word: letters only,
// at least three of them, and no camel-case noise like "pnMmAjEw".
func urlWordOK(s string) bool {
	if utf8.RuneCountInString(s) < 3 {
		return false
	}
	prevLower := false
	for _, r := range s {
		if !unicode.IsLetter(r) || (unicode.IsUpper(r) && prevLower) {
			return false
		}
		prevLower = unicode.IsLower(r)
	}
	return true
}
