package discordtest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/bwmarrin/discordgo"
)

// DM as a guild id makes a builder produce a direct-message interaction or
// message (no guild, User instead of Member).
const DM = "@dm"

// DefaultUser is the user builders use when given nil.
func DefaultUser() *discordgo.User {
	return &discordgo.User{ID: DefaultUserID, Username: "student", GlobalName: "Student", Discriminator: "0"}
}

// NewUser returns a plain (non-bot) user with the given id and name.
func NewUser(id, name string) *discordgo.User {
	return &discordgo.User{ID: id, Username: name, GlobalName: name, Discriminator: "0"}
}

// where fills in default user, channel and guild and says whether it is a DM.
func where(user *discordgo.User, channelID, guildID string) (*discordgo.User, string, string) {
	if user == nil {
		user = DefaultUser()
	}
	if channelID == "" {
		channelID = DefaultChannelID
	}
	switch guildID {
	case "":
		guildID = DefaultGuildID
	case DM:
		guildID = ""
	}
	return user, channelID, guildID
}

func base(t discordgo.InteractionType, user *discordgo.User, channelID, guildID string, roles []string) *discordgo.Interaction {
	user, channelID, guildID = where(user, channelID, guildID)
	i := &discordgo.Interaction{Type: t, ChannelID: channelID, GuildID: guildID, Locale: discordgo.EnglishUS}
	if guildID == "" {
		i.User = user
		i.Context = discordgo.InteractionContextBotDM
	} else {
		i.Member = &discordgo.Member{User: user, GuildID: guildID, Roles: roles, Permissions: 0}
		i.Context = discordgo.InteractionContextGuild
	}
	return i
}

// SlashCommand builds a chat-input command interaction. Option values may be
// string (type 3), int (4), bool (5), float64 (10), a UserOption, a
// ChannelOption, or map[string]any for a subcommand. Options are sorted by
// name. nil user, "" channel and "" guild mean the defaults; guild DM makes
// it a direct message.
func SlashCommand(name string, opts map[string]any, user *discordgo.User, channelID, guildID string) *discordgo.Interaction {
	i := base(discordgo.InteractionApplicationCommand, user, channelID, guildID, nil)
	i.Data = discordgo.ApplicationCommandInteractionData{
		Name: name, CommandType: discordgo.ChatApplicationCommand, Options: buildOptions(opts, ""),
	}
	return i
}

// Autocomplete builds an autocomplete interaction for command with the
// focused option holding the partial text typed so far.
func Autocomplete(command, focused, partial string, opts map[string]any, user *discordgo.User, channelID, guildID string) *discordgo.Interaction {
	i := base(discordgo.InteractionApplicationCommandAutocomplete, user, channelID, guildID, nil)
	all := map[string]any{}
	for k, v := range opts {
		all[k] = v
	}
	all[focused] = partial
	i.Data = discordgo.ApplicationCommandInteractionData{
		Name: command, CommandType: discordgo.ChatApplicationCommand, Options: buildOptions(all, focused),
	}
	return i
}

// UserOption is a user-typed option value (type 6).
type UserOption string

// ChannelOption is a channel-typed option value (type 7).
type ChannelOption string

func buildOptions(opts map[string]any, focused string) []*discordgo.ApplicationCommandInteractionDataOption {
	names := make([]string, 0, len(opts))
	for k := range opts {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]*discordgo.ApplicationCommandInteractionDataOption, 0, len(names))
	for _, n := range names {
		o := &discordgo.ApplicationCommandInteractionDataOption{Name: n, Value: opts[n], Focused: n == focused && focused != ""}
		switch v := opts[n].(type) {
		case string:
			o.Type = discordgo.ApplicationCommandOptionString
		case int:
			o.Type = discordgo.ApplicationCommandOptionInteger
		case int64:
			o.Type = discordgo.ApplicationCommandOptionInteger
		case bool:
			o.Type = discordgo.ApplicationCommandOptionBoolean
		case float64:
			o.Type = discordgo.ApplicationCommandOptionNumber
		case UserOption:
			o.Type, o.Value = discordgo.ApplicationCommandOptionUser, string(v)
		case ChannelOption:
			o.Type, o.Value = discordgo.ApplicationCommandOptionChannel, string(v)
		case map[string]any:
			o.Type, o.Value = discordgo.ApplicationCommandOptionSubCommand, nil
			o.Options = buildOptions(v, focused)
		default:
			o.Type = discordgo.ApplicationCommandOptionString
			o.Value = fmt.Sprint(v)
		}
		out = append(out, o)
	}
	return out
}

