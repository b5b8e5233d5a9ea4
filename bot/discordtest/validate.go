package discordtest

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"paperbot/internal/discord"
)

// fieldErr is one entry of a 50035 Invalid Form Body error.
type fieldErr struct {
	path    string // dotted, e.g. "embeds.0.title"
	code    string
	message string
}

func (e fieldErr) String() string { return e.path + ": " + e.message }

func runes(s string) int { return utf8.RuneCountInString(s) }

func maxLen(errs *[]fieldErr, path, s string, n int) {
	if runes(s) > n {
		*errs = append(*errs, fieldErr{path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", n)})
	}
}

// validateMessage checks content, embed and component limits.
func validateMessage(p *msgPayload) []fieldErr {
	var errs []fieldErr
	if p.Content != nil {
		maxLen(&errs, "content", *p.Content, discord.MaxContent)
	}
	if p.Embeds != nil {
		errs = append(errs, validateEmbeds(*p.Embeds)...)
	}
	errs = append(errs, validateComponents(p.components)...)
	if p.Flags != nil {
		allowed := int(discordgo.MessageFlagsSuppressEmbeds | discordgo.MessageFlagsEphemeral |
			discordgo.MessageFlagsSuppressNotifications | discordgo.MessageFlagsIsComponentsV2)
		if *p.Flags&^allowed != 0 {
			errs = append(errs, fieldErr{"flags", "MESSAGE_FLAGS_INVALID", fmt.Sprintf("Invalid flags %d.", *p.Flags)})
		}
	}
	return errs
}

func validateEmbeds(embeds []*discordgo.MessageEmbed) []fieldErr {
	var errs []fieldErr
	if len(embeds) > discord.MaxEmbeds {
		errs = append(errs, fieldErr{"embeds", "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", discord.MaxEmbeds)})
	}
	total := 0
	for i, e := range embeds {
		if e == nil {
			continue
		}
		at := fmt.Sprintf("embeds.%d.", i)
		maxLen(&errs, at+"title", e.Title, discord.MaxEmbedTitle)
		maxLen(&errs, at+"description", e.Description, discord.MaxEmbedDescription)
		total += runes(e.Title) + runes(e.Description)
		if len(e.Fields) > discord.MaxEmbedFields {
			errs = append(errs, fieldErr{at + "fields", "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", discord.MaxEmbedFields)})
		}
		for j, f := range e.Fields {
			if f == nil {
				continue
			}
			fat := fmt.Sprintf("%sfields.%d.", at, j)
			if strings.TrimSpace(f.Name) == "" {
				errs = append(errs, fieldErr{fat + "name", "BASE_TYPE_REQUIRED", "This field is required"})
			}
			if strings.TrimSpace(f.Value) == "" {
				errs = append(errs, fieldErr{fat + "value", "BASE_TYPE_REQUIRED", "This field is required"})
			}
			maxLen(&errs, fat+"name", f.Name, discord.MaxFieldName)
			maxLen(&errs, fat+"value", f.Value, discord.MaxFieldValue)
			total += runes(f.Name) + runes(f.Value)
		}
		if e.Footer != nil {
			maxLen(&errs, at+"footer.text", e.Footer.Text, discord.MaxFooterText)
			total += runes(e.Footer.Text)
		}
		if e.Author != nil {
			maxLen(&errs, at+"author.name", e.Author.Name, discord.MaxAuthorName)
			total += runes(e.Author.Name)
		}
	}
	if total > discord.MaxEmbedTotal {
		errs = append(errs, fieldErr{"embeds", "MAX_EMBED_SIZE_EXCEEDED", fmt.Sprintf("Embed size exceeds maximum size of %d", discord.MaxEmbedTotal)})
	}
	return errs
}

func validateComponents(rows []Component) []fieldErr {
	var errs []fieldErr
	if len(rows) > discord.MaxActionRows {
		errs = append(errs, fieldErr{"components", "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", discord.MaxActionRows)})
	}
	seen := map[string]bool{}
	for i, row := range rows {
		at := fmt.Sprintf("components.%d", i)
		if row.Type != discordgo.ActionsRowComponent {
			errs = append(errs, fieldErr{at + ".type", "UNION_TYPE_CHOICES", "Top-level components must be action rows (type 1)."})
			continue
		}
		if len(row.Components) == 0 {
			errs = append(errs, fieldErr{at + ".components", "BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length."})
		}
		if len(row.Components) > discord.MaxRowButtons {
			errs = append(errs, fieldErr{at + ".components", "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", discord.MaxRowButtons)})
		}
		for j, c := range row.Components {
			cat := fmt.Sprintf("%s.components.%d.", at, j)
			errs = append(errs, validateComponent(cat, c, len(row.Components))...)
			if c.CustomID != "" {
				if seen[c.CustomID] {
					errs = append(errs, fieldErr{cat + "custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated"})
				}
				seen[c.CustomID] = true
			}
		}
	}
	return errs
}

