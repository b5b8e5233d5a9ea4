package discordtest

import (
	"testing"
)

// TestReactions: the bot's reactions are recorded (and removals marked);
// a reaction on an unknown message or with a word for an emoji is refused
// as Discord refuses it, and counted as a violation.
func TestReactions(t *testing.T) {
	h := connect(t)
	m := h.srv.InjectMessage(UserMessage("hello", nil, "", ""))
	if err := h.sess.MessageReactionAdd(m.ChannelID, m.ID, "⏳"); err != nil {
		t.Fatal(err)
	}
	if rs := h.srv.Reactions(); len(rs) != 1 || rs[0].Emoji != "⏳" || rs[0].MessageID != m.ID || rs[0].Removed {
		t.Fatalf("reactions: %+v", rs)
	}
	if err := h.sess.MessageReactionRemove(m.ChannelID, m.ID, "⏳", "@me"); err != nil {
		t.Fatal(err)
	}
	if rs := h.srv.Reactions(); len(rs) != 1 || !rs[0].Removed {
		t.Fatalf("after removal: %+v", rs)
	}
	if err := h.sess.MessageReactionAdd(m.ChannelID, "123456789012345678", "⏳"); restCode(err) != 10008 {
		t.Errorf("unknown message: %v", err)
	}
	if err := h.sess.MessageReactionAdd(m.ChannelID, m.ID, "hourglass"); restCode(err) != 10014 {
		t.Errorf("a word for an emoji: %v", err)
	}
	if v := h.srv.Violations(); len(v) != 2 {
		t.Errorf("violations: %q", v)
	}
}
