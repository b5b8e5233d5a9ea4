package discordtest_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"paperbot/bot/discordtest"
)

// A typical bot test: start the fake, point discordgo at it, open the bot's
// session, inject a slash command and assert on what the bot did.
func Example() {
	var t *testing.T // in a real test, the test's *testing.T
	srv := discordtest.New(t, discordtest.WithHeartbeatInterval(time.Second))
	// ... start the bot with token "Bot anything", its session's Client set
	// to srv.Client() (or the bot's own DISCORD_API_URL=srv.APIURL()), and wait:
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}

	// A 429 on the first edit, which discordgo must retry.
	srv.FailNext(discordtest.RouteEditOriginal, http.StatusTooManyRequests, 0.1, 1)

	in := srv.InjectInteraction(discordtest.SlashCommand("ask",
		map[string]any{"question": "What is soft power? @everyone"}, nil, "", ""))
	st, err := in.WaitFinal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(st.AckAfter < 3*time.Second, st.Original.Content)
	if v := srv.Violations(); len(v) > 0 {
		t.Fatalf("broke Discord's rules: %v", v)
	}
	if p := srv.Pings(); len(p) > 0 {
		t.Fatalf("pinged: %v", p)
	}

	// A mention and a reply chain.
	q := srv.InjectMessage(discordtest.UserMessage(discordtest.Mention(srv.AppID())+" what is [3]?", nil, "", ""))
	msgs, _ := srv.WaitMessages(ctx, func(ms []*discordtest.Message) bool { return len(srv.RepliesTo(q.ID)) > 0 })
	srv.InjectMessage(discordtest.Reply(discordtest.UserMessage("and [4]?", nil, "", ""), msgs[len(msgs)-1].ID))

	// Buttons on the answer, by custom_id.
	for _, b := range st.Original.Buttons() {
		srv.InjectInteraction(discordtest.Button(b.CustomID, st.Original.ID, nil, "", ""))
	}

	// Gateway faults.
	srv.DropGateway() // the bot must resume
	_ = srv.WaitGateway(ctx, func(g discordtest.GatewayStats) bool { return g.Resumes > 0 && g.Connected > 0 })
	srv.CloseGateway(4004) // fatal: the bot must exit with a clear message

}
