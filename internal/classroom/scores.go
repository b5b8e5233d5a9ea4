package classroom

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
)

// MaxCSVStudents is how many students ScoresCSV lists (the store's largest
// leaderboard page).
const MaxCSVStudents = 100

// ScoresCSV is a channel's leaderboard as CSV (rank, user_id, correct,
// answered) and how many students it lists; nil and 0 when nobody has
// answered yet.
func (z *Quizzes) ScoresCSV(ctx context.Context, channelID string) ([]byte, int, error) {
	scores, err := z.st.Leaderboard(ctx, channelID, MaxCSVStudents)
	if err != nil {
		return nil, 0, err
	}
	if len(scores) == 0 {
		return nil, 0, nil
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"rank", "user_id", "correct", "answered"})
	for i, s := range scores {
		_ = w.Write([]string{strconv.Itoa(i + 1), s.UserID, strconv.Itoa(s.Correct), strconv.Itoa(s.Answered)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, 0, fmt.Errorf("write quiz scores: %w", err)
	}
	return buf.Bytes(), len(scores), nil
}
