package ops

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
)

// DiscordgoLogger adapts l to the signature of discordgo's package-level
// Logger variable, so the library's own log lines go through the same
// (redacting) handler as everything else:
//
//	discordgo.Logger = ops.DiscordgoLogger(logger)
//
// discordgo's levels 0–3 (error, warning, informational, debug) map to the
// slog levels of the same names. This package does not import discordgo.
func DiscordgoLogger(l *slog.Logger) func(msgL, caller int, format string, a ...any) {
	if l == nil {
		l = slog.Default()
	}
	return func(msgL, caller int, format string, a ...any) {
		level := discordgoLevel(msgL)
		ctx := context.Background()
		if !l.Enabled(ctx, level) {
			return
		}
		attrs := []any{slog.String("lib", "discordgo")}
		// caller counts frames from discordgo's msglog; this func adds one.
		if pc, file, line, ok := runtime.Caller(caller + 1); ok {
			src := fmt.Sprintf("%s:%d", filepath.Base(file), line)
			if fn := runtime.FuncForPC(pc); fn != nil {
				src += " " + filepath.Base(fn.Name())
			}
			attrs = append(attrs, slog.String("src", src))
		}
		l.Log(ctx, level, fmt.Sprintf(format, a...), attrs...)
	}
}

func discordgoLevel(msgL int) slog.Level {
	switch msgL {
	case 0:
		return slog.LevelError
	case 1:
		return slog.LevelWarn
	case 2:
		return slog.LevelInfo
	}
	return slog.LevelDebug
}
