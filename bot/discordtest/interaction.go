package discordtest

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Interaction is the fake's handle on one injected interaction. Its
// methods are safe for concurrent use.
type Interaction struct {
	srv *Server

	ID       string
	Token    string
	Type     discordgo.InteractionType
	Name     string // command name, or custom_id for components and modals
	UserID   string
	Injected time.Time
	// Raw is the interaction as dispatched in INTERACTION_CREATE.
	Raw *discordgo.Interaction

	// guarded by srv.mu
	acked       bool
	ackType     discordgo.InteractionResponseType
	ackAt       time.Time
	lateOrNever bool // the ack deadline passed before an acknowledgement
	expired     bool // the token's lifetime has ended
	original    *Message
	followups   []*Message
	responses   []Response
	choices     []*discordgo.ApplicationCommandOptionChoice
	modal       *Modal
	rejections  []string
	lastChange  time.Time
}

// Response is one call the bot made for an interaction.
type Response struct {
	Action    string                            // "callback", "get", "edit", "delete", "followup", "followup_edit", "followup_delete"
	Type      discordgo.InteractionResponseType // for callbacks
	MessageID string
	Status    int // HTTP status the fake answered
	Code      int // Discord error code when rejected, else 0
	At        time.Time
	Content   string // content in the request, if any
	Flags     discordgo.MessageFlags
}

// Modal is a modal the bot opened (callback type 9).
type Modal struct {
	CustomID   string
	Title      string
	Components []Component
}

// InteractionState is a snapshot of everything the bot did for an
// interaction so far.
type InteractionState struct {
	ID        string
	Type      discordgo.InteractionType
	Name      string
	Injected  time.Time
	Acked     bool
	AckType   discordgo.InteractionResponseType
	AckAfter  time.Duration // from injection to the first accepted callback
	Original  *Message      // nil until a message-creating callback (or for autocomplete/modal)
	Followups []*Message
	Responses []Response
	Choices   []*discordgo.ApplicationCommandOptionChoice
	Modal     *Modal
	// Rejections lists the errors the fake returned for this interaction.
	Rejections []string
	// Late: the acknowledgement deadline passed with no acknowledgement, so
	// a callback is now refused (10062).
	Late bool
	// Expired: the token's lifetime (WithTokenTTL) has ended, so webhook
	// calls are now refused (50027).
	Expired bool
}

// Final reports whether the interaction has a complete answer: a message
// callback (4, 7), autocomplete choices (8), a modal (9), or a deferred
// callback (5, 6) followed by an edit of @original or a follow-up.
func (st InteractionState) Final() bool {
	if !st.Acked {
		return false
	}
	switch st.AckType {
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage,
		discordgo.InteractionApplicationCommandAutocompleteResult, discordgo.InteractionResponseModal:
		return true
	}
	if len(st.Followups) > 0 {
		return true
	}
	if st.Original == nil {
		return false
	}
	if st.Original.Deleted {
		return true
	}
	if st.AckType == discordgo.InteractionResponseDeferredChannelMessageWithSource {
		return !st.Original.Loading
	}
	// Deferred update (6): the component's message must change after the ack.
	return st.Original.lastChange().After(st.Injected.Add(st.AckAfter))
}

// Text is the visible text of the answer: @original's content followed by
// every follow-up's content, separated by newlines.
func (st InteractionState) Text() string {
	var out []byte
	if st.Original != nil && !st.Original.Deleted {
		out = append(out, st.Original.Content...)
	}
	for _, f := range st.Followups {
		if f.Deleted {
			continue
		}
		if len(out) > 0 {
			out = append(out, '\n')
		}
		out = append(out, f.Content...)
	}
	return string(out)
}

func (i *Interaction) stateLocked() InteractionState {
	st := InteractionState{
		ID: i.ID, Type: i.Type, Name: i.Name, Injected: i.Injected,
		Acked: i.acked, AckType: i.ackType,
		Original:   i.original.clone(),
		Responses:  slices.Clone(i.responses),
		Choices:    slices.Clone(i.choices),
		Rejections: slices.Clone(i.rejections),
		Late:       i.lateOrNever,
		Expired:    i.expired,
	}
	if i.acked {
		st.AckAfter = i.ackAt.Sub(i.Injected)
	}
	for _, f := range i.followups {
		st.Followups = append(st.Followups, f.clone())
	}
	if i.modal != nil {
		m := *i.modal
		st.Modal = &m
	}
	return st
}

// State returns a snapshot of the interaction.
func (i *Interaction) State() InteractionState {
	i.srv.mu.Lock()
	defer i.srv.mu.Unlock()
	return i.stateLocked()
}

// Responses lists the calls the bot made for this interaction, in order.
func (i *Interaction) Responses() []Response { return i.State().Responses }

// Original returns the current @original message, or nil.
func (i *Interaction) Original() *Message { return i.State().Original }

// Followups returns the follow-up messages.
func (i *Interaction) Followups() []*Message { return i.State().Followups }

// WaitFor blocks until cond holds for the interaction's state or ctx ends,
// and returns the state that satisfied it.
func (i *Interaction) WaitFor(ctx context.Context, cond func(InteractionState) bool) (InteractionState, error) {
	var st InteractionState
	err := i.srv.waitFor(ctx, func() bool {
		st = i.stateLocked()
		return cond(st)
	})
	return st, err
}

// WaitAck blocks until the interaction is acknowledged.
func (i *Interaction) WaitAck(ctx context.Context) (InteractionState, error) {
	return i.WaitFor(ctx, func(st InteractionState) bool { return st.Acked })
}

// WaitFinal blocks until the state is Final and then quiet for the
// server's settle time (WithSettle, default 100 ms), so streamed edits have
// landed. Benchmarks should use WaitFor with their own condition instead.
func (i *Interaction) WaitFinal(ctx context.Context) (InteractionState, error) {
	if _, err := i.WaitFor(ctx, InteractionState.Final); err != nil {
		return i.State(), err
	}
	for {
		i.srv.mu.Lock()
		quiet := time.Since(i.lastChange)
		i.srv.mu.Unlock()
		if quiet >= i.srv.cfg.settle {
			return i.State(), nil
		}
		select {
		case <-time.After(i.srv.cfg.settle - quiet):
		case <-ctx.Done():
			return i.State(), ctx.Err()
		}
	}
}

// Interaction returns the handle for an interaction id, or nil.
func (s *Server) Interaction(id string) *Interaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.interactions[id]
}

// Interactions lists every injected interaction in injection order.
func (s *Server) Interactions() []*Interaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*Interaction, 0, len(s.interactions))
	for _, i := range s.interactions {
		out = append(out, i)
	}
	slices.SortFunc(out, func(a, b *Interaction) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// touchLocked records a change for WaitFinal's quiet period.
func (i *Interaction) touchLocked() {
	i.lastChange = time.Now()
	i.srv.changedLocked()
}
