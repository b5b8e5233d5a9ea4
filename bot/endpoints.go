package bot

import (
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// DefaultAPIURL is Discord's v10 REST base.
const DefaultAPIURL = "https://discord.com/api/v10/"

// endpointMu serialises retargeting of discordgo's package-level endpoints.
var endpointMu sync.Mutex

// SetAPIURL points every discordgo REST endpoint at base, a REST base such
// as "https://discord.com/api/v10/" (the default when base is ""), a REST
// proxy like nirn-proxy, or a fake Discord in tests, and pins the API
// version to 10. discordgo keeps its endpoints in package variables, so
// this affects every Session in the process: two bots in one process must
// share one base.
//
// The gateway address is looked up with GET {base}gateway/bot: discordgo's
// Open asks EndpointGateway, which SetAPIURL points at the authenticated
// /gateway/bot route (its answer carries the same "url" field).
func SetAPIURL(base string) error {
	if base == "" {
		base = DefaultAPIURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("DISCORD_API_URL %q: want an http(s) URL such as %s", base, DefaultAPIURL)
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	// EndpointDiscord is the site root: strip the "api/vN/" tail when present.
	root := base
	if i := strings.LastIndex(strings.TrimSuffix(base, "/"), "/api"); i >= 0 {
		root = base[:i+1]
	}

	endpointMu.Lock()
	defer endpointMu.Unlock()
	discordgo.APIVersion = "10"
	discordgo.EndpointDiscord = root
	discordgo.EndpointAPI = base
	discordgo.EndpointGuilds = base + "guilds/"
	discordgo.EndpointChannels = base + "channels/"
	discordgo.EndpointUsers = base + "users/"
	discordgo.EndpointGateway = base + "gateway/bot"
	discordgo.EndpointGatewayBot = base + "gateway/bot"
	discordgo.EndpointWebhooks = base + "webhooks/"
	discordgo.EndpointStickers = base + "stickers/"
	discordgo.EndpointStageInstances = base + "stage-instances"
	discordgo.EndpointSKUs = base + "skus"
	discordgo.EndpointVoice = base + "voice/"
	discordgo.EndpointVoiceRegions = discordgo.EndpointVoice + "regions"
	discordgo.EndpointNitroStickersPacks = base + "sticker-packs"
	discordgo.EndpointGuildCreate = base + "guilds"
	discordgo.EndpointApplications = base + "applications"
	discordgo.EndpointOAuth2 = base + "oauth2/"
	discordgo.EndpointOAuth2Applications = discordgo.EndpointOAuth2 + "applications"
	discordgo.EndpointOauth2 = discordgo.EndpointOAuth2
	discordgo.EndpointOauth2Applications = discordgo.EndpointOAuth2Applications
	return nil
}
