package bot

import (
	"path/filepath"
	"testing"

	"paperbot/internal/store"
)

// BenchmarkInteractionStore is BenchmarkInteraction with the classroom's
// SQLite state (a file, synchronous=FULL): an injected /ask to the final
// edit, which now includes keeping the answer for its buttons. It reports
// the median and p90 latency.
//
//	go test ./bot -run '^$' -bench InteractionStore -benchtime 300x
func BenchmarkInteractionStore(b *testing.B) {
	st, err := store.OpenSQLite(filepath.Join(b.TempDir(), "state.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	e := startBot(b, newClassroomEngine(b, st), func(o *Options) {
		o.Store = st
		o.Logger = discardLogger()
	})
	defer e.shutdown()
	benchAsk(b, e)
}
