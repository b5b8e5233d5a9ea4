package main

import (
	"context"
	"os"
	"os/signal"
	"sync"

	"paperbot/retrieval/answer"
)

// interrupts hands Ctrl-C (SIGINT) to the command being run, which stops;
// with none running it is ignored. A nil *interrupts does nothing.
type interrupts struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	sigs   chan os.Signal
	done   chan struct{}
}

func newInterrupts() *interrupts {
	in := &interrupts{sigs: make(chan os.Signal, 1), done: make(chan struct{})}
	signal.Notify(in.sigs, os.Interrupt)
	go func() {
		for {
			select {
			case <-in.sigs:
				in.mu.Lock()
				if in.cancel != nil {
					in.cancel()
				}
				in.mu.Unlock()
			case <-in.done:
				return
			}
		}
	}()
	return in
}

// begin returns the context of one command and the function that ends it.
func (in *interrupts) begin(ctx context.Context) (context.Context, func()) {
	if in == nil {
		return ctx, func() {}
	}
	// A model answer stopped with Ctrl-C comes back as what was written
	// so far (answer.ErrStopped), as Discord's Stop button does.
	cctx, cancel := context.WithCancelCause(ctx)
	in.mu.Lock()
	in.cancel = func() { cancel(answer.ErrStopped) }
	in.mu.Unlock()
	return cctx, func() {
		in.mu.Lock()
		in.cancel = nil
		in.mu.Unlock()
		cancel(nil)
	}
}

func (in *interrupts) close() {
	signal.Stop(in.sigs)
	close(in.done)
}
