package discordtest

import (
	"net/http"

	"github.com/bwmarrin/discordgo"

	"paperbot/internal/httpx"
)

// Client returns an HTTP client that sends discordgo's REST requests (the
// URLs under discordgo.EndpointAPI) to this fake instead:
//
//	sess.Client = srv.Client()
//
// Nothing process-wide changes, so tests with fakes of their own can run in
// parallel. The gateway address follows, because discordgo reads it from
// GET /gateway.
func (s *Server) Client() *http.Client {
	rw, err := httpx.NewRewrite(discordgo.EndpointAPI, s.APIURL())
	if err != nil {
		panic("discordtest: " + err.Error()) // both are fixed http URLs
	}
	return &http.Client{Transport: httpx.New(httpx.Options{Base: httpx.NewBase(16), Rewrite: rw, Logger: s.log})}
}
