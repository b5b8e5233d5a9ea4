package corpus

import (
	"errors"
	"fmt"
)

// MaxPaperBytes is the largest paper text Parse accepts (20 MB).
const MaxPaperBytes = 20 << 20

// Reasons a file cannot be read as a paper. They are wrapped in a
// *ReadError; test with errors.Is.
var (
	ErrEmpty          = errors.New("the file is empty")
	ErrTooLarge       = errors.New("the file is too large")
	ErrBinary         = errors.New("the file is not plain text")
	ErrNotUTF8        = errors.New("the file is not valid UTF-8 text")
	ErrNoReferences   = errors.New("no references found")
	ErrUnsupported    = errors.New("unsupported file type")
	ErrNoSuchRef      = errors.New("no such reference")
	ErrUnknownStyle   = errors.New("unknown citation format")
	ErrDuplicatePaper = errors.New("duplicate paper id")
	ErrNoPaper        = errors.New("no such paper")
)

// ReadError says why a paper could not be read. Callers tell "unreadable
// input" apart from other failures with errors.As(err, new(*ReadError)) or
// IsUnreadable.
type ReadError struct {
	Name   string // file name, may be ""
	Err    error  // one of the Err* sentinels above, or an I/O error
	Detail string // a friendly sentence: what is wrong and what would work
}

// Error implements error.
func (e *ReadError) Error() string {
	msg := e.Detail
	if msg == "" {
		msg = e.Err.Error()
	}
	if e.Name != "" {
		return e.Name + ": " + msg
	}
	return msg
}

// Unwrap returns the underlying reason.
func (e *ReadError) Unwrap() error { return e.Err }

// IsUnreadable reports whether err means the input itself could not be read
// as a paper (as opposed to a usage mistake).
func IsUnreadable(err error) bool {
	var re *ReadError
	return errors.As(err, &re)
}

func readErr(name string, reason error, format string, args ...any) *ReadError {
	return &ReadError{Name: name, Err: reason, Detail: fmt.Sprintf(format, args...)}
}

// RangeError is returned by Paper.Ref for a number the paper does not have.
type RangeError struct {
	N        int
	Count    int // number of references
	Min, Max int // lowest and highest printed number
}

// Error implements error.
func (e *RangeError) Error() string {
	if e.Count == 0 {
		return fmt.Sprintf("there is no reference [%d]: this paper has no numbered references", e.N)
	}
	if e.Count == 1 {
		return fmt.Sprintf("there is no reference [%d]: this paper has 1 reference ([%d])", e.N, e.Min)
	}
	return fmt.Sprintf("there is no reference [%d]: this paper has %d references (%d–%d)", e.N, e.Count, e.Min, e.Max)
}

// Unwrap lets errors.Is(err, ErrNoSuchRef) match.
func (e *RangeError) Unwrap() error { return ErrNoSuchRef }
