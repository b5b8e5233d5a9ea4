package discordtest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// BenchmarkRoundTrip measures the fake's own overhead: inject a slash
// command, a real discordgo Session defers and edits, the fake sees the
// final edit.
func BenchmarkRoundTrip(b *testing.B) {
	srv := New(b, WithHeartbeatInterval(time.Second))
	sess, err := discordgo.New("Bot t")
	if err != nil {
		b.Fatal(err)
	}
	sess.Client = srv.Client()
	sess.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		_ = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: 5})
		c := "done"
		_, _ = s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &c, AllowedMentions: noPings})
	})
	if err := sess.Open(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = sess.Close() })
	ctx := context.Background()
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		in := srv.InjectInteraction(SlashCommand("ask", nil, nil, "", ""))
		if _, err := in.WaitFor(ctx, InteractionState.Final); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	if v := srv.Violations(); len(v) != 0 {
		b.Fatalf("violations: %v", v)
	}
}
