package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// allowedCallbacks lists the callback types Discord accepts per interaction type.
var allowedCallbacks = map[discordgo.InteractionType][]discordgo.InteractionResponseType{
	discordgo.InteractionApplicationCommand:             {4, 5, 9},
	discordgo.InteractionMessageComponent:               {4, 5, 6, 7, 9},
	discordgo.InteractionApplicationCommandAutocomplete: {8},
	discordgo.InteractionModalSubmit:                    {4, 5, 6, 7},
}

func callbackAllowed(it discordgo.InteractionType, rt discordgo.InteractionResponseType) bool {
	for _, t := range allowedCallbacks[it] {
		if t == rt {
			return true
		}
	}
	return false
}

// rejectLocked answers with a Discord error, records it on the interaction
// and, when violation is true, as a violation.
func (s *Server) rejectLocked(w http.ResponseWriter, i *Interaction, action string, status, code int, msg string, violation bool) {
	text := fmt.Sprintf("%s: %d %s", action, code, msg)
	if i != nil {
		text = fmt.Sprintf("interaction %s (%s): %s", i.ID, i.Name, text)
		i.rejections = append(i.rejections, text)
		i.responses = append(i.responses, Response{Action: action, Status: status, Code: code, At: time.Now()})
		i.touchLocked()
	}
	if violation {
		s.violateLocked("%s", text)
	}
	writeError(w, status, code, msg)
}

func (s *Server) formRejectLocked(w http.ResponseWriter, i *Interaction, action string, errs []fieldErr) {
	text := fmt.Sprintf("interaction %s (%s): %s: 50035 Invalid Form Body: %s", i.ID, i.Name, action, joinErrs(errs))
	i.rejections = append(i.rejections, text)
	i.responses = append(i.responses, Response{Action: action, Status: 400, Code: 50035, At: time.Now()})
	i.touchLocked()
	s.violateLocked("%s", text)
	writeFormError(w, errs)
}

func prefixed(prefix string, errs []fieldErr) []fieldErr {
	for k := range errs {
		errs[k].path = prefix + errs[k].path
	}
	return errs
}

