package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"paperbot/bot/discordtest"
)

// TestE2EStudyInSlots: /glossary and /summary defer, then wait in line for
// an answer slot like /ask (showing their place) instead of computing
// beside the answers; once computed, a paper's results come from the
// cache, with no slot needed.
func TestE2EStudyInSlots(t *testing.T) {
	t.Parallel()
	c := startClassroom(t, dbPath(t), nil, func(o *Options) {
		o.MaxConcurrent = 1
		o.EditInterval = 20 * time.Millisecond
	})
	defer c.checkRules()
	for _, cmd := range []string{"glossary", "summary"} {
		release, ok := c.bot.gate.acquire(context.Background(), time.Second)
		if !ok {
			t.Fatal("no free slot")
		}
		it := c.srv.InjectInteraction(discordtest.AsMember(discordtest.SlashCommand(cmd, nil, alice, channelB, ""), 0))
		ctx := ctxFor(t, 20*time.Second)
		st, err := it.WaitFor(ctx, func(st discordtest.InteractionState) bool { return len(placesShown(st)) > 0 })
		if err != nil {
			release()
			t.Fatalf("/%s with every slot busy showed no place in line: %+v", cmd, st.Responses)
		}
		release()
		st, err = it.WaitFor(ctx, func(st discordtest.InteractionState) bool { return st.Original != nil && len(st.Original.Embeds) == 1 })
		if err != nil {
			t.Fatalf("/%s never finished: %+v", cmd, st.Original)
		}
		if strings.Contains(st.Original.Content, "in line") {
			t.Errorf("/%s: the place in line stayed: %q", cmd, st.Original.Content)
		}
		// Cached: answered with the only slot held.
		release, _ = c.bot.gate.acquire(context.Background(), time.Second)
		st = c.as(alice, channelB, cmd, nil, 0)
		release()
		if st.Original == nil || len(st.Original.Embeds) != 1 || len(placesShown(st)) > 0 {
			t.Errorf("/%s again: %+v (places %q)", cmd, st.Original, placesShown(st))
		}
	}
}
