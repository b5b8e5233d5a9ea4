package discordtest

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestShardsAndMessageContentIntent(t *testing.T) {
	g0, g1 := strconv.Itoa(2<<22), strconv.Itoa(1<<22) // shard 0 and shard 1 of 2
	srv := New(t, WithShards(2), WithGuilds(g0, g1), WithHeartbeatInterval(time.Second))
	got := make(chan [2]string, 8) // shard, guild or content
	var sessions []*discordgo.Session
	for shard := range 2 {
		s, err := discordgo.New("Bot t")
		if err != nil {
			t.Fatal(err)
		}
		s.Client = srv.Client()
		s.ShardID, s.ShardCount = shard, 2
		s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages // no MESSAGE_CONTENT
		s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
			got <- [2]string{strconv.Itoa(shard), ic.GuildID}
		})
		s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) {
			got <- [2]string{strconv.Itoa(shard), "content:" + m.Content}
		})
		if err := s.Open(); err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, s)
	}
	t.Cleanup(func() { // discordgo's Close sleeps 1 s; close both at once
		var wg sync.WaitGroup
		for _, s := range sessions {
			wg.Add(1)
			go func() { defer wg.Done(); _ = s.Close() }()
		}
		wg.Wait()
	})
	if err := srv.WaitGateway(ctxT(t), func(g GatewayStats) bool { return g.Connected == 2 }); err != nil {
		t.Fatal(err)
	}
	next := func() [2]string {
		t.Helper()
		select {
		case v := <-got:
			return v
		case <-time.After(10 * time.Second):
			t.Fatal("no event")
			return [2]string{}
		}
	}
	srv.InjectInteraction(SlashCommand("ask", nil, nil, "c1", g1))
	if v := next(); v != [2]string{"1", g1} {
		t.Fatalf("guild %s went to %v", g1, v)
	}
	srv.InjectInteraction(SlashCommand("ask", nil, nil, "c0", g0))
	if v := next(); v != [2]string{"0", g0} {
		t.Fatalf("guild %s went to %v", g0, v)
	}
	// Without the MESSAGE_CONTENT intent only mentions keep their content.
	srv.InjectMessage(UserMessage("plain", nil, "c0", g0))
	if v := next(); v != [2]string{"0", "content:"} {
		t.Fatalf("plain message: %v", v)
	}
	srv.InjectMessage(UserMessage(Mention(srv.AppID())+" hi", nil, "c0", g0))
	if v := next(); v[1] != "content:"+Mention(srv.AppID())+" hi" {
		t.Fatalf("mention: %v", v)
	}
	for _, ss := range srv.Sessions() {
		if ss.Shard[1] != 2 || !ss.Connected {
			t.Fatalf("sessions = %+v", srv.Sessions())
		}
	}
}