// Button builds a button click on the bot message messageID. When the
// message is one the bot sent, InjectInteraction fills in its current
// content, embeds and components.
func Button(customID, messageID string, user *discordgo.User, channelID, guildID string) *discordgo.Interaction {
	i := base(discordgo.InteractionMessageComponent, user, channelID, guildID, nil)
	i.Data = discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent}
	i.Message = &discordgo.Message{ID: messageID, ChannelID: i.ChannelID}
	return i
}

// SelectMenu builds a string-select choice on the bot message messageID.
func SelectMenu(customID, messageID string, values []string, user *discordgo.User, channelID, guildID string) *discordgo.Interaction {
	i := base(discordgo.InteractionMessageComponent, user, channelID, guildID, nil)
	i.Data = discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.SelectMenuComponent, Values: values}
	i.Message = &discordgo.Message{ID: messageID, ChannelID: i.ChannelID}
	return i
}

// ModalSubmit builds a modal submission; fields maps text-input custom ids
// to the values typed (one action row per field, sorted by id).
func ModalSubmit(customID string, fields map[string]string, user *discordgo.User, channelID, guildID string) *discordgo.Interaction {
	i := base(discordgo.InteractionModalSubmit, user, channelID, guildID, nil)
	ids := make([]string, 0, len(fields))
	for k := range fields {
		ids = append(ids, k)
	}
	sort.Strings(ids)
	data := discordgo.ModalSubmitInteractionData{CustomID: customID}
	for _, id := range ids {
		data.Components = append(data.Components, &discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			&discordgo.TextInput{CustomID: id, Value: fields[id]},
		}})
	}
	i.Data = data
	return i
}

func randomToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return "aW50ZXJhY3Rpb24" + hex.EncodeToString(b)
}

// InjectInteraction dispatches INTERACTION_CREATE for in (built with
// SlashCommand, Button, Autocomplete, ModalSubmit or by hand) with a fresh
// id and token, starts its acknowledgement deadline and returns its handle.
// in is not modified.
func (s *Server) InjectInteraction(in *discordgo.Interaction) *Interaction {
	c := *in
	c.ID = s.newID()
	c.Token = randomToken()
	c.AppID = s.cfg.appID
	c.Version = 1
	if c.ChannelID == "" {
		c.ChannelID = DefaultChannelID
	}
	if c.Member == nil && c.User == nil {
		c.User = DefaultUser()
	}
	h := &Interaction{srv: s, ID: c.ID, Token: c.Token, Type: c.Type, Injected: time.Now(), Raw: &c}
	if u := c.User; u != nil {
		h.UserID = u.ID
	} else if c.Member.User != nil {
		h.UserID = c.Member.User.ID
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	switch d := c.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		h.Name = d.Name
		if d.ID == "" {
			d.ID = s.commandIDLocked(d.Name, c.GuildID)
			c.Data = d
		}
	case discordgo.MessageComponentInteractionData:
		h.Name = d.CustomID
		if c.Message != nil {
			if m := s.msgByID[c.Message.ID]; m != nil {
				var full discordgo.Message
				if json.Unmarshal(mustJSON(m.wire(s)), &full) == nil {
					c.Message = &full
				}
			}
		}
	case discordgo.ModalSubmitInteractionData:
		h.Name = d.CustomID
	}
	s.interactions[c.ID] = h
	s.byToken[c.Token] = h
	h.lastChange = h.Injected
	s.afterFuncLocked(s.cfg.ackDeadline, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if !h.acked && !h.lateOrNever {
			h.lateOrNever = true
			s.violateLocked("interaction %s (%s): not acknowledged within %s", h.ID, h.Name, s.cfg.ackDeadline)
		}
	})
	s.afterFuncLocked(s.cfg.tokenTTL, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		h.expired = true
		h.touchLocked()
	})
	s.dispatchLocked("INTERACTION_CREATE", interactionJSON(&c), c.GuildID)
	s.changedLocked()
	return h
}

// interactionJSON marshals an interaction, including modal components,
// which discordgo's struct does not marshal.
func interactionJSON(i *discordgo.Interaction) json.RawMessage {
	raw := mustJSON(i)
	d, ok := i.Data.(discordgo.ModalSubmitInteractionData)
	if !ok {
		return raw
	}
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return raw
	}
	m["data"] = map[string]any{"custom_id": d.CustomID, "components": d.Components}
	return mustJSON(m)
}
