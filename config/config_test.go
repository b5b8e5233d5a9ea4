package config

import (
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.DiscordAPIURL != DefaultDiscordAPIURL || c.UserCooldown != 10*time.Second || c.DataDir != ".paperbot" {
		t.Errorf("defaults: %+v", c)
	}
	if c.ModelEnabled() || c.EmbeddingsEnabled() {
		t.Error("model must be off without configuration")
	}
	if c.AnswerRetention != 30*24*time.Hour || c.AnswerFlushEvery != time.Second {
		t.Errorf("answer retention %v, flush every %v", c.AnswerRetention, c.AnswerFlushEvery)
	}
}

func TestLoadValues(t *testing.T) {
	c, err := Load(env(map[string]string{
		"DISCORD_API_URL":       "http://127.0.0.1:1/api/v10",
		"ALLOWED_CHANNEL_IDS":   "1, 2,3",
		"USER_COOLDOWN":         "5",
		"OPENAI_BASE_URL":       "http://localhost:11434/v1",
		"CHAT_MODEL":            "llama3.2",
		"DATABASE_URL":          "postgres://pb:s3cret@127.0.0.1/pb",
		"OPENAI_API_KEY":        "sk-abcdef",
		"ANSWER_RETENTION":      "168h",
		"ANSWER_FLUSH_INTERVAL": "250ms",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DiscordAPIURL != "http://127.0.0.1:1/api/v10/" {
		t.Errorf("api url %q", c.DiscordAPIURL)
	}
	if strings.Join(c.AllowedChannelIDs, "|") != "1|2|3" || c.UserCooldown != 5*time.Second {
		t.Errorf("parsed %+v", c)
	}
	if !c.ModelEnabled() {
		t.Error("model should be on")
	}
	if c.AnswerRetention != 7*24*time.Hour || c.AnswerFlushEvery != 250*time.Millisecond {
		t.Errorf("answer retention %v, flush every %v", c.AnswerRetention, c.AnswerFlushEvery)
	}
	if got := strings.Join(c.Secrets(), "|"); got != "sk-abcdef|s3cret" {
		t.Errorf("secrets %q", got)
	}
}

func TestLoadErrors(t *testing.T) {
	_, err := Load(env(map[string]string{"USER_COOLDOWN": "soon", "MAX_CONCURRENT_ANSWERS": "-1", "LOG_FORMAT": "xml"}))
	if err == nil {
		t.Fatal("want errors")
	}
	for _, want := range []string{"USER_COOLDOWN", "MAX_CONCURRENT_ANSWERS", "LOG_FORMAT"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}
