package discordtest

import (
	"context"
)

// GatewayStats counts what happened on the gateway so far.
type GatewayStats struct {
	Identifies int // IDENTIFY payloads accepted (new sessions)
	Resumes    int // RESUME payloads accepted
	Heartbeats int // heartbeats received
	Connected  int // connections that got READY or RESUMED and are still open
}

// GatewaySession describes one gateway session.
type GatewaySession struct {
	ID        string
	Shard     [2]int
	Intents   int
	Connected bool
	Invalid   bool
	Seq       int64
}

// Gateway returns the gateway counters.
func (s *Server) Gateway() GatewayStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gatewayStatsLocked()
}

func (s *Server) gatewayStatsLocked() GatewayStats {
	st := GatewayStats{
		Identifies: s.gateway.identifies,
		Resumes:    s.gateway.resumes,
		Heartbeats: s.gateway.heartbeats,
	}
	for c := range s.gateway.conns {
		if c.ready {
			st.Connected++
		}
	}
	return st
}

// Sessions lists the gateway sessions in creation order.
func (s *Server) Sessions() []GatewaySession {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]GatewaySession, 0, len(s.gateway.order))
	for _, ss := range s.gateway.order {
		out = append(out, GatewaySession{
			ID: ss.id, Shard: ss.shard, Intents: ss.intents,
			Connected: ss.conn != nil && ss.conn.ready, Invalid: ss.invalid, Seq: ss.seq,
		})
	}
	return out
}

// Identifies is the number of accepted IDENTIFY payloads.
func (s *Server) Identifies() int { return s.Gateway().Identifies }

// Resumes is the number of accepted RESUME payloads.
func (s *Server) Resumes() int { return s.Gateway().Resumes }

// WaitGateway blocks until cond holds for the gateway counters or ctx ends.
func (s *Server) WaitGateway(ctx context.Context, cond func(GatewayStats) bool) error {
	return s.waitFor(ctx, func() bool { return cond(s.gatewayStatsLocked()) })
}

// WaitReady blocks until at least one connection has received READY or
// RESUMED and is still open.
func (s *Server) WaitReady(ctx context.Context) error {
	return s.WaitGateway(ctx, func(g GatewayStats) bool { return g.Connected > 0 })
}

// DropGateway closes every gateway connection abruptly (no close frame),
// like a network fault. Sessions stay resumable; events dispatched until the
// bot resumes are replayed then.
func (s *Server) DropGateway() {
	s.mu.Lock()
	conns := s.gateway.liveConns()
	for _, c := range conns {
		s.detachLocked(c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.drop()
	}
}

// fatalClose reports close codes after which a session cannot be resumed.
func fatalClose(code int) bool {
	switch code {
	case 4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014:
		return true
	}
	return false
}

// CloseGateway sends a close frame with code (for example 4000, or the fatal
// 4004, 4013, 4014) on every connection and then closes it. After a fatal
// or session-ending code the sessions are invalid and cannot be resumed.
func (s *Server) CloseGateway(code int) {
	s.mu.Lock()
	conns := s.gateway.liveConns()
	for _, c := range conns {
		if c.session != nil && fatalClose(code) {
			c.session.invalid = true
		}
		s.detachLocked(c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.send(gwFrame{closeCode: code, closeText: closeText(code)})
	}
}

func closeText(code int) string {
	switch code {
	case 4000:
		return "Unknown error."
	case 4004:
		return "Authentication failed."
	case 4007:
		return "Invalid seq."
	case 4009:
		return "Session timed out."
	case 4010:
		return "Invalid shard."
	case 4011:
		return "Sharding required."
	case 4013:
		return "Invalid intent(s)."
	case 4014:
		return "Disallowed intent(s)."
	}
	return "closed by discordtest"
}

// RequestReconnect sends op 7 (Reconnect) on every connection; the client
// should reconnect and resume.
func (s *Server) RequestReconnect() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.gateway.conns {
		c.sendJSON(map[string]any{"op": 7, "d": nil})
	}
}

// InvalidateSession sends op 9 (Invalid Session) with d=resumable on every
// connection. When resumable is false the sessions are forgotten and the
// client must identify again.
func (s *Server) InvalidateSession(resumable bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.gateway.conns {
		if c.session != nil && !resumable {
			c.session.invalid = true
			c.ready = false
		}
		c.sendJSON(map[string]any{"op": 9, "d": resumable})
	}
	s.changedLocked()
}

// SetHeartbeatACK turns heartbeat ACKs on (the default) or off, to make a
// zombie connection.
func (s *Server) SetHeartbeatACK(on bool) {
	s.mu.Lock()
	s.gateway.noAck = !on
	s.mu.Unlock()
}
