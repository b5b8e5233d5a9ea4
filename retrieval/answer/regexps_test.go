package answer

import (
	"testing"

	"paperbot/internal/lazyre"
)

// TestRegexpsCompile compiles every pattern this package and its
// dependencies declare: they are compiled on first use (internal/lazyre),
// so a bad one would otherwise panic only on the path that uses it.
func TestRegexpsCompile(t *testing.T) {
	if err := lazyre.CompileAll(); err != nil {
		t.Fatal(err)
	}
}
