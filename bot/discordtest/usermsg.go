package discordtest

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// intentMessageContent is the privileged MESSAGE_CONTENT intent bit.
const intentMessageContent = 1 << 15

// Mention returns the mention markup for a user id, "<@id>".
func Mention(userID string) string { return "<@" + userID + ">" }

// UserMessage builds a message from user (nil = DefaultUser) in channelID
// and guildID ("" = defaults, DM = direct message) with the given roles.
func UserMessage(content string, user *discordgo.User, channelID, guildID string, roles ...string) *discordgo.Message {
	user, channelID, guildID = where(user, channelID, guildID)
	m := &discordgo.Message{Content: content, Author: user, ChannelID: channelID, GuildID: guildID}
	if guildID != "" {
		m.Member = &discordgo.Member{Roles: roles, GuildID: guildID}
	}
	return m
}

// Reply makes m a reply to the message replyTo (a bot or user message id);
// InjectMessage fills in referenced_message.
func Reply(m *discordgo.Message, replyTo string) *discordgo.Message {
	m.MessageReference = &discordgo.MessageReference{MessageID: replyTo, ChannelID: m.ChannelID, GuildID: m.GuildID}
	m.Type = discordgo.MessageTypeReply
	return m
}

// InjectMessage dispatches MESSAGE_CREATE for m with a fresh id and returns
// the message as dispatched. It fills in defaults (author, channel,
// timestamp) and the referenced_message of a reply. When m.Mentions is nil
// it is resolved from <@id> markup in the content, plus the bot for a reply
// to a bot message (Discord's default reply ping); set it to an empty,
// non-nil slice for a reply with the ping turned off. Like Discord, it
// blanks the content when the session lacks the MESSAGE_CONTENT intent and
// the bot is neither mentioned nor in a DM.
func (s *Server) InjectMessage(in *discordgo.Message) *discordgo.Message {
	m := *in
	m.ID = s.newID()
	if m.Author == nil {
		m.Author = DefaultUser()
	}
	if m.ChannelID == "" {
		m.ChannelID = DefaultChannelID
	}
	if m.Timestamp.IsZero() {
		m.Timestamp = time.Now().UTC()
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if m.Mentions == nil {
		if ref := m.MessageReference; ref != nil && s.msgByID[ref.MessageID] != nil {
			// Discord's default reply mentions the replied-to author.
			m.Mentions = append(m.Mentions, &discordgo.User{ID: s.cfg.appID, Username: s.cfg.botName, Bot: true})
		}
		for _, sub := range reUser.FindAllStringSubmatch(m.Content, -1) {
			if sub[1] == s.cfg.appID {
				m.Mentions = append(m.Mentions, &discordgo.User{ID: s.cfg.appID, Username: s.cfg.botName, Bot: true})
			} else {
				m.Mentions = append(m.Mentions, NewUser(sub[1], "user"+sub[1]))
			}
		}
	}
	if len(m.MentionRoles) == 0 {
		for _, sub := range reRole.FindAllStringSubmatch(m.Content, -1) {
			m.MentionRoles = append(m.MentionRoles, sub[1])
		}
	}
	m.MentionEveryone = m.MentionEveryone || strings.Contains(m.Content, "@everyone")
	if ref := m.MessageReference; ref != nil && m.ReferencedMessage == nil {
		if m.Type == discordgo.MessageTypeDefault {
			m.Type = discordgo.MessageTypeReply
		}
		if bm := s.msgByID[ref.MessageID]; bm != nil {
			var full discordgo.Message
			if json.Unmarshal(mustJSON(bm.wire(s)), &full) == nil {
				m.ReferencedMessage = &full
			}
		} else if um := s.userMsgs[ref.MessageID]; um != nil {
			c := *um.msg
			c.ReferencedMessage = nil
			m.ReferencedMessage = &c
		}
	}
	if ss := s.targetLocked(m.GuildID); ss != nil && ss.intents&intentMessageContent == 0 && m.GuildID != "" {
		mentioned := false
		for _, u := range m.Mentions {
			mentioned = mentioned || u.ID == s.cfg.appID
		}
		if !mentioned {
			m.Content, m.Embeds, m.Attachments, m.Components = "", nil, nil, nil
		}
	}
	stored := m
	s.userMsgs[m.ID] = &userMessage{msg: &stored, authorID: m.Author.ID}
	s.dispatchLocked("MESSAGE_CREATE", &m, m.GuildID)
	s.changedLocked()
	return &stored
}

// Messages lists every message the bot created (channel messages,
// interaction responses and follow-ups), in creation order, as they are now.
func (s *Server) Messages() []*Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*Message, 0, len(s.messages))
	for _, m := range s.messages {
		out = append(out, m.clone())
	}
	return out
}

// ChannelMessages lists the bot's POST /channels/{id}/messages messages in
// channelID ("" for all channels), in creation order.
func (s *Server) ChannelMessages(channelID string) []*Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*Message
	for _, m := range s.messages {
		if m.Kind == KindChannel && (channelID == "" || m.ChannelID == channelID) {
			out = append(out, m.clone())
		}
	}
	return out
}

// Message returns the bot message with this id, or nil.
func (s *Server) Message(id string) *Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.msgByID[id].clone()
}

// WaitMessages blocks until cond holds for the bot's messages (as
// Messages returns them) or ctx ends, and returns them.
func (s *Server) WaitMessages(ctx context.Context, cond func([]*Message) bool) ([]*Message, error) {
	var snap []*Message
	err := s.waitFor(ctx, func() bool {
		snap = snap[:0]
		for _, m := range s.messages {
			snap = append(snap, m.clone())
		}
		return cond(snap)
	})
	return snap, err
}

// RepliesTo returns the bot's channel messages that reply to messageID.
func (s *Server) RepliesTo(messageID string) []*Message {
	var out []*Message
	for _, m := range s.ChannelMessages("") {
		if m.Reference != nil && m.Reference.MessageID == messageID {
			out = append(out, m)
		}
	}
	return out
}
