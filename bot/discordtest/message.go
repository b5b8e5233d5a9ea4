package discordtest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Message kinds.
const (
	KindChannel  = "channel"  // POST /channels/{id}/messages
	KindOriginal = "original" // an interaction's @original response
	KindFollowup = "followup" // POST /webhooks/{app}/{token}
	KindUser     = "user"     // a message the test injected (only as a stub target)
)

// Message is a message the bot created, as the fake currently stores it.
// Values returned by accessors are copies.
type Message struct {
	ID            string
	ChannelID     string
	GuildID       string
	InteractionID string // for originals and follow-ups
	Kind          string // KindChannel, KindOriginal, KindFollowup, KindUser
	Content       string
	Embeds        []*discordgo.MessageEmbed
	Components    []Component
	Flags         discordgo.MessageFlags
	Files         []File
	Reference     *discordgo.MessageReference
	// AllowedMentions is the raw allowed_mentions of the last create or
	// edit that carried content; nil when it was absent.
	AllowedMentions json.RawMessage
	CreatedAt       time.Time
	Edits           []time.Time // one per successful edit, in order
	Deleted         bool
	Loading         bool // a deferred response still "thinking"

	componentsRaw json.RawMessage
}

// File is an attachment the bot uploaded.
type File struct {
	Name        string
	ContentType string
	Data        []byte
}

// Component is a message component (action row, button, select menu, text
// input) as the bot sent it.
type Component struct {
	Type        discordgo.ComponentType `json:"type"`
	CustomID    string                  `json:"custom_id,omitempty"`
	Label       string                  `json:"label,omitempty"`
	Style       int                     `json:"style,omitempty"`
	URL         string                  `json:"url,omitempty"`
	Disabled    bool                    `json:"disabled,omitempty"`
	Placeholder string                  `json:"placeholder,omitempty"`
	Value       string                  `json:"value,omitempty"`
	Options     []SelectOption          `json:"options,omitempty"`
	Components  []Component             `json:"components,omitempty"`
}

// SelectOption is one option of a select menu.
type SelectOption struct {
	Label       string `json:"label"`
	Value       string `json:"value"`
	Description string `json:"description,omitempty"`
}

// Buttons returns every button in the message, row by row.
func (m *Message) Buttons() []Component {
	var out []Component
	var walk func([]Component)
	walk = func(cs []Component) {
		for _, c := range cs {
			if c.Type == discordgo.ButtonComponent {
				out = append(out, c)
			}
			walk(c.Components)
		}
	}
	walk(m.Components)
	return out
}

// Ephemeral reports whether the message has the EPHEMERAL flag (64).
func (m *Message) Ephemeral() bool { return m.Flags&discordgo.MessageFlagsEphemeral != 0 }

func (m *Message) clone() *Message {
	if m == nil {
		return nil
	}
	c := *m
	c.Embeds = slices.Clone(m.Embeds)
	c.Components = slices.Clone(m.Components)
	c.Files = slices.Clone(m.Files)
	c.Edits = slices.Clone(m.Edits)
	return &c
}

func (m *Message) lastChange() time.Time {
	if n := len(m.Edits); n > 0 {
		return m.Edits[n-1]
	}
	return m.CreatedAt
}

// apply merges a payload into the message (fields absent stay unchanged).
func (m *Message) apply(p *msgPayload) {
	if p.Content != nil {
		m.Content = *p.Content
	}
	if p.Embeds != nil {
		m.Embeds = *p.Embeds
	}
	if p.hasComponents() {
		m.componentsRaw = p.Components
		m.Components = p.components
	}
	if p.Flags != nil {
		keep := m.Flags & discordgo.MessageFlagsEphemeral
		m.Flags = discordgo.MessageFlags(*p.Flags)&^discordgo.MessageFlagsEphemeral | keep
	}
	if len(p.files) > 0 {
		m.Files = p.files
	}
	if p.hasAllowedMentions() || p.Content != nil {
		m.AllowedMentions = nil
		if p.hasAllowedMentions() {
			m.AllowedMentions = p.AllowedMentions
		}
	}
	if m.Loading {
		m.Flags &^= discordgo.MessageFlagsLoading
		m.Loading = false
	}
}

// wire renders the message as Discord's REST API returns it.
func (m *Message) wire(s *Server) map[string]any {
	attachments := make([]any, 0, len(m.Files))
	for i, f := range m.Files {
		attachments = append(attachments, map[string]any{
			"id": fmt.Sprintf("%s%02d", m.ID, i), "filename": f.Name, "size": len(f.Data),
			"content_type": f.ContentType, "url": s.base + "/attachments/" + m.ID + "/" + url.PathEscape(f.Name),
		})
	}
	embeds := m.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	comps := m.componentsRaw
	if len(comps) == 0 {
		comps = json.RawMessage(`[]`)
	}
	typ := discordgo.MessageTypeDefault
	if m.Reference != nil {
		typ = discordgo.MessageTypeReply
	}
	out := map[string]any{
		"id": m.ID, "channel_id": m.ChannelID, "type": typ, "content": m.Content,
		"author": s.botUser(), "embeds": embeds, "components": comps, "flags": m.Flags,
		"attachments": attachments, "mentions": []any{}, "mention_roles": []any{},
		"mention_everyone": false, "pinned": false, "tts": false,
		"timestamp": m.CreatedAt.UTC().Format(time.RFC3339Nano),
	}
	if m.GuildID != "" {
		out["guild_id"] = m.GuildID
	}
	if n := len(m.Edits); n > 0 {
		out["edited_timestamp"] = m.Edits[n-1].UTC().Format(time.RFC3339Nano)
	}
	if m.Reference != nil {
		out["message_reference"] = m.Reference
	}
	if m.InteractionID != "" {
		out["webhook_id"] = s.cfg.appID
		out["application_id"] = s.cfg.appID
	}
	return out
}

// msgPayload is the message-shaped JSON the bot sends on every route.
type msgPayload struct {
	Content          *string                                     `json:"content"`
	Embeds           *[]*discordgo.MessageEmbed                  `json:"embeds"`
	Components       json.RawMessage                             `json:"components"`
	Flags            *int                                        `json:"flags"`
	AllowedMentions  json.RawMessage                             `json:"allowed_mentions"`
	MessageReference *discordgo.MessageReference                 `json:"message_reference"`
	Choices          []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
	CustomID         string                                      `json:"custom_id"`
	Title            string                                      `json:"title"`
	StickerIDs       []string                                    `json:"sticker_ids"`

	components []Component
	files      []File
}

func isNull(r json.RawMessage) bool { return len(r) == 0 || string(r) == "null" }

func (p *msgPayload) hasComponents() bool      { return !isNull(p.Components) }
func (p *msgPayload) hasAllowedMentions() bool { return !isNull(p.AllowedMentions) }

// decodePayload parses a message payload and its components.
func decodePayload(b []byte, files []File) (*msgPayload, error) {
	p := &msgPayload{files: files}
	if len(b) == 0 {
		return p, nil
	}
	if err := json.Unmarshal(b, p); err != nil {
		return nil, err
	}
	if p.hasComponents() {
		if err := json.Unmarshal(p.Components, &p.components); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// empty reports whether creating a message from p would send nothing.
func (p *msgPayload) empty() bool {
	return (p.Content == nil || *p.Content == "") && (p.Embeds == nil || len(*p.Embeds) == 0) &&
		len(p.components) == 0 && len(p.files) == 0 && len(p.StickerIDs) == 0
}
