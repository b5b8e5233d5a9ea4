package retrieval

// Terms returns the index terms of text in order (stemmed words, stop words
// and one-letter words dropped), exactly as the index sees them. The answer
// engine uses it so that a question is read the same way it is searched.
func Terms(text string) []string { return terms(text) }

// Words splits text into lower-cased words the way the index does, before
// stop words are dropped and words are stemmed.
func Words(text string) []string { return words(text) }

// IsStopWord reports whether a lower-cased word carries no topic for the index.
func IsStopWord(w string) bool { return isStopWord(w) }

// Stem is the index's stemmer for one lower-cased word.
func Stem(w string) string { return stem(w) }
