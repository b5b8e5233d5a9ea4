package corpus

import (
	_ "embed"
	"sync"

	"paperbot/corpus/refparse"
)

// defaultLabelsBin is the embedded labeller's reading of every entry of the
// embedded default paper, made at build time by `go generate ./corpus`
// (refparse.EncodeLabellings); TestDefaultLabelsCurrent fails when it is stale.
//
//go:embed data/default-labels.bin
var defaultLabelsBin []byte

// defaultLabels is defaultLabelsBin decoded, keyed by entry text; empty if
// it cannot be read (the entries are then labelled as any others).
var defaultLabels = sync.OnceValue(func() map[string]refparse.Labelled {
	ls, err := refparse.DecodeLabellings(defaultLabelsBin)
	if err != nil {
		return nil
	}
	return ls
})

// labelOf is m.Label(text), taken from the build-time cache when m is the
// embedded model and text an entry of the embedded paper: the same result,
// without running the labeller on every start. A cached result shares its
// slices with the cache: callers must not modify it.
func labelOf(m *refparse.Model, text string) refparse.Labelled {
	if m.Embedded() {
		if l, ok := defaultLabels()[text]; ok {
			return l
		}
	}
	return m.Label(text)
}
