package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// answerCrashChildEnv makes the test binary an answering process that
// gets killed: answers go through an AnswerWriter, votes synchronously.
const answerCrashChildEnv = "PAPERBOT_STORE_ANSWER_CRASH_CHILD"

// reportingStore prints "written N" after each batch it commits, N the
// highest answer number in it.
type reportingStore struct{ *SQLite }

func (r reportingStore) SaveAnswers(ctx context.Context, batch []AnswerWrite) error {
	if err := r.SQLite.SaveAnswers(ctx, batch); err != nil {
		return err
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(batch[len(batch)-1].Answer.ID, "ans"))
	fmt.Printf("written %d\n", n)
	return nil
}

// answerCrashChild queues answers and, for every tenth one, writes the
// queue and records a vote at once, printing "queued N" and "voted N";
// it runs until killed (or gives up after 60 s).
func answerCrashChild(path string) int {
	s, err := OpenSQLite(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ctx := context.Background()
	w := NewAnswerWriter(reportingStore{s}, WriterOptions{FlushEvery: 50 * time.Millisecond, BatchSize: 16, Retention: -1})
	deadline := time.Now().Add(60 * time.Second)
	for i := 1; time.Now().Before(deadline); i++ {
		if err := w.Add(AnswerWrite{Answer: answerRec(fmt.Sprint("ans", i), time.Now())}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("queued %d\n", i)
		if i%10 == 0 {
			if err := w.Flush(ctx); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
			if err := s.RecordFeedback(ctx, Vote{AnswerID: fmt.Sprint("ans", i), GuildID: "g1", UserID: "u1", Thumb: ThumbDown}); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
			fmt.Printf("voted %d\n", i)
		}
	}
	return 1
}

// TestAnswerWriterSurvivesKill kills an answering process with SIGKILL
// while it has answers queued: every answer in a batch it reported written
// is there, and every vote it reported; what can be lost are only answers
// queued after the last written batch (at most FlushEvery of them, see
// TestAnswerWriterFlushEvery). The child runs on between our reading a
// line and the kill, so only lower bounds are checked.
func TestAnswerWriterSurvivesKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	written, voted, queued := 0, 0, 0
	killChildWhen(t, answerCrashChildEnv, path, func(what string, n int) bool {
		switch what {
		case "written":
			written = max(written, n)
		case "voted":
			voted = n
		case "queued":
			queued = n
		}
		return voted >= 50 && queued > written // with answers queued, not written
	})
	if voted < 50 {
		t.Fatalf("child stopped after %d votes", voted)
	}

	s, err := OpenSQLite(path)
	must(t, err)
	defer s.Close()
	ctx := ctxT(t)
	for i := 1; i <= written; i++ {
		if _, err := s.Answer(ctx, fmt.Sprint("ans", i)); err != nil {
			t.Fatalf("answer %d lost though its batch was written (last written %d): %v", i, written, err)
		}
	}
	var votes int
	must(t, coreOf(t, s).db.queryRow(ctx, `SELECT CAST(COUNT(*) AS INTEGER) FROM feedback`, nil, &votes))
	if votes < voted/10 {
		t.Fatalf("%d votes after the kill, child reported %d", votes, voted/10)
	}
	t.Logf("killed with %d answers queued, %d written, %d voted", queued, written, voted)
}
