package lazyre

import (
	"sync"
	"testing"
)

func TestCompiledOnFirstUseOnce(t *testing.T) {
	r := New(`^(\d+)-(\d+)$`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if m := r.FindStringSubmatch("12-34"); len(m) != 3 || m[2] != "34" {
				t.Errorf("got %q", m)
			}
		})
	}
	wg.Wait()
	if first, again := r.Regexp(), r.Regexp(); first != again {
		t.Error("compiled twice")
	}
	if r.String() != `^(\d+)-(\d+)$` {
		t.Errorf("String() = %q", r.String())
	}
}

// A use that comes while Warm compiles on another goroutine gets the
// same compiled expression (run with -race).
func TestWarmOnAnotherGoroutine(t *testing.T) {
	a, b := New(`\bwarm(ed)?\b`), New(`cold`)
	done := make(chan struct{})
	go func() { Warm(a, b); close(done) }()
	if !a.MatchString("warmed up") || b.MatchString("warm") {
		t.Error("wrong match while warming")
	}
	<-done
	first := a.Regexp()
	Warm(a, b)
	if a.Regexp() != first || b.Regexp() == nil {
		t.Error("Warm compiled a second copy")
	}
}

func TestCompileAllReportsABadPattern(t *testing.T) {
	if err := CompileAll(); err != nil {
		t.Fatal(err)
	}
	bad := New(`(unclosed`)
	defer func() {
		mu.Lock()
		all = all[:len(all)-1]
		mu.Unlock()
	}()
	if err := CompileAll(); err == nil {
		t.Error("CompileAll accepted a pattern that does not compile")
	}
	defer func() {
		if recover() == nil {
			t.Error("using a bad pattern did not panic")
		}
	}()
	bad.MatchString("x")
}
