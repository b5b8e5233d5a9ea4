package classroom

import (
	"context"
	"fmt"

	"paperbot/internal/store"
)

// Channels remembers which paper each channel studies.
type Channels struct {
	st store.ChannelPapers
}

// NewChannels keeps channels' papers in st.
func NewChannels(st store.ChannelPapers) *Channels { return &Channels{st: st} }

// PaperOf is the paper chosen for the first of ids that has one (a thread,
// then its parent channel); ok is false when none has (the default
// paper). A store error is returned as is: it never quietly means the
// default paper.
func (c *Channels) PaperOf(ctx context.Context, ids ...string) (paperID string, ok bool, err error) {
	for _, id := range ids {
		paperID, ok, err := c.st.ChannelPaper(ctx, id)
		if err != nil {
			return "", false, fmt.Errorf("paper of channel %s: %w", id, err)
		}
		if ok {
			return paperID, true, nil
		}
	}
	return "", false, nil
}

// Set chooses a channel's paper.
func (c *Channels) Set(ctx context.Context, channelID, paperID string) error {
	return c.st.SetChannelPaper(ctx, channelID, paperID)
}
