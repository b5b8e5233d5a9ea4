package bot

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"paperbot/retrieval/answer"
)

// gate holds the classroom controls: which channels and roles may use the
// bot, a per-user cooldown between questions, and a cap on answers in
// progress.
type gate struct {
	channels map[string]bool
	roles    map[string]bool
	cooldown time.Duration
	slots    *slotQueue
	now      func() time.Time
	limited  func() // called when the cooldown refuses a question (metrics)

	mu   sync.Mutex
	last map[string]time.Time // user → time of the last admitted question
	told map[string]time.Time // user → the last[user] they were told to wait for
}

func newGate(channels, roles []string, cooldown time.Duration, maxConcurrent, maxQueue int) *gate {
	g := &gate{
		cooldown: cooldown,
		slots:    newSlotQueue(maxConcurrent, maxQueue),
		now:      time.Now,
		last:     map[string]time.Time{},
	}
	if len(channels) > 0 {
		g.channels = map[string]bool{}
		for _, c := range channels {
			g.channels[c] = true
		}
	}
	if len(roles) > 0 {
		g.roles = map[string]bool{}
		for _, r := range roles {
			g.roles[r] = true
		}
	}
	return g
}

// where checks the channel (any of ids: a thread and its parent) and the
// member's roles. It returns a polite reason when refused.
func (g *gate) where(ids []string, roles []string, inGuild bool) (string, bool) {
	if g.channels != nil && !slices.ContainsFunc(ids, func(id string) bool { return g.channels[id] }) {
		return "I only answer in the class channels. Please ask me there.", false
	}
	if g.roles != nil {
		if !inGuild {
			return "Please ask me in the class server: I can't check your class role in direct messages.", false
		}
		if !slices.ContainsFunc(roles, func(r string) bool { return g.roles[r] }) {
			return "Sorry, I only answer members of the class. Ask your instructor for the class role.", false
		}
	}
	return "", true
}

// admit applies the per-user cooldown: it records the question and returns
// true, or returns a polite reason saying how long to wait.
func (g *gate) admit(userID string) (string, bool) {
	if g.cooldown <= 0 || userID == "" {
		return "", true
	}
	now := g.now()
	g.mu.Lock()
	defer g.mu.Unlock()
	if t, ok := g.last[userID]; ok {
		if wait := g.cooldown - now.Sub(t); wait > 0 {
			secs := int(math.Ceil(wait.Seconds()))
			unit := "seconds"
			if secs == 1 {
				unit = "second"
			}
			if g.limited != nil {
				g.limited()
			}
			return fmt.Sprintf("You're asking quickly! Please wait %d %s before your next question.", secs, unit), false
		}
	}
	g.last[userID] = now
	if len(g.last) > 10000 {
		for u, t := range g.last {
			if now.Sub(t) > g.cooldown {
				delete(g.last, u)
				delete(g.told, u)
			}
		}
	}
	return "", true
}

// firstRefusal reports whether this is the first time the user is refused
// during the current cooldown (so a notice that costs a message is sent
// once per cooldown, not once per question).
func (g *gate) firstRefusal(userID string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	t, ok := g.last[userID]
	if !ok {
		return true
	}
	if g.told == nil {
		g.told = map[string]time.Time{}
	}
	if g.told[userID].Equal(t) {
		return false
	}
	g.told[userID] = t
	return true
}

// refund forgets the user's last question, when it could not be answered
// or its answer cost nothing.
func (g *gate) refund(userID string) {
	g.mu.Lock()
	delete(g.last, userID)
	g.mu.Unlock()
}

// acquire takes an answer slot, waiting in line up to wait. The returned
// release must be called once.
func (g *gate) acquire(ctx context.Context, wait time.Duration) (release func(), ok bool) {
	release, err := g.slots.wait(ctx, wait, nil)
	return release, err == nil
}

// msgBusy is the reply when every answer slot stays taken.
const msgBusy = "I'm answering a lot of questions right now. Please try again in a moment."

// admitQuestion applies the per-user cooldown to a question. The cooldown
// is there to share what costs something, the language model: with no
// model configured every answer is free and nothing is counted. With one,
// the question is counted now (so a burst cannot slip through while its
// first answer is written) and given back by settle when its answer did
// not use the model.
func (b *Bot) admitQuestion(userID string) (string, bool) {
	if b.offline() {
		return "", true
	}
	return b.gate.admit(userID)
}

// settle gives the cooldown back when ans did not use the language model
// (declined, pinned, offline fallback, budget spent). A question whose
// answer took longer than the cooldown may give back a later question's
// count: one extra free question, never a wrong refusal.
func (b *Bot) settle(userID string, ans *answer.Answer) {
	if !usedModel(ans) {
		b.gate.refund(userID)
	}
}

// usedModel reports whether an answer spent model tokens.
func usedModel(ans *answer.Answer) bool {
	return ans != nil && (ans.Mode == answer.ModeModel || ans.Usage > 0)
}
