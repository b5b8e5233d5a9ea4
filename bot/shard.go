package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// checkShard validates Options.ShardID and Options.ShardCount (0 = ask
// Discord for its recommendation when Run starts).
func checkShard(id, count int) error {
	switch {
	case count < 0:
		return fmt.Errorf("bot: shard count %d: want 0 (automatic) or more", count)
	case id < 0:
		return fmt.Errorf("bot: shard id %d: want 0 or more", id)
	case count > 0 && id >= count:
		return fmt.Errorf("bot: shard id %d: want a number from 0 to %d (the shard count minus one)", id, count-1)
	}
	return nil
}

// useShard sets the session's shard before the gateway opens. With
// ShardCount 0 the count is Discord's recommendation from GET
// /gateway/bot (1 for a bot in fewer than 2,500 servers, the norm).
func (b *Bot) useShard(ctx context.Context) error {
	id, count := b.opt.ShardID, b.opt.ShardCount
	if count == 0 {
		gb, err := b.s.GatewayBot(discordgo.WithContext(ctx))
		if err != nil {
			return fmt.Errorf("read the recommended shard count: %w", translateAuth(err))
		}
		count = max(gb.Shards, 1)
		b.ops.gateway.Store(gb.URL) // the URL Open will dial (see noteGatewayLog)
		if id >= count {
			return fmt.Errorf("shard id %d: Discord recommends %d shard(s), so SHARD_ID must be below %d (or set SHARD_COUNT)", id, count, count)
		}
		if count > 1 {
			b.log.Warn("Discord recommends several shards: this process runs one of them; start one process per shard id", "shard", id, "shards", count)
		}
	}
	if count > 1 && id >= count {
		return errors.New("bot: shard id out of range")
	}
	b.s.Lock()
	b.s.ShardID, b.s.ShardCount = id, count
	b.s.Unlock()
	if count > 1 {
		b.log.Info("gateway shard", "shard", id, "shards", count)
	}
	return nil
}

// Shard is the shard this bot connects as (id, count), known once Run has
// started.
func (b *Bot) Shard() (id, count int) {
	b.s.RLock()
	defer b.s.RUnlock()
	return b.s.ShardID, b.s.ShardCount
}
