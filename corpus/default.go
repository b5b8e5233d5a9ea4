package corpus

import (
	_ "embed"
	"sync"
)

//go:embed data/china-soft-power-central-asia.txt
var defaultText []byte

// DefaultName is the file name of the embedded default paper.
const DefaultName = "china-soft-power-central-asia.txt"

var (
	defaultOnce  sync.Once
	defaultPaper *Paper
)

// Default returns the embedded default paper, parsed once. Callers must not
// modify it. It never returns nil: should the embedded text fail to parse
// (a build mistake, caught by the tests), an empty paper with an anomaly is
// returned instead of panicking.
func Default() *Paper {
	defaultOnce.Do(func() {
		p, err := Parse(DefaultName, defaultText)
		if err != nil {
			p = &Paper{ID: "china-soft-power-central-asia", Source: DefaultName, Authors: []string{},
				References: []Reference{}, Anomalies: []string{"embedded paper unreadable: " + err.Error()}}
		}
		defaultPaper = p
	})
	return defaultPaper
}

// DefaultText returns the embedded default paper's text.
func DefaultText() []byte { return append([]byte(nil), defaultText...) }
