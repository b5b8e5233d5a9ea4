package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"

	"github.com/bwmarrin/discordgo"

	"paperbot/internal/discord"
)

var reCommandName = regexp.MustCompile(`^[-_\p{Ll}\p{N}\p{Lo}]{1,32}$`)

// Commands returns the application commands registered for guildID ("" for
// global commands).
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands[guildID])
}

// WaitCommands blocks until at least n commands are registered for guildID
// ("" for global).
func (s *Server) WaitCommands(ctx context.Context, guildID string, n int) error {
	return s.waitFor(ctx, func() bool { return len(s.commands[guildID]) >= n })
}

func (s *Server) commandIDLocked(name, guildID string) string {
	for _, key := range []string{guildID, ""} {
		for _, c := range s.commands[key] {
			if c.Name == name {
				return c.ID
			}
		}
	}
	return s.newID()
}

func validateCommand(at string, c *discordgo.ApplicationCommand) []fieldErr {
	var errs []fieldErr
	chat := c.Type == 0 || c.Type == discordgo.ChatApplicationCommand
	if chat && !reCommandName.MatchString(c.Name) {
		errs = append(errs, fieldErr{at + "name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"})
	}
	if chat && (runes(c.Description) < 1 || runes(c.Description) > 100) {
		errs = append(errs, fieldErr{at + "description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."})
	}
	errs = append(errs, validateOptions(at+"options.", c.Options)...)
	return errs
}

func validateOptions(at string, opts []*discordgo.ApplicationCommandOption) []fieldErr {
	var errs []fieldErr
	if len(opts) > 25 {
		errs = append(errs, fieldErr{at[:len(at)-1], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."})
	}
	optional := false
	for k, o := range opts {
		if o == nil {
			continue
		}
		oat := fmt.Sprintf("%s%d.", at, k)
		if !reCommandName.MatchString(o.Name) {
			errs = append(errs, fieldErr{oat + "name", "APPLICATION_COMMAND_INVALID_NAME", "Option name is invalid"})
		}
		if runes(o.Description) < 1 || runes(o.Description) > 100 {
			errs = append(errs, fieldErr{oat + "description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."})
		}
		if len(o.Choices) > discord.MaxChoices {
			errs = append(errs, fieldErr{oat + "choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."})
		}
		if len(o.Choices) > 0 && o.Autocomplete {
			errs = append(errs, fieldErr{oat + "autocomplete", "AUTOCOMPLETE_CHOICES", "Autocomplete cannot be used with choices."})
		}
		if o.Required && optional {
			errs = append(errs, fieldErr{oat + "required", "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options"})
		}
		if !o.Required {
			optional = true
		}
		errs = append(errs, validateOptions(oat+"options.", o.Options)...)
	}
	return errs
}

// commandsRoute serves GET/PUT/POST on global and guild command lists.
func (s *Server) commandsRoute(w http.ResponseWriter, r *http.Request, p []string) {
	guild := ""
	if len(p) > 1 {
		guild = p[1]
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p[0] != s.cfg.appID {
		writeError(w, http.StatusForbidden, 50001, "Missing Access")
		return
	}
	route := r.Method + " /applications/" + p[0] + "/commands"
	switch r.Method {
	case http.MethodGet:
		writeJSON(w, http.StatusOK, nonNil(s.commands[guild]))
		return
	case http.MethodPut:
		var cmds []*discordgo.ApplicationCommand
		if err := json.NewDecoder(r.Body).Decode(&cmds); err != nil {
			s.restRejectLocked(w, route, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
			return
		}
		var errs []fieldErr
		for k, c := range cmds {
			errs = append(errs, validateCommand(fmt.Sprintf("%d.", k), c)...)
		}
		if len(cmds) > 100 {
			errs = append(errs, fieldErr{"_", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length."})
		}
		if len(errs) > 0 {
			s.violateLocked("%s: 50035 Invalid Form Body: %s", route, joinErrs(errs))
			writeFormError(w, errs)
			return
		}
		for _, c := range cmds {
			s.stampCommandLocked(c, guild)
		}
		s.commands[guild] = cmds
		s.changedLocked()
		writeJSON(w, http.StatusOK, nonNil(cmds))
	case http.MethodPost:
		var c discordgo.ApplicationCommand
		if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
			s.restRejectLocked(w, route, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
			return
		}
		if errs := validateCommand("", &c); len(errs) > 0 {
			s.violateLocked("%s: 50035 Invalid Form Body: %s", route, joinErrs(errs))
			writeFormError(w, errs)
			return
		}
		status := http.StatusCreated
		list := s.commands[guild]
		for k, old := range list {
			if old.Name == c.Name && old.Type == c.Type {
				c.ID = old.ID
				list = slices.Delete(list, k, k+1)
				status = http.StatusOK
				break
			}
		}
		s.stampCommandLocked(&c, guild)
		s.commands[guild] = append(list, &c)
		s.changedLocked()
		writeJSON(w, status, &c)
	}
}

func (s *Server) stampCommandLocked(c *discordgo.ApplicationCommand, guild string) {
	if c.ID == "" {
		c.ID = s.commandIDLocked(c.Name, guild)
	}
	if c.Type == 0 {
		c.Type = discordgo.ChatApplicationCommand
	}
	c.ApplicationID = s.cfg.appID
	c.GuildID = guild
	c.Version = s.newID()
}

// commandRoute serves GET/PATCH/DELETE on one command.
func (s *Server) commandRoute(w http.ResponseWriter, r *http.Request, p []string) {
	guild, id := "", p[len(p)-1]
	if len(p) > 2 {
		guild = p[1]
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	list := s.commands[guild]
	k := slices.IndexFunc(list, func(c *discordgo.ApplicationCommand) bool { return c.ID == id })
	if p[0] != s.cfg.appID || k < 0 {
		writeError(w, http.StatusNotFound, 10063, "Unknown application command")
		return
	}
	switch r.Method {
	case http.MethodGet:
		writeJSON(w, http.StatusOK, list[k])
	case http.MethodDelete:
		s.commands[guild] = slices.Delete(slices.Clone(list), k, k+1)
		s.changedLocked()
		w.WriteHeader(http.StatusNoContent)
	case http.MethodPatch:
		c := *list[k]
		if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
			writeError(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
			return
		}
		s.stampCommandLocked(&c, guild)
		next := slices.Clone(list)
		next[k] = &c
		s.commands[guild] = next
		s.changedLocked()
		writeJSON(w, http.StatusOK, &c)
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
