package discordtest

import (
	"strings"

	"github.com/bwmarrin/discordgo"
)

// PointDiscordgo retargets discordgo v0.29.0's package-level endpoint
// variables at apiURL (for example srv.APIURL(),
// "http://127.0.0.1:PORT/api/v10/") and sets APIVersion to "10". The
// function-valued endpoints build on these strings, so they follow.
// It changes process-wide state: tests that use it must not run in parallel
// with tests that talk to another Discord.
func PointDiscordgo(apiURL string) {
	api := strings.TrimSuffix(apiURL, "/") + "/"
	root := api
	if i := strings.Index(api, "/api/"); i >= 0 {
		root = api[:i+1]
	}
	discordgo.APIVersion = "10"
	discordgo.EndpointDiscord = root
	discordgo.EndpointAPI = api
	discordgo.EndpointGuilds = api + "guilds/"
	discordgo.EndpointChannels = api + "channels/"
	discordgo.EndpointUsers = api + "users/"
	discordgo.EndpointGateway = api + "gateway"
	discordgo.EndpointGatewayBot = discordgo.EndpointGateway + "/bot"
	discordgo.EndpointWebhooks = api + "webhooks/"
	discordgo.EndpointStickers = api + "stickers/"
	discordgo.EndpointStageInstances = api + "stage-instances"
	discordgo.EndpointSKUs = api + "skus"
	discordgo.EndpointVoice = api + "/voice/"
	discordgo.EndpointVoiceRegions = discordgo.EndpointVoice + "regions"
	discordgo.EndpointNitroStickersPacks = api + "/sticker-packs"
	discordgo.EndpointGuildCreate = api + "guilds"
	discordgo.EndpointApplications = api + "applications"
	discordgo.EndpointOAuth2 = api + "oauth2/"
	discordgo.EndpointOAuth2Applications = discordgo.EndpointOAuth2 + "applications"
	discordgo.EndpointOauth2 = discordgo.EndpointOAuth2
	discordgo.EndpointOauth2Applications = discordgo.EndpointOAuth2Applications
}
