package bot

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"paperbot/bot/discordtest"
	"paperbot/internal/ops"
)

func TestCheckShard(t *testing.T) {
	for _, tc := range []struct {
		id, count int
		ok        bool
	}{
		{0, 0, true}, {3, 0, true}, {0, 1, true}, {1, 2, true},
		{2, 2, false}, {-1, 0, false}, {0, -1, false}, {5, 4, false},
	} {
		if err := checkShard(tc.id, tc.count); (err == nil) != tc.ok {
			t.Errorf("checkShard(%d, %d) = %v", tc.id, tc.count, err)
		}
	}
}

// TestE2EShards runs two shard processes' bots (here in one process) with
// the shard count read from /gateway/bot: each gets its own guild's
// questions and answers them.
func TestE2EShards(t *testing.T) {
	t.Parallel()
	g0, g1 := strconv.Itoa(2<<22), strconv.Itoa(1<<22) // shard 0 and shard 1 of 2
	srv := discordtest.New(t, discordtest.WithShards(2), discordtest.WithGuilds(g0, g1),
		discordtest.WithHeartbeatInterval(250*time.Millisecond), discordtest.WithToken("test-token"))
	metrics := []*ops.Metrics{ops.NewMetrics(), ops.NewMetrics()}
	var runs sync.WaitGroup
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); runs.Wait() })
	bots := make([]*Bot, 2)
	for shard := range 2 {
		b, err := New(Options{Token: "test-token", APIURL: srv.APIURL(), Engine: testEngine(t), Logger: discardLogger(),
			ShardID: shard, Metrics: metrics[shard], EditInterval: 50 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		bots[shard] = b
	}
	// Both bots exist before either runs: New sets discordgo's
	// package-level endpoints, which Run reads.
	for shard, b := range bots {
		runs.Add(1)
		go func() {
			defer runs.Done()
			if err := b.Run(ctx); err != nil {
				t.Errorf("shard %d: %v", shard, err)
			}
		}()
	}
	for shard, b := range bots {
		select {
		case <-b.Ready():
		case <-time.After(10 * time.Second):
			t.Fatalf("shard %d not ready", shard)
		}
		if id, count := b.Shard(); id != shard || count != 2 {
			t.Errorf("bot %d connected as shard %d of %d", shard, id, count)
		}
	}
	shards := map[[2]int]bool{}
	for _, s := range srv.Sessions() {
		shards[s.Shard] = true
	}
	if !shards[[2]int{0, 2}] || !shards[[2]int{1, 2}] {
		t.Fatalf("sessions: %+v", srv.Sessions())
	}
	for shard, guild := range []string{g0, g1} {
		it := srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, nil, "c"+guild, guild))
		wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
		st, err := it.WaitFinal(wctx)
		wcancel()
		if err != nil || st.Original == nil || !strings.Contains(st.Original.Content, "-# ") {
			t.Fatalf("guild %s: %v %+v", guild, err, st)
		}
		if got := metricValue(t, metrics[shard], "paperbot_questions_total"); got != 1 {
			t.Errorf("shard %d answered %v questions, want 1", shard, got)
		}
	}
	for _, v := range srv.Violations() {
		t.Errorf("violation: %s", v)
	}
}

// TestE2EShardOutOfRange: SHARD_ID beyond Discord's recommended count is a
// clear error before connecting.
func TestE2EShardOutOfRange(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t, discordtest.WithShards(2))
	b, err := New(Options{Token: "t", APIURL: srv.APIURL(), Engine: testEngine(t), Logger: discardLogger(), ShardID: 2})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := b.Run(ctx); err == nil || !strings.Contains(err.Error(), "SHARD_ID must be below 2") {
		t.Fatalf("Run = %v", err)
	}
	if n := srv.Identifies(); n != 0 {
		t.Errorf("identified %d times", n)
	}
	if _, err := New(Options{Token: "t", Engine: testEngine(t), ShardID: 2, ShardCount: 2}); err == nil {
		t.Error("New accepted shard 2 of 2")
	}
}
