package discordtest

import "encoding/json"

// This file is the gateway handshake: IDENTIFY starts a session on a
// connection, RESUME reattaches a connection to a session and replays what
// it missed.

// identifyData is the IDENTIFY payload's d.
type identifyData struct {
	Token   string  `json:"token"`
	Intents int     `json:"intents"`
	Shard   *[2]int `json:"shard"`
}

// identifyLocked starts a session (READY) or closes the connection with
// the code Discord would use.
func (s *Server) identifyLocked(c *gwConn, raw json.RawMessage) {
	var d identifyData
	if err := json.Unmarshal(raw, &d); err != nil {
		c.send(gwFrame{closeCode: 4002, closeText: "Error while decoding payload."})
		return
	}
	switch {
	case !s.tokenOKLocked(d.Token):
		c.send(gwFrame{closeCode: 4004, closeText: "Authentication failed."})
		return
	case c.session != nil && !c.session.invalid:
		c.send(gwFrame{closeCode: 4005, closeText: "Already authenticated."})
		return
	case d.Intents&s.cfg.disallowedIntents != 0:
		c.send(gwFrame{closeCode: 4014, closeText: "Disallowed intent(s)."})
		return
	case d.Intents < 0 || d.Intents >= 1<<26:
		c.send(gwFrame{closeCode: 4013, closeText: "Invalid intent(s)."})
		return
	}
	shard := [2]int{0, 1}
	if d.Shard != nil {
		shard = *d.Shard
		if shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1] {
			c.send(gwFrame{closeCode: 4010, closeText: "Invalid shard."})
			return
		}
	}
	s.gateway.identifies++
	ss := &gwSession{id: "sess-" + s.newID(), shard: shard, intents: d.Intents, conn: c}
	s.gateway.sessions[ss.id] = ss
	s.gateway.order = append(s.gateway.order, ss)
	c.session = ss

	var guilds []map[string]any
	for _, g := range s.cfg.guilds {
		if ss.owns(g) {
			guilds = append(guilds, map[string]any{"id": g, "unavailable": true})
		}
	}
	ready := map[string]any{
		"v":                  10,
		"session_id":         ss.id,
		"resume_gateway_url": s.GatewayURL(),
		"user":               s.botUser(),
		"application":        map[string]any{"id": s.cfg.appID, "flags": 0},
		"guilds":             guilds,
		"private_channels":   []any{},
		"shard":              shard,
	}
	c.ready = true
	s.appendEventLocked(ss, "READY", mustJSON(ready), "")
	for _, g := range s.cfg.guilds {
		if ss.owns(g) {
			s.appendEventLocked(ss, "GUILD_CREATE", mustJSON(guildJSON(g)), g)
		}
	}
	// Hand over events no live connection has seen yet, so tests never
	// lose an injected event to a reconnect race.
	var moved []*gwEvent
	keep := s.gateway.orphans[:0]
	for _, e := range s.gateway.orphans {
		if ss.owns(e.guildID) {
			moved = append(moved, e)
		} else {
			keep = append(keep, e)
		}
	}
	s.gateway.orphans = keep
	for _, old := range s.gateway.order {
		if old == ss || (old.conn != nil && !old.invalid) {
			continue
		}
		for _, e := range old.log {
			if !e.sent && ss.owns(e.guildID) {
				e.sent = true
				moved = append(moved, e)
			}
		}
	}
	for _, e := range moved {
		s.appendEventLocked(ss, e.typ, e.data, e.guildID)
	}
	s.changedLocked()
}

// resumeData is the RESUME payload's d.
type resumeData struct {
	Token     string `json:"token"`
	SessionID string `json:"session_id"`
	Seq       int64  `json:"seq"`
}

// resumeLocked reattaches c to its session and replays the dispatches
// after the client's sequence, then RESUMED; an unknown or invalidated
// session gets op 9 (not resumable).
func (s *Server) resumeLocked(c *gwConn, raw json.RawMessage) {
	var d resumeData
	if err := json.Unmarshal(raw, &d); err != nil {
		c.send(gwFrame{closeCode: 4002, closeText: "Error while decoding payload."})
		return
	}
	if !s.tokenOKLocked(d.Token) {
		c.send(gwFrame{closeCode: 4004, closeText: "Authentication failed."})
		return
	}
	ss := s.gateway.sessions[d.SessionID]
	if ss == nil || ss.invalid {
		c.sendJSON(map[string]any{"op": 9, "d": false})
		return
	}
	if old := ss.conn; old != nil && old != c {
		old.session = nil
		old.ready = false
		delete(s.gateway.conns, old)
		go old.drop()
	}
	s.gateway.resumes++
	ss.conn = c
	c.session = ss
	for _, e := range ss.log {
		if e.seq > d.Seq {
			c.send(gwFrame{data: e.frame()})
			e.sent = true
		}
	}
	resumed := &gwEvent{typ: "RESUMED", data: json.RawMessage(`{}`), seq: ss.seq}
	c.send(gwFrame{data: resumed.frame()})
	c.ready = true
	s.changedLocked()
}
