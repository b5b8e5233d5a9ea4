package corpus

// ParseReference reads the fields of one reference string exactly as the
// paper reader does for an entry of a reference list (number 1, no
// neighbours, so no continuation or duplicate findings). It is what
// `paperbot eval-refs --parser corpus` scores.
func ParseReference(raw string) Reference {
	return parseEntry(1, raw)
}
