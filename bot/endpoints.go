package bot

import (
	"fmt"

	"github.com/bwmarrin/discordgo"

	"paperbot/internal/httpx"
)

// DefaultAPIURL is Discord's v10 REST base.
const DefaultAPIURL = "https://discord.com/api/v10/"

// discordgo v0.29 builds its REST URLs from package variables fixed at its
// initialisation (EndpointAPI, "https://discord.com/api/v9/"); the gateway
// URL is whatever GET {EndpointAPI}gateway/bot answers. Rather than change
// those variables at run time (process-wide, so two bots or two tests could
// not talk to different Discords), each session's transport rewrites the
// prefix of every request under discordgo's EndpointAPI to the configured
// base (httpx.Rewrite): the REST calls, and through /gateway/bot the
// gateway address, reach that base.
//
// The one package variable set is APIVersion, the "v=" of the gateway
// websocket URL, and it is set once, here, at package initialisation.
var _ = func() bool { discordgo.APIVersion = "10"; return true }()

// apiRewrite checks base (a REST base such as DefaultAPIURL, the default
// when base is "", a REST proxy like nirn-proxy, or a fake Discord in tests)
// and returns the rewrite of discordgo's own REST base to it.
func apiRewrite(base string) (httpx.Rewrite, error) {
	if base == "" {
		base = DefaultAPIURL
	}
	rw, err := httpx.NewRewrite(discordgo.EndpointAPI, base)
	if err != nil {
		return httpx.Rewrite{}, fmt.Errorf("DISCORD_API_URL %q: want an http(s) URL such as %s", base, DefaultAPIURL)
	}
	return rw, nil
}
