package bot

import (
	"context"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"

	"paperbot/retrieval/answer"
)

// The Stop button of a streamed answer. While a model writes an /ask
// answer, each streamed edit carries Stop; pressing it cancels that
// answer's generation and the message is finalised with the text written
// so far (its citations checked by the engine, with the evidence and
// citation buttons) and a note saying who stopped it. The asker may stop it, and so
// may anyone with Manage Messages in the channel (they could delete the
// message anyway); others are told it is not theirs.

// idStop is the custom-id prefix of the Stop button: pb:stop:<interaction id of the /ask>.
const idStop = "pb:stop:"

// The replies to a Stop press that stops nothing.
const (
	msgStopNotYours = "Only the person who asked can stop this answer."
	msgStopFinished = "This answer has already finished."
)

// errStopped is the cause of an answer's context when Stop was pressed:
// the engine's, so that it returns what the model wrote so far.
var errStopped = answer.ErrStopped

// liveStreams are the answers being generated that Stop can cancel, by
// the id of the /ask interaction. The zero value is ready to use.
type liveStreams struct {
	mu sync.Mutex
	m  map[string]*liveStream
}

type liveStream struct {
	asker     string
	cancel    context.CancelCauseFunc
	stoppedBy string // display name of who pressed Stop; "" while running
}

// add registers the answer key asked by asker, cancelled by cancel.
func (l *liveStreams) add(key, asker string, cancel context.CancelCauseFunc) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.m == nil {
		l.m = map[string]*liveStream{}
	}
	l.m[key] = &liveStream{asker: asker, cancel: cancel}
}

// end unregisters key, so later presses say it has finished, and returns
// who stopped it ("" when nobody did).
func (l *liveStreams) end(key string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	ls := l.m[key]
	delete(l.m, key)
	if ls == nil {
		return ""
	}
	return ls.stoppedBy
}

// stopResult is what a Stop press did.
type stopResult int

const (
	stopDone     stopResult = iota // the answer's generation was cancelled
	stopFinished                   // the answer is no longer being written
	stopNotYours                   // the presser may not stop it
)

// stop cancels answer key for user (named name), if it is still being
// written and user asked it or may manage messages.
func (l *liveStreams) stop(key, user, name string, manager bool) stopResult {
	l.mu.Lock()
	defer l.mu.Unlock()
	ls := l.m[key]
	switch {
	case ls == nil:
		return stopFinished
	case user != ls.asker && !manager:
		return stopNotYours
	}
	if ls.stoppedBy == "" {
		ls.stoppedBy = name
		ls.cancel(errStopped)
	}
	return stopDone
}

// btnStop handles a press of Stop on the streamed answer key. The press
// is acknowledged without a visible change (a deferred update): the
// answer's own goroutine finalises the message once generation stops.
func (b *Bot) btnStop(r *reply, key string) {
	switch b.live.stop(key, r.userID(), displayName(r.i), r.canManageMessages()) {
	case stopFinished:
		r.fail(msgStopFinished)
		return
	case stopNotYours:
		r.fail(msgStopNotYours)
		return
	}
	if err := r.deferUpdate(); err != nil {
		b.log.Warn("acknowledge Stop", "err", redactErr(err))
	}
}

// stopButtons is the Stop button of the streamed answer key.
func stopButtons(key string) []discordgo.MessageComponent {
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Stop", Style: discordgo.SecondaryButton, CustomID: idStop + key,
			Emoji: &discordgo.ComponentEmoji{Name: "⏹️"}},
	}}}
}

// stoppedText is a stopped answer: the question's quote, what was streamed
// so far (sanitised as every answer) and a subtext note naming who
// stopped it. The result may exceed 2,000 characters; SplitMessage it.
func stoppedText(question, soFar, who string) string {
	var b strings.Builder
	if q := oneLine(question); q != "" {
		b.WriteString("> **Q:** " + truncate(echoQuestion(q), 300) + "\n")
	}
	if text := strings.TrimSpace(soFar); text != "" {
		b.WriteString(safe(text))
	} else {
		b.WriteString("*(stopped before any text was written)*")
	}
	b.WriteString("\n-# Stopped by " + mdEscape(truncate(oneLine(who), 32)) + ".")
	return Neutralize(b.String())
}

// displayName is how the user of an interaction is shown: their server
// nickname, else their display name, else their username.
func displayName(i *discordgo.Interaction) string {
	u := i.User
	if i.Member != nil {
		if i.Member.Nick != "" {
			return i.Member.Nick
		}
		u = i.Member.User
	}
	switch {
	case u == nil:
		return "someone"
	case u.GlobalName != "":
		return u.GlobalName
	}
	return u.Username
}

// canManageMessages reports whether the member who pressed may manage
// messages in the channel (Discord computes the bits per channel).
func (r *reply) canManageMessages() bool {
	return r.i.Member != nil && r.i.Member.Permissions&discordgo.PermissionManageMessages != 0
}

// deferUpdate acknowledges a component without changing its message yet
// (type 6).
func (r *reply) deferUpdate() error {
	r.settle()
	return r.sendDeferUpdate()
}

// sendDeferUpdate sends the deferred update (type 6).
func (r *reply) sendDeferUpdate() error {
	err := r.b.s.InteractionRespond(r.i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate},
		discordgo.WithContext(r.ctx()))
	if err == nil {
		r.mu.Lock()
		r.acked, r.deferredUpdate = true, true
		r.mu.Unlock()
	}
	return err
}
