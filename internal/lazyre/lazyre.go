// Package lazyre holds regular expressions that are compiled on first use
// instead of at package initialisation, so that a process start pays only
// for the expressions its command actually runs.
//
// A pattern that does not compile panics on first use, as
// regexp.MustCompile would at start; CompileAll lets a package's tests
// check every pattern declared so far.
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled on its first use. Its methods
// are those of regexp.Regexp; it is safe for concurrent use.
type Regexp struct {
	expr string
	re   func() *regexp.Regexp
}

// all is every Regexp made by New, for CompileAll.
var (
	mu  sync.Mutex
	all []*Regexp
)

// New returns a Regexp for expr, compiled by regexp.MustCompile on first use.
func New(expr string) *Regexp {
	r := &Regexp{expr: expr, re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
	mu.Lock()
	all = append(all, r)
	mu.Unlock()
	return r
}

// CompileAll compiles every Regexp made so far and returns the first
// pattern that does not compile, as an error.
func CompileAll() error {
	mu.Lock()
	rs := append([]*Regexp(nil), all...)
	mu.Unlock()
	for _, r := range rs {
		if _, err := regexp.Compile(r.expr); err != nil {
			return err
		}
		r.re()
	}
	return nil
}

// Warm compiles rs now. A program that knows which expressions its next
// step will need can compile them on another goroutine meanwhile
// (go lazyre.Warm(...)); a use that comes first waits for the compile.
func Warm(rs ...*Regexp) {
	for _, r := range rs {
		r.re()
	}
}

// Regexp returns the compiled expression.
func (r *Regexp) Regexp() *regexp.Regexp { return r.re() }

// String returns the source text of the expression.
func (r *Regexp) String() string { return r.expr }
