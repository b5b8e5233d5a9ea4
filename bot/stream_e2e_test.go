package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"paperbot/bot/discordtest"
	"paperbot/retrieval/answer"
)

// TestE2EStreamedEdits: an answer that streams in is edited into the
// message through the shared scheduler, with a "…" while it comes, at most
// about one edit per interval per message, and a final edit without it;
// twenty streams at once all finish.
func TestE2EStreamedEdits(t *testing.T) {
	t.Parallel()
	const interval = 100 * time.Millisecond
	real := testEngine(t)
	eng := stubEngine{Engine: real, ask: func(ctx context.Context, req answer.Request) (*answer.Answer, error) {
		var soFar strings.Builder
		for i := 0; i < 30; i++ {
			fmt.Fprintf(&soFar, "word%d ", i)
			if req.OnDelta != nil {
				req.OnDelta(soFar.String())
			}
			time.Sleep(20 * time.Millisecond) // the model's pace, not a wait: the edit interval is checked against it
		}
		return &answer.Answer{Text: soFar.String() + "[15].", Citations: []int{15}, Mode: answer.ModeModel}, nil
	}}
	e := startBot(t, eng, func(o *Options) {
		o.EditInterval = interval
		o.MaxConcurrent = 20
	})
	defer e.checkRules()
	const streams = 20
	its := make([]*discordtest.Interaction, streams)
	var sawPartial sync.Map
	for i := range its {
		user := discordtest.NewUser(fmt.Sprintf("6000000000000%05d", i), "s")
		its[i] = e.srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "Explain soft power"}, user, "", ""))
	}
	ctx := ctxFor(t, 20*time.Second)
	for i, it := range its {
		_, err := it.WaitFor(ctx, func(st discordtest.InteractionState) bool {
			if st.Original != nil && strings.HasSuffix(st.Original.Content, streamingMark) {
				sawPartial.Store(i, true)
			}
			return st.Original != nil && strings.Contains(st.Original.Content, "-# From reference [15]")
		})
		if err != nil {
			t.Fatalf("stream %d never finished: %+v", i, it.State().Original)
		}
	}
	partials := 0
	for i, it := range its {
		st := it.State()
		if _, ok := sawPartial.Load(i); ok {
			partials++
		}
		edits := st.Original.Edits
		// 30 deltas over ~600 ms: a handful of paced edits plus the final one.
		if len(edits) < 2 || len(edits) > 600/int(interval/time.Millisecond)+3 {
			t.Errorf("stream %d: %d edits", i, len(edits))
		}
		for j := 1; j < len(edits)-1; j++ {
			if gap := edits[j].Sub(edits[j-1]); gap < interval-20*time.Millisecond {
				t.Errorf("stream %d: edits %d and %d only %v apart", i, j-1, j, gap)
			}
		}
		if strings.Contains(st.Original.Content, streamingMark+"\n") || strings.HasSuffix(st.Original.Content, streamingMark) {
			t.Errorf("stream %d: final text still shows the indicator", i)
		}
	}
	if partials == 0 {
		t.Error("no stream ever showed a partial answer")
	}
}
