package discordtest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestValidateMessage(t *testing.T) {
	str := func(s string) *string { return &s }
	button := func(id string) Component {
		return Component{Type: discordgo.ButtonComponent, CustomID: id, Label: "b", Style: 1}
	}
	row := func(cs ...Component) Component { return Component{Type: discordgo.ActionsRowComponent, Components: cs} }
	embeds := func(es ...*discordgo.MessageEmbed) *[]*discordgo.MessageEmbed { return &es }
	fields := func(n int) []*discordgo.MessageEmbedField {
		out := make([]*discordgo.MessageEmbedField, n)
		for k := range out {
			out[k] = &discordgo.MessageEmbedField{Name: "n", Value: "v"}
		}
		return out
	}
	tests := []struct {
		name string
		p    msgPayload
		want string // substring of the first error path, "" for valid
	}{
		{"2000 chars", msgPayload{Content: str(strings.Repeat("é", 2000))}, ""},
		{"2001 chars", msgPayload{Content: str(strings.Repeat("a", 2001))}, "content"},
		{"10 embeds", msgPayload{Embeds: embeds(make([]*discordgo.MessageEmbed, 10)...)}, ""},
		{"11 embeds", msgPayload{Embeds: embeds(make([]*discordgo.MessageEmbed, 11)...)}, "embeds"},
		{"title 257", msgPayload{Embeds: embeds(&discordgo.MessageEmbed{Title: strings.Repeat("t", 257)})}, "embeds.0.title"},
		{"description 4097", msgPayload{Embeds: embeds(&discordgo.MessageEmbed{Description: strings.Repeat("d", 4097)})}, "embeds.0.description"},
		{"26 fields", msgPayload{Embeds: embeds(&discordgo.MessageEmbed{Fields: fields(26)})}, "embeds.0.fields"},
		{"field value 1025", msgPayload{Embeds: embeds(&discordgo.MessageEmbed{Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: strings.Repeat("v", 1025)}}})}, "embeds.0.fields.0.value"},
		{"empty field name", msgPayload{Embeds: embeds(&discordgo.MessageEmbed{Fields: []*discordgo.MessageEmbedField{{Value: "v"}}})}, "embeds.0.fields.0.name"},
		{"footer 2049", msgPayload{Embeds: embeds(&discordgo.MessageEmbed{Footer: &discordgo.MessageEmbedFooter{Text: strings.Repeat("f", 2049)}})}, "embeds.0.footer.text"},
		{"total 6001", msgPayload{Embeds: embeds(
			&discordgo.MessageEmbed{Description: strings.Repeat("d", 4000)},
			&discordgo.MessageEmbed{Description: strings.Repeat("d", 2001)})}, "embeds"},
		{"5 rows of 5", msgPayload{components: []Component{
			row(button("a1"), button("a2"), button("a3"), button("a4"), button("a5")),
			row(button("b")), row(button("c")), row(button("d")), row(button("e"))}}, ""},
		{"6 rows", msgPayload{components: []Component{row(button("a")), row(button("b")), row(button("c")), row(button("d")), row(button("e")), row(button("f"))}}, "components"},
		{"6 buttons", msgPayload{components: []Component{row(button("1"), button("2"), button("3"), button("4"), button("5"), button("6"))}}, "components.0.components"},
		{"custom_id 101", msgPayload{components: []Component{row(button(strings.Repeat("x", 101)))}}, "components.0.components.0.custom_id"},
		{"duplicate custom_id", msgPayload{components: []Component{row(button("x"), button("x"))}}, "components.0.components.1.custom_id"},
		{"button outside row", msgPayload{components: []Component{button("x")}}, "components.0.type"},
		{"link button with custom_id", msgPayload{components: []Component{row(Component{Type: 2, Style: 5, CustomID: "x", URL: "https://x"})}}, "url"},
		{"bad flags", msgPayload{Flags: func() *int { f := 1 << 1; return &f }()}, "flags"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := validateMessage(&tt.p)
			if tt.want == "" {
				if len(errs) != 0 {
					t.Fatalf("unexpected errors: %v", errs)
				}
				return
			}
			if len(errs) == 0 || !strings.Contains(errs[0].path, tt.want) {
				t.Fatalf("errors = %v, want path containing %q", errs, tt.want)
			}
		})
	}
}

func TestValidateChoicesAndModal(t *testing.T) {
	var choices []*discordgo.ApplicationCommandOptionChoice
	for range 25 {
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: "n", Value: "v"})
	}
	if errs := validateChoices(choices); len(errs) != 0 {
		t.Fatal(errs)
	}
	if errs := validateChoices(append(choices, choices[0])); len(errs) != 1 {
		t.Fatalf("26 choices: %v", errs)
	}
	long := []*discordgo.ApplicationCommandOptionChoice{{Name: strings.Repeat("n", 101), Value: strings.Repeat("v", 101)}}
	if errs := validateChoices(long); len(errs) != 2 {
		t.Fatalf("long name and value: %v", errs)
	}
	input := Component{Type: discordgo.ActionsRowComponent, Components: []Component{{Type: discordgo.TextInputComponent, CustomID: "t", Label: "Why?"}}}
	if errs := validateModal(&msgPayload{CustomID: "m", Title: "Feedback", components: []Component{input}}); len(errs) != 0 {
		t.Fatal(errs)
	}
	if errs := validateModal(&msgPayload{CustomID: "m", Title: strings.Repeat("t", 46)}); len(errs) != 2 {
		t.Fatalf("long title, no components: %v", errs)
	}
}

func TestFormErrors(t *testing.T) {
	got, _ := json.Marshal(formErrors([]fieldErr{{"data.content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length."}}))
	want := `{"data":{"content":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 2000 or fewer in length."}]}}}`
	if string(got) != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
}
