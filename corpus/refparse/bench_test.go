package refparse

import (
	"testing"
)

// BenchmarkModelLoad measures reading the embedded model (what the first
// reference parse of a process pays).
func BenchmarkModelLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Parse(modelBin); err != nil {
			b.Fatal(err)
		}
	}
}
