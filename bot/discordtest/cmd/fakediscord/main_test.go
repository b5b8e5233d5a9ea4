package main

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
)

func TestREPL(t *testing.T) {
	srv := discordtest.New(t, discordtest.WithHeartbeatInterval(time.Second), discordtest.WithSettle(10*time.Millisecond))
	sess, err := discordgo.New("Bot fake-token")
	if err != nil {
		t.Fatal(err)
	}
	sess.Client = srv.Client()
	sess.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentMessageContent
	none := &discordgo.MessageAllowedMentions{}
	sess.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		q := ic.ApplicationCommandData().GetOption("question").StringValue()
		_ = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: 4,
			Data: &discordgo.InteractionResponseData{Content: "echo: " + q, AllowedMentions: none}})
	})
	sess.AddHandler(func(s *discordgo.Session, m *discordgo.MessageCreate) {
		_, _ = s.ChannelMessageSendComplex(m.ChannelID, &discordgo.MessageSend{Content: "reply", Reference: m.Reference(), AllowedMentions: none})
	})
	if err := sess.Open(); err != nil {
		t.Fatal(err)
	}
	defer sess.Close()

	var out strings.Builder
	repl(srv, strings.NewReader("help\n/ask hello there\n@ and you?\nviolations\nquit\n/ask never\n"), &out, 5*time.Second)
	got := out.String()
	for _, want := range []string{"echo: hello there", "\nreply\n", "  none\n", "acknowledged in"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "never") {
		t.Errorf("read past quit:\n%s", got)
	}
}
