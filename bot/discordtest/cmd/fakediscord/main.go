// Command fakediscord runs the discordtest fake Discord on loopback for a
// manual demo without a Discord account: start it, point paperbot at the
// printed DISCORD_API_URL, then type slash commands or messages on stdin
// and watch the bot's answers.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
)

const help = `Type a line and press Enter:
  /ask What is soft power?   a slash command; the text fills its first option
  /cite 3                    (numbers become integers when the command says so)
  /refs                      a command without options
  @ What does [3] say?       a message that mentions the bot
  click <custom_id> <msg_id> press a button on a bot message
  violations | pings | help | quit
`

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback)")
	hb := flag.Duration("heartbeat", 41250*time.Millisecond, "gateway heartbeat interval")
	wait := flag.Duration("wait", 60*time.Second, "how long to wait for each answer")
	flag.Parse()

	srv, err := discordtest.Start(discordtest.WithAddr(*addr), discordtest.WithHeartbeatInterval(*hb))
	if err != nil {
		fmt.Fprintln(os.Stderr, "fakediscord:", err)
		os.Exit(1)
	}
	defer srv.Close()
	fmt.Printf("fake Discord is running. In another terminal:\n\n  DISCORD_API_URL=%s DISCORD_TOKEN=fake-token paperbot\n\n", srv.APIURL())
	fmt.Print(help)
	repl(srv, os.Stdin, os.Stdout, *wait)
}

// repl reads commands from in until EOF or "quit".
func repl(srv *discordtest.Server, in io.Reader, out io.Writer, wait time.Duration) {
	sc := bufio.NewScanner(in)
	for fmt.Fprint(out, "> "); sc.Scan(); fmt.Fprint(out, "> ") {
		line := strings.TrimSpace(sc.Text())
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		switch {
		case line == "":
		case line == "quit" || line == "exit":
			cancel()
			return
		case line == "help":
			fmt.Fprint(out, help)
		case line == "violations":
			printList(out, srv.Violations())
		case line == "pings":
			for _, p := range srv.Pings() {
				fmt.Fprintf(out, "  %s %s in message %s\n", p.Kind, p.Target, p.MessageID)
			}
		case strings.HasPrefix(line, "/"):
			name, text, _ := strings.Cut(line[1:], " ")
			showInteraction(ctx, out, srv.InjectInteraction(slash(srv, name, strings.TrimSpace(text))))
		case strings.HasPrefix(line, "click "):
			f := strings.Fields(line)
			if len(f) != 3 {
				fmt.Fprintln(out, "usage: click <custom_id> <message_id>")
				break
			}
			showInteraction(ctx, out, srv.InjectInteraction(discordtest.Button(f[1], f[2], nil, "", "")))
		default:
			text := line
			if rest, ok := strings.CutPrefix(line, "@"); ok {
				text = discordtest.Mention(srv.AppID()) + " " + strings.TrimSpace(rest)
			}
			showReplies(ctx, out, srv, srv.InjectMessage(discordtest.UserMessage(text, nil, "", "")).ID)
		}
		cancel()
	}
}

// slash builds a command, filling the registered command's first option.
func slash(srv *discordtest.Server, name, text string) *discordgo.Interaction {
	opts := map[string]any{}
	if text != "" {
		optName, optType := "question", discordgo.ApplicationCommandOptionString
		for _, c := range append(srv.Commands(discordtest.DefaultGuildID), srv.Commands("")...) {
			if c.Name == name && len(c.Options) > 0 {
				optName, optType = c.Options[0].Name, c.Options[0].Type
				break
			}
		}
		opts[optName] = text
		if n, err := strconv.Atoi(text); err == nil && optType == discordgo.ApplicationCommandOptionInteger {
			opts[optName] = n
		}
	}
	return discordtest.SlashCommand(name, opts, nil, "", "")
}

func showInteraction(ctx context.Context, out io.Writer, in *discordtest.Interaction) {
	st, err := in.WaitFinal(ctx)
	if err != nil {
		fmt.Fprintf(out, "(no final answer: %v; acked=%v)\n", err, st.Acked)
		return
	}
	if st.Original != nil {
		printMessage(out, st.Original)
	}
	for _, f := range st.Followups {
		printMessage(out, f)
	}
	for _, c := range st.Choices {
		fmt.Fprintf(out, "  choice %q = %v\n", c.Name, c.Value)
	}
	if st.Modal != nil {
		fmt.Fprintf(out, "  modal %q (%s)\n", st.Modal.Title, st.Modal.CustomID)
	}
	fmt.Fprintf(out, "(acknowledged in %v)\n", st.AckAfter.Round(time.Millisecond))
}

func showReplies(ctx context.Context, out io.Writer, srv *discordtest.Server, id string) {
	msgs, err := srv.WaitMessages(ctx, func(ms []*discordtest.Message) bool {
		for _, m := range ms {
			if m.Reference != nil && m.Reference.MessageID == id {
				return true
			}
		}
		return false
	})
	if err != nil {
		fmt.Fprintln(out, "(no reply)")
		return
	}
	time.Sleep(200 * time.Millisecond) // let edits of a streamed reply land
	for _, m := range msgs {
		if m.Reference != nil && m.Reference.MessageID == id {
			printMessage(out, srv.Message(m.ID))
		}
	}
}

func printMessage(out io.Writer, m *discordtest.Message) {
	fmt.Fprintf(out, "--- message %s (flags %d, %d edits)\n%s\n", m.ID, m.Flags, len(m.Edits), m.Content)
	for _, e := range m.Embeds {
		fmt.Fprintf(out, "  [embed] %s\n  %s\n", e.Title, e.Description)
		for _, f := range e.Fields {
			fmt.Fprintf(out, "  %s: %s\n", f.Name, f.Value)
		}
	}
	for _, b := range m.Buttons() {
		fmt.Fprintf(out, "  [button %q custom_id=%s]\n", b.Label, b.CustomID)
	}
}

func printList(out io.Writer, items []string) {
	if len(items) == 0 {
		fmt.Fprintln(out, "  none")
	}
	for _, s := range items {
		fmt.Fprintln(out, "  "+s)
	}
}
