package bot

import (
	"runtime"
	"time"
)

// sampleHeap reads the heap in use every interval until the returned stop
// is called; stop returns the highest value seen. The load, capacity and
// ingest-memory tests measure their peak with it.
func sampleHeap(every time.Duration) (stop func() uint64) {
	var peak uint64
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-quit:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(quit)
		<-done
		return peak
	}
}
