package discordtest

import (
	"encoding/json"
	"regexp"
	"slices"
	"time"
)

// Ping is a notification Discord would send for a bot message, given its
// content and allowed_mentions.
type Ping struct {
	MessageID string
	ChannelID string
	Kind      string // "everyone", "here", "user", "role" or "reply"
	Target    string // user or role id; empty for everyone/here
	At        time.Time
}

// Pings lists every notification the bot's messages would have caused.
// Edits are counted too (conservatively), ephemeral messages are not.
func (s *Server) Pings() []Ping {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Ping(nil), s.pings...)
}

type allowedMentions struct {
	Parse       []string `json:"parse"`
	Users       []string `json:"users"`
	Roles       []string `json:"roles"`
	RepliedUser *bool    `json:"replied_user"`
}

// safeAllowed reports whether raw is present and lets nothing be parsed:
// {"parse": []} or discordgo's zero value {"parse": null, "replied_user":
// false}, with no users or roles listed. replied_user is not judged here.
func safeAllowed(raw json.RawMessage) (bool, string) {
	if isNull(raw) {
		return false, "allowed_mentions absent: Discord would parse @everyone, @here, users and roles"
	}
	var am allowedMentions
	if err := json.Unmarshal(raw, &am); err != nil {
		return false, "allowed_mentions unreadable: " + err.Error()
	}
	if len(am.Parse) > 0 || len(am.Users) > 0 || len(am.Roles) > 0 {
		return false, "allowed_mentions allows pings: " + string(raw)
	}
	return true, ""
}

var (
	reEveryone = regexp.MustCompile(`@(everyone|here)`)
	reUser     = regexp.MustCompile(`<@!?(\d+)>`)
	reRole     = regexp.MustCompile(`<@&(\d+)>`)
)

// pingsFor computes the notifications content would cause under raw
// allowed_mentions (absent = Discord's default: parse everything and ping
// the replied-to user).
func pingsFor(content string, raw json.RawMessage, repliedAuthor string) []Ping {
	var am allowedMentions
	absent := isNull(raw)
	if absent {
		am.Parse = []string{"everyone", "users", "roles"}
	} else if err := json.Unmarshal(raw, &am); err != nil {
		am.Parse = []string{"everyone", "users", "roles"}
	}
	var out []Ping
	if slices.Contains(am.Parse, "everyone") {
		for _, m := range reEveryone.FindAllStringSubmatch(content, -1) {
			out = append(out, Ping{Kind: m[1]})
		}
	}
	for _, m := range reUser.FindAllStringSubmatch(content, -1) {
		if slices.Contains(am.Parse, "users") || slices.Contains(am.Users, m[1]) {
			out = append(out, Ping{Kind: "user", Target: m[1]})
		}
	}
	for _, m := range reRole.FindAllStringSubmatch(content, -1) {
		if slices.Contains(am.Parse, "roles") || slices.Contains(am.Roles, m[1]) {
			out = append(out, Ping{Kind: "role", Target: m[1]})
		}
	}
	if repliedAuthor != "" && (absent || (am.RepliedUser != nil && *am.RepliedUser)) {
		out = append(out, Ping{Kind: "reply", Target: repliedAuthor})
	}
	return out
}

// checkMentionsLocked records pings and unsafe allowed_mentions for a
// create or edit of m by payload p on route. A reply pings its target's
// author only when the message is created.
func (s *Server) checkMentionsLocked(route string, m *Message, p *msgPayload, creating bool) {
	if p.Content == nil || *p.Content == "" {
		return
	}
	if ok, why := safeAllowed(p.AllowedMentions); !ok {
		s.violateLocked("%s: message %s: %s", route, m.ID, why)
	}
	if m.Ephemeral() {
		return
	}
	replied := ""
	if creating && m.Reference != nil {
		if um := s.userMsgs[m.Reference.MessageID]; um != nil {
			replied = um.authorID
		}
	}
	now := time.Now()
	for _, pg := range pingsFor(*p.Content, p.AllowedMentions, replied) {
		pg.MessageID, pg.ChannelID, pg.At = m.ID, m.ChannelID, now
		s.pings = append(s.pings, pg)
	}
}
