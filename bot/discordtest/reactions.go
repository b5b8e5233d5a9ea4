package discordtest

import (
	"context"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// Reaction is a reaction the bot added to a message (PUT
// /channels/{c}/messages/{m}/reactions/{emoji}/@me), marked Removed when
// the bot took it back.
type Reaction struct {
	ChannelID string
	MessageID string
	Emoji     string // the unicode emoji, or name:id for a custom one
	At        time.Time
	Removed   bool
}

// reactionRoute adds or removes the bot's own reaction. Like Discord, it
// answers 10008 Unknown Message for a message that is not in the channel
// (or is deleted or ephemeral) and 10014 Unknown Emoji for text that is no
// emoji.
func (s *Server) reactionRoute(w http.ResponseWriter, r *http.Request, p []string) {
	channelID, messageID, emoji := p[0], p[1], p[2]
	s.mu.Lock()
	defer s.mu.Unlock()
	route := r.Method + " /channels/" + channelID + "/messages/" + messageID + "/reactions/" + emoji + "/@me"
	m, um := s.msgByID[messageID], s.userMsgs[messageID]
	exists := (m != nil && !m.Deleted && !m.Ephemeral() && m.ChannelID == channelID) ||
		(um != nil && !um.deleted && um.msg.ChannelID == channelID)
	if !exists {
		s.restRejectLocked(w, route, http.StatusNotFound, 10008, "Unknown Message")
		return
	}
	if !isEmoji(emoji) {
		s.restRejectLocked(w, route, http.StatusBadRequest, 10014, "Unknown Emoji")
		return
	}
	switch r.Method {
	case http.MethodPut:
		s.reactions = append(s.reactions, Reaction{ChannelID: channelID, MessageID: messageID, Emoji: emoji, At: time.Now()})
	case http.MethodDelete:
		for i := range s.reactions {
			if rc := &s.reactions[i]; rc.MessageID == messageID && rc.Emoji == emoji {
				rc.Removed = true
			}
		}
	}
	s.changedLocked()
	w.WriteHeader(http.StatusNoContent)
}

// isEmoji accepts a custom emoji "name:id" or text with a non-ASCII
// character (a unicode emoji); plain words are not emoji.
func isEmoji(s string) bool {
	if name, id, ok := strings.Cut(s, ":"); ok {
		return name != "" && id != "" && strings.Trim(id, "0123456789") == ""
	}
	for _, r := range s {
		if r >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// Reactions lists the reactions the bot added, in order.
func (s *Server) Reactions() []Reaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Reaction(nil), s.reactions...)
}

// WaitReactions blocks until cond holds for the bot's reactions or ctx
// ends, and returns the reactions that satisfied it.
func (s *Server) WaitReactions(ctx context.Context, cond func([]Reaction) bool) ([]Reaction, error) {
	var snap []Reaction
	err := s.waitFor(ctx, func() bool {
		snap = append(snap[:0], s.reactions...)
		return cond(snap)
	})
	return snap, err
}
