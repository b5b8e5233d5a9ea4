package bot

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAllowedMentionsJSON(t *testing.T) {
	b, err := json.Marshal(allowedMentions())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"parse":[]`) {
		t.Fatalf("allowed_mentions = %s, want parse: []", b)
	}
}