func (s *Server) interactionCallback(w http.ResponseWriter, r *http.Request, p []string) {
	body, files, err := readBody(r)
	var cb struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if err == nil {
		err = json.Unmarshal(body, &cb)
	}
	var pl *msgPayload
	if err == nil {
		var data []byte
		if !isNull(cb.Data) {
			data = cb.Data
		}
		pl, err = decodePayload(data, files)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.interactions[p[0]]
	if i == nil || i.Token != p[1] {
		s.rejectLocked(w, nil, "callback", http.StatusNotFound, 10062, "Unknown interaction", true)
		return
	}
	const action = "callback"
	switch {
	case err != nil:
		s.rejectLocked(w, i, action, http.StatusBadRequest, 50109, "The request body contains invalid JSON.", true)
		return
	case i.acked:
		s.rejectLocked(w, i, action, http.StatusBadRequest, 40060, "Interaction has already been acknowledged.", true)
		return
	case i.lateOrNever || time.Since(i.Injected) > s.cfg.ackDeadline:
		if !i.lateOrNever { // the deadline timer has not run yet
			i.lateOrNever = true
			s.violateLocked("interaction %s (%s): not acknowledged within %s", i.ID, i.Name, s.cfg.ackDeadline)
		}
		s.rejectLocked(w, i, action, http.StatusNotFound, 10062,
			fmt.Sprintf("Unknown interaction (callback after %s, deadline %s)", time.Since(i.Injected).Round(time.Millisecond), s.cfg.ackDeadline), true)
		return
	case !callbackAllowed(i.Type, cb.Type):
		s.formRejectLocked(w, i, action, []fieldErr{{"type", "INTERACTION_RESPONSE_TYPE_INVALID",
			fmt.Sprintf("Callback type %d is not valid for interaction type %d.", cb.Type, i.Type)}})
		return
	}

	var errs []fieldErr
	switch cb.Type {
	case 4, 7:
		errs = prefixed("data.", validateMessage(pl))
		if cb.Type == 4 && len(errs) == 0 && pl.empty() {
			s.rejectLocked(w, i, action, http.StatusBadRequest, 50006, "Cannot send an empty message", true)
			return
		}
	case 8:
		errs = validateChoices(pl.Choices)
	case 9:
		errs = validateModal(pl)
	}
	if len(errs) > 0 {
		s.formRejectLocked(w, i, action, errs)
		return
	}

	now := time.Now()
	i.acked, i.ackType, i.ackAt = true, cb.Type, now
	resp := Response{Action: action, Type: cb.Type, Status: http.StatusNoContent, At: now}
	if pl.Content != nil {
		resp.Content = *pl.Content
	}
	if pl.Flags != nil {
		resp.Flags = discordgo.MessageFlags(*pl.Flags)
	}
	route := "POST /interactions/" + i.ID + "/callback"
	switch cb.Type {
	case 4:
		m := s.createLocked(KindOriginal, i.Raw.ChannelID, i.Raw.GuildID, i.ID, pl)
		i.original = m
		s.checkMentionsLocked(route, m, pl, true)
	case 5:
		m := s.createLocked(KindOriginal, i.Raw.ChannelID, i.Raw.GuildID, i.ID, &msgPayload{Flags: pl.Flags})
		m.Loading = true
		m.Flags = m.Flags&discordgo.MessageFlagsEphemeral | discordgo.MessageFlagsLoading
		i.original = m
	case 6:
		i.original = s.componentMessageLocked(i)
	case 7:
		m := s.componentMessageLocked(i)
		m.apply(pl)
		m.Edits = append(m.Edits, now)
		i.original = m
		s.checkMentionsLocked(route, m, pl, false)
	case 8:
		i.choices = pl.Choices
	case 9:
		i.modal = &Modal{CustomID: pl.CustomID, Title: pl.Title, Components: pl.components}
	}
	if i.original != nil {
		resp.MessageID = i.original.ID
	}
	i.responses = append(i.responses, resp)
	i.touchLocked()
	if r.URL.Query().Get("with_response") == "true" {
		res := map[string]any{"type": cb.Type}
		if i.original != nil {
			res["message"] = i.original.wire(s)
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"interaction": map[string]any{"id": i.ID, "type": i.Type, "response_message_loading": cb.Type == 5},
			"resource":    res,
		})
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// createLocked stores a new bot message built from p.
func (s *Server) createLocked(kind, channelID, guildID, interactionID string, p *msgPayload) *Message {
	m := &Message{
		ID: s.newID(), Kind: kind, ChannelID: channelID, GuildID: guildID,
		InteractionID: interactionID, CreatedAt: time.Now(), Reference: p.MessageReference,
	}
	m.apply(p)
	if p.Flags != nil {
		m.Flags = discordgo.MessageFlags(*p.Flags)
	}
	s.messages = append(s.messages, m)
	s.msgByID[m.ID] = m
	if s.cfg.echo && !m.Ephemeral() {
		s.dispatchLocked("MESSAGE_CREATE", m.wire(s), guildID)
	}
	s.changedLocked()
	return m
}

// componentMessageLocked is the message a component interaction came from.
func (s *Server) componentMessageLocked(i *Interaction) *Message {
	id := ""
	if i.Raw.Message != nil {
		id = i.Raw.Message.ID
	}
	if m := s.msgByID[id]; m != nil && id != "" {
		return m
	}
	if id == "" {
		id = s.newID()
	}
	m := &Message{ID: id, Kind: KindChannel, ChannelID: i.Raw.ChannelID, GuildID: i.Raw.GuildID, CreatedAt: i.Injected}
	s.messages = append(s.messages, m)
	s.msgByID[id] = m
	return m
}

// webhookLocked finds the interaction behind /webhooks/{app}/{token}.
func (s *Server) webhookLocked(w http.ResponseWriter, app, token, action string) *Interaction {
	i := s.byToken[token]
	if i == nil || app != s.cfg.appID {
		s.rejectLocked(w, nil, action, http.StatusNotFound, 10015, "Unknown Webhook", true)
		return nil
	}
	if i.expired || time.Since(i.Injected) > s.cfg.tokenTTL {
		s.rejectLocked(w, i, action, http.StatusUnauthorized, 50027, "Invalid Webhook Token", true)
		return nil
	}
	if !i.acked {
		s.rejectLocked(w, i, action, http.StatusNotFound, 10015, "Unknown Webhook (interaction not acknowledged yet)", true)
		return nil
	}
	return i
}

// webhookTargetLocked resolves @original or a follow-up id.
func (i *Interaction) targetLocked(id string) *Message {
	if id == "@original" {
		return i.original
	}
	if i.original != nil && i.original.ID == id {
		return i.original
	}
	for _, f := range i.followups {
		if f.ID == id {
			return f
		}
	}
	return nil
}

func (s *Server) webhookMessage(w http.ResponseWriter, r *http.Request, p []string) {
	app, token, id := p[0], p[1], p[2]
	body, files, rerr := readPatchBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	action := map[string]string{"GET": "get", "PATCH": "edit", "DELETE": "delete"}[r.Method]
	if id != "@original" {
		action = "followup_" + action
	}
	i := s.webhookLocked(w, app, token, action)
	if i == nil {
		return
	}
	m := i.targetLocked(id)
	if m == nil || m.Deleted {
		s.rejectLocked(w, i, action, http.StatusNotFound, 10008, "Unknown Message", true)
		return
	}
	now := time.Now()
	switch r.Method {
	case http.MethodGet:
		writeJSON(w, http.StatusOK, m.wire(s))
		return
	case http.MethodDelete:
		m.Deleted = true
		i.responses = append(i.responses, Response{Action: action, MessageID: m.ID, Status: http.StatusNoContent, At: now})
		i.touchLocked()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	pl := s.webhookPayloadLocked(w, i, action, body, files, rerr)
	if pl == nil {
		return
	}
	next := m.clone()
	next.apply(pl)
	if next.Content == "" && len(next.Embeds) == 0 && len(next.Components) == 0 && len(next.Files) == 0 {
		s.rejectLocked(w, i, action, http.StatusBadRequest, 50006, "Cannot send an empty message", true)
		return
	}
	m.apply(pl)
	m.Edits = append(m.Edits, now)
	s.checkMentionsLocked("PATCH /webhooks/"+app+"/"+id, m, pl, false)
	resp := Response{Action: action, MessageID: m.ID, Status: http.StatusOK, At: now, Content: m.Content, Flags: m.Flags}
	i.responses = append(i.responses, resp)
	i.touchLocked()
	writeJSON(w, http.StatusOK, m.wire(s))
}

func (s *Server) webhookExecute(w http.ResponseWriter, r *http.Request, p []string) {
	body, files, rerr := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	const action = "followup"
	i := s.webhookLocked(w, p[0], p[1], action)
	if i == nil {
		return
	}
	pl := s.webhookPayloadLocked(w, i, action, body, files, rerr)
	if pl == nil {
		return
	}
	if pl.empty() {
		s.rejectLocked(w, i, action, http.StatusBadRequest, 50006, "Cannot send an empty message", true)
		return
	}
	now := time.Now()
	var m *Message
	if i.ackType == discordgo.InteractionResponseDeferredChannelMessageWithSource && i.original != nil && i.original.Loading {
		// The first follow-up after a deferred response completes it,
		// keeping the ephemeral choice made when deferring.
		m = i.original
		m.apply(pl)
	} else {
		m = s.createLocked(KindFollowup, i.Raw.ChannelID, i.Raw.GuildID, i.ID, pl)
		i.followups = append(i.followups, m)
	}
	s.checkMentionsLocked("POST /webhooks/"+p[0], m, pl, true)
	i.responses = append(i.responses, Response{Action: action, MessageID: m.ID, Status: http.StatusOK, At: now, Content: m.Content, Flags: m.Flags})
	i.touchLocked()
	if r.URL.Query().Get("wait") != "true" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	writeJSON(w, http.StatusOK, m.wire(s))
}

// webhookPayloadLocked decodes and checks a message sent through an
// interaction's webhook; when it is invalid it answers the rejection itself
// and returns nil.
func (s *Server) webhookPayloadLocked(w http.ResponseWriter, i *Interaction, action string, body []byte, files []File, rerr error) *msgPayload {
	pl, err := decodePayload(body, files)
	if rerr != nil || err != nil {
		s.rejectLocked(w, i, action, http.StatusBadRequest, 50109, "The request body contains invalid JSON.", true)
		return nil
	}
	if errs := validateMessage(pl); len(errs) > 0 {
		s.formRejectLocked(w, i, action, errs)
		return nil
	}
	return pl
}
