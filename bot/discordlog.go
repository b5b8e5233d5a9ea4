package bot

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// discordgo v0.29 logs through one package variable, discordgo.Logger, and
// offers no per-session logger; a close of a live gateway connection is
// reported only there ("error reading from gateway %s websocket, %s")
// before the session disconnects. So the adapter below is installed once,
// at package initialisation, and hands each line to the bots whose Run is
// in progress (liveBots): with the tokens redacted, to their loggers, and a
// fatal close code to the bot whose gateway URL the line names.
//
// liveBots is the one package-level variable changed at run time; the
// alternative, reading close frames below the websocket library through a
// wrapped net.Conn, would mean parsing the websocket framing (under TLS in
// production) to learn what discordgo already prints.
var _ = func() bool { discordgo.Logger = discordgoLogLine; return true }()

// liveBots are the bots whose Run is in progress.
var liveBots sync.Map // *Bot → struct{}

// discordgoLogLine is discordgo.Logger.
func discordgoLogLine(msgL, _ int, format string, a ...any) {
	url, code := gatewayClose(a)
	msg := "discordgo: " + redact(fmt.Sprintf(format, a...))
	liveBots.Range(func(k, _ any) bool {
		b := k.(*Bot)
		mine, _ := b.ops.gateway.Load().(string)
		if mine != "" && url != "" && !strings.HasPrefix(url, mine) {
			return true // another bot's gateway (tests run many bots at once)
		}
		if code != 0 {
			b.ops.closeCode.Store(int64(code))
		}
		switch msgL {
		case discordgo.LogError:
			b.log.Error(msg)
		case discordgo.LogWarning:
			b.log.Warn(msg)
		case discordgo.LogInformational:
			b.log.Info(msg)
		default:
			b.log.Debug(msg)
		}
		return true
	})
}

// gatewayClose finds, among the arguments of a discordgo log line, the
// gateway URL it names and a fatal websocket close code (0: none).
func gatewayClose(args []any) (url string, code int) {
	for _, a := range args {
		if s, ok := a.(string); ok && strings.Contains(s, "://") {
			url = s
		}
		if err, ok := a.(error); ok {
			var ce *websocket.CloseError
			if errors.As(err, &ce) && fatalCloseCode(ce.Code) {
				code = ce.Code
			}
		}
	}
	return url, code
}