func validateComponent(at string, c Component, siblings int) []fieldErr {
	var errs []fieldErr
	maxLen(&errs, at+"custom_id", c.CustomID, discord.MaxCustomID)
	switch c.Type {
	case discordgo.ButtonComponent:
		maxLen(&errs, at+"label", c.Label, discord.MaxButtonLabel)
		if c.Style == int(discordgo.LinkButton) {
			if c.URL == "" || c.CustomID != "" {
				errs = append(errs, fieldErr{at + "url", "BUTTON_COMPONENT_URL_REQUIRED", "Link buttons need a url and no custom_id."})
			}
		} else if c.CustomID == "" && c.Style != 6 { // 6 = premium
			errs = append(errs, fieldErr{at + "custom_id", "BUTTON_COMPONENT_CUSTOM_ID_REQUIRED", "A custom id is required"})
		}
	case discordgo.SelectMenuComponent, discordgo.UserSelectMenuComponent, discordgo.RoleSelectMenuComponent,
		discordgo.MentionableSelectMenuComponent, discordgo.ChannelSelectMenuComponent:
		if siblings > 1 {
			errs = append(errs, fieldErr{at + "type", "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "A select menu must be alone in its row."})
		}
		if len(c.Options) > discord.MaxChoices {
			errs = append(errs, fieldErr{at + "options", "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", discord.MaxChoices)})
		}
		if c.CustomID == "" {
			errs = append(errs, fieldErr{at + "custom_id", "BASE_TYPE_REQUIRED", "This field is required"})
		}
	case discordgo.TextInputComponent:
		if c.CustomID == "" {
			errs = append(errs, fieldErr{at + "custom_id", "BASE_TYPE_REQUIRED", "This field is required"})
		}
		maxLen(&errs, at+"label", c.Label, discord.MaxModalTitle)
	default:
		errs = append(errs, fieldErr{at + "type", "UNION_TYPE_CHOICES", fmt.Sprintf("Component type %d is not allowed in an action row.", c.Type)})
	}
	return errs
}

// validateChoices checks an autocomplete result (callback type 8).
func validateChoices(choices []*discordgo.ApplicationCommandOptionChoice) []fieldErr {
	var errs []fieldErr
	if len(choices) > discord.MaxChoices {
		errs = append(errs, fieldErr{"data.choices", "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", discord.MaxChoices)})
	}
	for i, c := range choices {
		if c == nil {
			continue
		}
		at := fmt.Sprintf("data.choices.%d.", i)
		if runes(c.Name) < 1 {
			errs = append(errs, fieldErr{at + "name", "BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length."})
		}
		maxLen(&errs, at+"name", c.Name, discord.MaxChoiceName)
		if v, ok := c.Value.(string); ok {
			maxLen(&errs, at+"value", v, discord.MaxChoiceName)
		}
	}
	return errs
}

// validateModal checks a modal (callback type 9).
func validateModal(p *msgPayload) []fieldErr {
	var errs []fieldErr
	if p.CustomID == "" {
		errs = append(errs, fieldErr{"data.custom_id", "BASE_TYPE_REQUIRED", "This field is required"})
	}
	maxLen(&errs, "data.custom_id", p.CustomID, discord.MaxCustomID)
	if p.Title == "" {
		errs = append(errs, fieldErr{"data.title", "BASE_TYPE_REQUIRED", "This field is required"})
	}
	maxLen(&errs, "data.title", p.Title, discord.MaxModalTitle)
	if len(p.components) == 0 {
		errs = append(errs, fieldErr{"data.components", "BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length."})
	}
	for _, e := range validateComponents(p.components) {
		e.path = "data." + e.path
		errs = append(errs, e)
	}
	return errs
}

// formErrors renders field errors as Discord's nested "errors" object.
func formErrors(errs []fieldErr) map[string]any {
	root := map[string]any{}
	for _, e := range errs {
		node := root
		for _, part := range strings.Split(e.path, ".") {
			next, ok := node[part].(map[string]any)
			if !ok {
				next = map[string]any{}
				node[part] = next
			}
			node = next
		}
		list, _ := node["_errors"].([]any)
		node["_errors"] = append(list, map[string]any{"code": e.code, "message": e.message})
	}
	return root
}

func joinErrs(errs []fieldErr) string {
	parts := make([]string, len(errs))
	for i, e := range errs {
		parts[i] = e.String()
	}
	return strings.Join(parts, "; ")
}
