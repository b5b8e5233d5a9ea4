package classroom

import (
	"context"
	"path/filepath"
	"testing"

	"paperbot/corpus"
	"paperbot/internal/store"
)

// state is the part of a store the classroom service keeps its state in.
type state interface {
	store.Quizzes
	store.Citations
}

// eachState runs fn on every state the service is used with: the
// terminal's Memory and the bot's SQLite store (PostgreSQL shares
// SQLite's code and is covered by internal/store's suite), so Memory is
// held to the same contract.
func eachState(t *testing.T, fn func(t *testing.T, st state)) {
	t.Run("Memory", func(t *testing.T) {
		t.Parallel()
		fn(t, NewMemory())
	})
	t.Run("SQLite", func(t *testing.T) {
		t.Parallel()
		st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "state.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Close() })
		fn(t, st)
	})
}

// library is the default paper only.
type library struct{}

func (library) Paper(id string) (*corpus.Paper, error) {
	p := corpus.Default()
	if id != "" && id != p.ID {
		return nil, store.ErrNotFound
	}
	return p, nil
}

func ctxT(t *testing.T) context.Context { return t.Context() }
