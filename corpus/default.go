package corpus

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"sync"
)

//go:generate go test -run ^TestDefaultLabelsCurrent$ -update .
//go:generate go test -run ^TestDefaultReadingCurrent$ -update .

//go:embed data/china-soft-power-central-asia.txt
var defaultText []byte

// DefaultName is the file name of the embedded default paper.
const DefaultName = "china-soft-power-central-asia.txt"

// precomputedDefault is the reader's Parse of the embedded paper made at
// build time by `go generate` (default_reading.go), so that a process start
// does not read and label it again; precomputedSHA256 is the hash of the
// text it was made from. TestDefaultReadingCurrent fails when it is stale.
// The generated files follow the reader and the labeller: after changing
// either (or retraining the model, `go generate ./corpus/refparse`), run
// `go generate ./corpus` again; it takes about a second.
var (
	precomputedDefault *Paper
	precomputedSHA256  string
)

var (
	defaultOnce  sync.Once
	defaultPaper *Paper
)

// Default returns the embedded default paper, parsed once (at build time
// when the generated reading matches the embedded text). Callers must not
// modify it. It never returns nil: should the embedded text fail to parse
// (a build mistake, caught by the tests), an empty paper with an anomaly is
// returned instead of panicking.
func Default() *Paper {
	defaultOnce.Do(func() {
		if p := precomputedFor(defaultText); p != nil {
			defaultPaper = p
			return
		}
		p, err := Parse(DefaultName, defaultText)
		if err != nil {
			p = &Paper{ID: "china-soft-power-central-asia", Source: DefaultName, Authors: []string{},
				References: []Reference{}, Anomalies: []string{"embedded paper unreadable: " + err.Error()}}
		}
		defaultPaper = p
	})
	return defaultPaper
}

// precomputedFor returns the generated reading when it was made from text,
// and nil otherwise.
func precomputedFor(text []byte) *Paper {
	if precomputedDefault == nil {
		return nil
	}
	sum := sha256.Sum256(text)
	want, err := hex.DecodeString(precomputedSHA256)
	if err != nil || !bytes.Equal(sum[:], want) {
		return nil
	}
	return precomputedDefault
}

// DefaultText returns the embedded default paper's text.
func DefaultText() []byte { return append([]byte(nil), defaultText...) }
