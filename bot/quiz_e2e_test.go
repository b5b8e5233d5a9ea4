package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"paperbot/bot/discordtest"
)

// TestE2EQuizDefersFirst: /quiz start acknowledges before it reads the
// store or builds anything, then builds the quiz in an answer slot like
// the other study commands. With the only slot held, the quiz is already
// acknowledged and shows its place in line; once the slot frees, the
// questions arrive.
func TestE2EQuizDefersFirst(t *testing.T) {
	t.Parallel()
	c := startClassroom(t, dbPath(t), nil, func(o *Options) {
		o.MaxConcurrent = 1
		o.EditInterval = 20 * time.Millisecond
	})
	defer c.checkRules()
	release, ok := c.bot.gate.acquire(context.Background(), time.Second)
	if !ok {
		t.Fatal("no free slot")
	}
	it := c.srv.InjectInteraction(discordtest.AsMember(discordtest.SlashCommand("quiz",
		map[string]any{"start": map[string]any{"count": 2}}, alice, channelB, ""), 0))
	ctx := ctxFor(t, 20*time.Second)
	st, err := it.WaitFor(ctx, func(st discordtest.InteractionState) bool { return len(placesShown(st)) > 0 || st.Final() })
	release()
	if err != nil || len(placesShown(st)) == 0 {
		t.Fatalf("/quiz start with every slot busy showed no place in line (built the quiz outside the slots?): acked=%v type=%d text=%q", st.Acked, st.AckType, st.Text())
	}
	if st.AckType != 5 {
		t.Errorf("/quiz start acknowledged with type %d, want a deferred message (5)", st.AckType)
	}
	st, err = it.WaitFor(ctx, func(st discordtest.InteractionState) bool {
		return st.Original != nil && strings.Contains(st.Original.Content, "Quiz question 1 of 2") && strings.Contains(st.Original.Content, "**Next**")
	})
	if err != nil {
		t.Fatalf("/quiz start never finished: %+v", st.Original)
	}
	if strings.Contains(st.Text(), "in line") {
		t.Errorf("the place in line stayed: %q", st.Text())
	}
}
