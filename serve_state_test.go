package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
	"paperbot/corpus"
	"paperbot/corpus/pdftext"
	"paperbot/internal/testutil"
)

// TestServeState: serve keeps classroom state in DATA_DIR/state.db. A
// channel's paper and an uploaded PDF survive a restart of the process, an
// instructor's pinned answer takes precedence over the engine's, and an
// answer's buttons work after the restart.
func TestServeState(t *testing.T) {
	if !pdftext.Available() {
		if os.Getenv("CI") != "" {
			t.Fatal("needs pdftotext (Debian package poppler-utils); CI must have it")
		}
		t.Skip("needs pdftotext (Debian package poppler-utils); .ci/run installs it")
	}
	dataDir, corpusDir := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(corpusDir, "soft-power.txt"), corpus.DefaultText(), 0o644); err != nil {
		t.Fatal(err)
	}
	cdn := discordtest.NewCDN(t)
	pdf := cdn.Add("andosols.pdf", "application/pdf", pdftext.MakePDF([][]string{
		{"Andosols on volcanic slopes", "Abstract", "Andosols form from volcanic ash and hold phosphorus."},
		{"References", "1. Shoji, S. (1993). Volcanic ash soils. Elsevier.", "2. Nanzyo, M. (2002). Volcanic ash soils properties. Global Environmental Research, 6, 99-112."},
	}))
	const channel, otherChannel = "900000000000000250", "900000000000000251"
	var answer *discordtest.Message
	var evidence []*discordgo.MessageEmbed
	manage := func(in *discordgo.Interaction) *discordgo.Interaction {
		return discordtest.AsMember(in, discordgo.PermissionManageGuild)
	}

	run := func(steps func(do func(*discordgo.Interaction) discordtest.InteractionState)) {
		t.Helper()
		srv := discordtest.New(t, discordtest.WithToken(fakeToken), discordtest.WithHeartbeatInterval(200*time.Millisecond))
		env := testEnv(t, "DISCORD_TOKEN", fakeToken, "DISCORD_API_URL", srv.APIURL(), "DISCORD_GUILD_ID", discordtest.DefaultGuildID,
			"DATA_DIR", dataDir, "CORPUS_DIR", corpusDir)
		ctx, cancel := context.WithCancel(context.Background())
		var stdout, stderr testutil.Buffer
		done := make(chan int, 1)
		go func() { done <- serve(ctx, nil, &stdout, &stderr, env) }()
		wctx, wcancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer wcancel()
		if err := srv.WaitCommands(wctx, discordtest.DefaultGuildID, 12); err != nil {
			cancel()
			t.Fatalf("commands not registered: %v\n%s", err, stderr.String())
		}
		if err := srv.WaitReady(wctx); err != nil {
			t.Fatal(err)
		}
		steps(func(in *discordgo.Interaction) discordtest.InteractionState {
			t.Helper()
			st, err := srv.InjectInteraction(in).WaitFinal(wctx)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr.String())
			}
			return st
		})
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Fatalf("serve exit %d\n%s", code, stderr.String())
			}
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not stop")
		}
		for _, v := range srv.Violations() {
			t.Errorf("Discord rule broken: %s", v)
		}
	}

	run(func(do func(*discordgo.Interaction) discordtest.InteractionState) {
		st := do(discordtest.WithAttachment(manage(discordtest.SlashCommand("ingest", nil, nil, channel, "")), "file", pdf))
		if st.Original == nil || !strings.Contains(st.Original.Content, "as `andosols`") {
			t.Fatalf("/ingest: %+v", st.Original)
		}
		st = do(manage(discordtest.SlashCommand("class", map[string]any{"paper": map[string]any{"id": "andosols"}}, nil, channel, "")))
		if st.Original == nil || !strings.Contains(st.Original.Content, "now studies") {
			t.Fatalf("/class paper: %+v", st.Original)
		}
		st = do(manage(discordtest.SlashCommand("pin", map[string]any{"question": "Where do andosols form?", "answer": "On volcanic ash [1]."}, nil, channel, "")))
		if st.Original == nil || !strings.Contains(st.Original.Content, "Pinned") {
			t.Fatalf("/pin: %+v", st.Original)
		}
		st = do(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, nil, otherChannel, ""))
		if answer = st.Original; answer == nil || len(answer.Buttons()) == 0 {
			t.Fatalf("/ask: %+v", st.Original)
		}
		st = do(discordtest.Button(answer.Buttons()[0].CustomID, answer.ID, nil, otherChannel, ""))
		if evidence = st.Original.Embeds; len(evidence) != 1 || evidence[0].Title != "Evidence" {
			t.Fatalf("Show evidence: %+v", st.Original)
		}
	})
	if _, err := os.Stat(filepath.Join(dataDir, "state.db")); err != nil {
		t.Fatalf("no state database: %v", err)
	}
	run(func(do func(*discordgo.Interaction) discordtest.InteractionState) {
		st := do(discordtest.SlashCommand("paper", map[string]any{"show": map[string]any{}}, nil, channel, ""))
		if st.Original == nil || len(st.Original.Embeds) == 0 || !strings.Contains(st.Original.Embeds[0].Title, "Andosols") {
			t.Fatalf("channel paper after restart: %+v", st.Original)
		}
		st = do(discordtest.SlashCommand("ask", map[string]any{"question": "Where do andosols form?"}, nil, channel, ""))
		if st.Original == nil || !strings.Contains(st.Original.Content, "On volcanic ash [1].") {
			t.Fatalf("pinned answer after restart: %+v", st.Original)
		}
		st = do(discordtest.Button(answer.Buttons()[0].CustomID, answer.ID, nil, otherChannel, ""))
		if st.Original == nil || !reflect.DeepEqual(st.Original.Embeds, evidence) {
			t.Fatalf("Show evidence after restart: %+v", st.Original)
		}
		st = do(discordtest.Button(answer.Buttons()[1].CustomID, answer.ID, nil, otherChannel, ""))
		if st.Original == nil || !strings.Contains(st.Original.Content, "**Sources**") {
			t.Fatalf("Cite sources after restart: %+v", st.Original)
		}
	})
}
