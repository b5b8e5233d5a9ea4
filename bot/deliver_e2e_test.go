package bot

import (
	"strings"
	"testing"
	"time"

	"paperbot/bot/discordtest"
)

// TestE2EFailingEditFallsBackToFollowup: when every edit of the deferred
// response fails (server errors, or 429s past the transport's retries),
// the answer arrives as a follow-up instead of leaving "thinking…".
func TestE2EFailingEditFallsBackToFollowup(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		status     int
		retryAfter float64
	}{{"5xx", 502, 0}, {"429", 429, 0.05}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := startBot(t, nil, nil)
			defer e.checkRules()
			e.srv.FailNext(discordtest.RouteEditOriginal, tc.status, tc.retryAfter, 50)
			it := e.srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, nil, "", ""))
			ctx := ctxFor(t, 20*time.Second)
			st, err := it.WaitFor(ctx, func(st discordtest.InteractionState) bool {
				return strings.Contains(st.Text(), "-# ")
			})
			if err != nil {
				t.Fatalf("answer never delivered: %q, original %+v", st.Text(), st.Original)
			}
			if len(st.Followups) == 0 && (st.Original == nil || st.Original.Loading) {
				t.Errorf("still thinking: %+v", st.Original)
			}
		})
	}
}
