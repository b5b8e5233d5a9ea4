package discordtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// userMessage is a message the test injected, kept so the bot can fetch
// and reply to it.
type userMessage struct {
	msg      *discordgo.Message
	authorID string
	deleted  bool
}

func (s *Server) guildOfLocked(channelID string) string {
	if channelID == DefaultChannelID {
		return DefaultGuildID
	}
	for _, um := range s.userMsgs {
		if um.msg.ChannelID == channelID {
			return um.msg.GuildID
		}
	}
	for _, i := range s.interactions {
		if i.Raw.ChannelID == channelID {
			return i.Raw.GuildID
		}
	}
	return ""
}

func (s *Server) getChannel(w http.ResponseWriter, _ *http.Request, p []string) {
	s.mu.Lock()
	g := s.guildOfLocked(p[0])
	s.mu.Unlock()
	ch := map[string]any{"id": p[0], "type": discordgo.ChannelTypeGuildText, "name": "channel-" + p[0]}
	if g != "" {
		ch["guild_id"] = g
	} else {
		ch["type"] = discordgo.ChannelTypeDM
	}
	if p[0] == DefaultChannelID {
		ch["name"] = "general"
	}
	writeJSON(w, http.StatusOK, ch)
}

func (s *Server) listChannelMessages(w http.ResponseWriter, r *http.Request, p []string) {
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil || limit <= 0 || limit > 100 {
		limit = 50
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	type entry struct {
		id   string
		wire any
	}
	var all []entry
	for _, m := range s.messages {
		if m.ChannelID == p[0] && !m.Deleted && !m.Ephemeral() {
			all = append(all, entry{m.ID, m.wire(s)})
		}
	}
	for id, um := range s.userMsgs {
		if um.msg.ChannelID == p[0] && !um.deleted {
			all = append(all, entry{id, um.msg})
		}
	}
	slices.SortFunc(all, func(a, b entry) int { // newest first
		if len(a.id) != len(b.id) {
			return len(b.id) - len(a.id)
		}
		if a.id > b.id {
			return -1
		}
		if a.id < b.id {
			return 1
		}
		return 0
	})
	out := make([]any, 0, limit)
	for k := 0; k < len(all) && k < limit; k++ {
		out = append(out, all[k].wire)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createChannelMessage(w http.ResponseWriter, r *http.Request, p []string) {
	body, files, rerr := readBody(r)
	pl, err := decodePayload(body, files)
	s.mu.Lock()
	defer s.mu.Unlock()
	route := "POST /channels/" + p[0] + "/messages"
	if rerr != nil || err != nil {
		s.restRejectLocked(w, route, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
		return
	}
	errs := validateMessage(pl)
	if ref := pl.MessageReference; ref != nil && ref.MessageID != "" {
		if s.msgByID[ref.MessageID] == nil && s.userMsgs[ref.MessageID] == nil &&
			(ref.FailIfNotExists == nil || *ref.FailIfNotExists) {
			errs = append(errs, fieldErr{"message_reference", "REPLIES_UNKNOWN_MESSAGE", "Unknown message"})
		}
	}
	if len(errs) > 0 {
		s.violateLocked("%s: 50035 Invalid Form Body: %s", route, joinErrs(errs))
		writeFormError(w, errs)
		return
	}
	if pl.empty() {
		s.restRejectLocked(w, route, http.StatusBadRequest, 50006, "Cannot send an empty message")
		return
	}
	m := s.createLocked(KindChannel, p[0], s.guildOfLocked(p[0]), "", pl)
	s.checkMentionsLocked(route, m, pl, true)
	writeJSON(w, http.StatusOK, m.wire(s))
}

// restRejectLocked answers with a Discord error and records a violation.
func (s *Server) restRejectLocked(w http.ResponseWriter, route string, status, code int, msg string) {
	s.violateLocked("%s: %d %s", route, code, msg)
	writeError(w, status, code, msg)
}

func (s *Server) channelMessage(w http.ResponseWriter, r *http.Request, p []string) {
	body, files, rerr := readPatchBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	route := r.Method + " /channels/" + p[0] + "/messages/" + p[1]
	m := s.msgByID[p[1]]
	um := s.userMsgs[p[1]]
	switch {
	case m != nil && (m.Deleted || m.ChannelID != p[0] || m.Ephemeral()):
		m = nil
	case um != nil && (um.deleted || um.msg.ChannelID != p[0]):
		um = nil
	}
	if m == nil && um == nil {
		s.restRejectLocked(w, route, http.StatusNotFound, 10008, "Unknown Message")
		return
	}
	switch r.Method {
	case http.MethodGet:
		if m != nil {
			writeJSON(w, http.StatusOK, m.wire(s))
		} else {
			writeJSON(w, http.StatusOK, um.msg)
		}
		return
	case http.MethodDelete:
		if m != nil {
			m.Deleted = true
		} else {
			um.deleted = true
		}
		s.changedLocked()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if m == nil {
		s.restRejectLocked(w, route, http.StatusForbidden, 50005, "Cannot edit a message authored by another user")
		return
	}
	pl, err := decodePayload(body, files)
	if rerr != nil || err != nil {
		s.restRejectLocked(w, route, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
		return
	}
	if errs := validateMessage(pl); len(errs) > 0 {
		s.violateLocked("%s: 50035 Invalid Form Body: %s", route, joinErrs(errs))
		writeFormError(w, errs)
		return
	}
	m.apply(pl)
	m.Edits = append(m.Edits, time.Now())
	s.checkMentionsLocked(route, m, pl, false)
	if i := s.interactions[m.InteractionID]; i != nil {
		i.touchLocked()
	}
	s.changedLocked()
	writeJSON(w, http.StatusOK, m.wire(s))
}

func (s *Server) typingRoute(w http.ResponseWriter, _ *http.Request, p []string) {
	s.mu.Lock()
	s.typing = append(s.typing, Typing{ChannelID: p[0], At: time.Now()})
	s.changedLocked()
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) getGuild(w http.ResponseWriter, _ *http.Request, p []string) {
	writeJSON(w, http.StatusOK, guildJSON(p[0]))
}

func (s *Server) getGuildChannels(w http.ResponseWriter, _ *http.Request, p []string) {
	writeJSON(w, http.StatusOK, guildJSON(p[0])["channels"])
}

func (s *Server) getMember(w http.ResponseWriter, _ *http.Request, p []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p[1] == s.cfg.appID {
		writeJSON(w, http.StatusOK, map[string]any{"user": s.botUser(), "roles": []string{}, "joined_at": time.Unix(0, 0).UTC()})
		return
	}
	member := map[string]any{"user": NewUser(p[1], "user"+p[1]), "roles": []string{}, "joined_at": time.Unix(0, 0).UTC()}
	for _, um := range s.userMsgs {
		if um.authorID == p[1] && um.msg.Member != nil && um.msg.GuildID == p[0] {
			member["user"], member["roles"] = um.msg.Author, um.msg.Member.Roles
		}
	}
	writeJSON(w, http.StatusOK, member)
}

func (s *Server) getMe(w http.ResponseWriter, _ *http.Request, _ []string) {
	writeJSON(w, http.StatusOK, s.botUser())
}

func (s *Server) getUser(w http.ResponseWriter, _ *http.Request, p []string) {
	if p[0] == s.cfg.appID {
		writeJSON(w, http.StatusOK, s.botUser())
		return
	}
	writeJSON(w, http.StatusOK, NewUser(p[0], "user"+p[0]))
}

func (s *Server) createDM(w http.ResponseWriter, r *http.Request, _ []string) {
	var body struct {
		RecipientID string `json:"recipient_id"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.RecipientID == "" {
		writeFormError(w, []fieldErr{{"recipient_id", "BASE_TYPE_REQUIRED", "This field is required"}})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"id": "dm" + body.RecipientID, "type": discordgo.ChannelTypeDM,
		"recipients": []any{NewUser(body.RecipientID, "user"+body.RecipientID)},
	})
}

func (s *Server) getApplication(w http.ResponseWriter, _ *http.Request, _ []string) {
	writeJSON(w, http.StatusOK, map[string]any{
		"id": s.cfg.appID, "name": s.cfg.botName, "description": "", "bot_public": false,
		"bot_require_code_grant": false, "flags": 0, "bot": s.botUser(),
		"owner": NewUser(DefaultUserID, "owner"), "verify_key": "00",
	})
}

func (s *Server) getGateway(w http.ResponseWriter, _ *http.Request, _ []string) {
	writeJSON(w, http.StatusOK, map[string]any{
		"url": s.GatewayURL(), "shards": s.cfg.shards,
		"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 86400000, "max_concurrency": 1},
	})
}
