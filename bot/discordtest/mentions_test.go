package discordtest

import (
	"encoding/json"
	"testing"
)

func TestSafeAllowed(t *testing.T) {
	tests := []struct {
		raw  string
		safe bool
	}{
		{"", false},
		{"null", false},
		{`{"parse":[]}`, true},
		{`{"parse":null,"replied_user":false}`, true}, // discordgo's zero value
		{`{"parse":[],"replied_user":true}`, true},    // replies are judged by Pings
		{`{"parse":["users"]}`, false},
		{`{"parse":["everyone"]}`, false},
		{`{"parse":[],"users":["1"]}`, false},
		{`{"parse":[],"roles":["1"]}`, false},
		{`{not json`, false},
	}
	for _, tt := range tests {
		if got, why := safeAllowed(json.RawMessage(tt.raw)); got != tt.safe {
			t.Errorf("safeAllowed(%s) = %v (%s), want %v", tt.raw, got, why, tt.safe)
		}
	}
}

func TestPingsFor(t *testing.T) {
	tests := []struct {
		content, raw, replied string
		want                  []string // kind:target
	}{
		{"hi @everyone and @here", "", "", []string{"everyone:", "here:"}},
		{"hi @everyone", `{"parse":[]}`, "", nil},
		{"hi <@1> <@!2> <@&3>", "", "", []string{"user:1", "user:2", "role:3"}},
		{"hi <@1> <@2>", `{"parse":[],"users":["2"]}`, "", []string{"user:2"}},
		{"hi <@&3>", `{"parse":["roles"]}`, "", []string{"role:3"}},
		{"answer", "", "7", []string{"reply:7"}},
		{"answer", `{"parse":[]}`, "7", nil},
		{"answer", `{"parse":[],"replied_user":true}`, "7", []string{"reply:7"}},
		{"ｅveryone @\u200beveryone", "", "", nil}, // lookalikes do not ping
	}
	for _, tt := range tests {
		var got []string
		for _, p := range pingsFor(tt.content, json.RawMessage(tt.raw), tt.replied) {
			got = append(got, p.Kind+":"+p.Target)
		}
		if len(got) != len(tt.want) {
			t.Errorf("pingsFor(%q, %s) = %v, want %v", tt.content, tt.raw, got, tt.want)
			continue
		}
		for k := range got {
			if got[k] != tt.want[k] {
				t.Errorf("pingsFor(%q, %s) = %v, want %v", tt.content, tt.raw, got, tt.want)
			}
		}
	}
}

func TestAPIPathAndMatch(t *testing.T) {
	for _, p := range []string{"/api/v10/webhooks/1/tok/messages/@original", "/api/v9/webhooks/1/tok/messages/%40original", "/api/webhooks/1/tok/messages/@original"} {
		segs, ok := apiPath(p)
		if !ok {
			t.Fatalf("apiPath(%s) failed", p)
		}
		params, ok := match("webhooks/*/*/messages/*", segs)
		if !ok || params[0] != "1" || params[1] != "tok" || params[2] != "@original" {
			t.Fatalf("%s: %v %v", p, params, ok)
		}
	}
	if _, ok := apiPath("/gateway-ws"); ok {
		t.Fatal("non-API path accepted")
	}
	f := &fault{method: "PATCH", pattern: "/webhooks/*/*/messages/@original"}
	if !f.matches("PATCH", "/webhooks/1/t/messages/@original") || f.matches("POST", "/webhooks/1/t/messages/@original") || f.matches("PATCH", "/webhooks/1/t/messages/5") {
		t.Fatal("fault matching is wrong")
	}
}
