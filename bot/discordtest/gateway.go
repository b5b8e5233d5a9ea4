package discordtest

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/gorilla/websocket"
)

// gatewayState is the fake's view of gateway sessions; guarded by Server.mu.
type gatewayState struct {
	sessions   map[string]*gwSession
	order      []*gwSession // creation order
	conns      map[*gwConn]bool
	orphans    []*gwEvent // dispatched while no session could take them
	identifies int
	resumes    int
	heartbeats int
	noAck      bool
}

func (g *gatewayState) init() {
	g.sessions = map[string]*gwSession{}
	g.conns = map[*gwConn]bool{}
}

func (g *gatewayState) liveConns() []*gwConn {
	out := make([]*gwConn, 0, len(g.conns))
	for c := range g.conns {
		out = append(out, c)
	}
	return out
}

// gwEvent is one dispatch (op 0) in a session's log.
type gwEvent struct {
	typ     string
	data    json.RawMessage
	guildID string
	seq     int64
	sent    bool // written to a live connection (or moved elsewhere)
}

func (e *gwEvent) frame() []byte {
	b, _ := json.Marshal(struct {
		Op int             `json:"op"`
		S  int64           `json:"s"`
		T  string          `json:"t"`
		D  json.RawMessage `json:"d"`
	}{0, e.seq, e.typ, e.data})
	return b
}

// gwSession is one identified gateway session, resumable across connections.
type gwSession struct {
	id      string
	shard   [2]int
	intents int
	seq     int64
	log     []*gwEvent
	conn    *gwConn
	invalid bool
}

// owns reports whether guild events for guildID go to this session's shard.
func (ss *gwSession) owns(guildID string) bool {
	count := ss.shard[1]
	if count <= 1 {
		return true
	}
	if guildID == "" {
		return ss.shard[0] == 0
	}
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil {
		return ss.shard[0] == 0
	}
	return int((id>>22)%uint64(count)) == ss.shard[0]
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveGateway upgrades one gateway connection and runs its read loop.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gwConn{ws: ws, wake: make(chan struct{}, 1), done: make(chan struct{})}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ws.Close()
		return
	}
	s.gateway.conns[c] = true
	s.mu.Unlock()
	go c.writer()
	c.sendJSON(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": s.cfg.heartbeat.Milliseconds()}})

	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			break
		}
		s.handleGatewayOp(c, msg)
	}
	s.mu.Lock()
	s.detachLocked(c)
	s.mu.Unlock()
	c.drop()
	close(c.done)
}

// detachLocked forgets a connection; its session stays resumable.
func (s *Server) detachLocked(c *gwConn) {
	if c.session != nil && c.session.conn == c {
		c.session.conn = nil
	}
	c.ready = false
	if s.gateway.conns[c] {
		delete(s.gateway.conns, c)
		s.changedLocked()
	}
}

type gwPayload struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
}

func (s *Server) handleGatewayOp(c *gwConn, msg []byte) {
	var p gwPayload
	if err := json.Unmarshal(msg, &p); err != nil {
		c.send(gwFrame{closeCode: 4002, closeText: "Error while decoding payload."})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch p.Op {
	case 1: // heartbeat
		s.gateway.heartbeats++
		if !s.gateway.noAck {
			c.sendJSON(map[string]any{"op": 11})
		}
		s.changedLocked()
	case 2:
		s.identifyLocked(c, p.D)
	case 6:
		s.resumeLocked(c, p.D)
	case 3, 4, 8, 14: // presence, voice, request members: accepted, ignored
	default:
		c.send(gwFrame{closeCode: 4001, closeText: "Unknown opcode."})
	}
}

// appendEventLocked adds a dispatch to a session and sends it if live.
func (s *Server) appendEventLocked(ss *gwSession, typ string, data json.RawMessage, guildID string) {
	ss.seq++
	e := &gwEvent{typ: typ, data: data, guildID: guildID, seq: ss.seq}
	ss.log = append(ss.log, e)
	if ss.conn != nil && ss.conn.ready {
		ss.conn.send(gwFrame{data: e.frame()})
		e.sent = true
	}
}

// dispatchLocked routes an event to the newest valid session owning the
// guild, or parks it until one identifies.
func (s *Server) dispatchLocked(typ string, data any, guildID string) {
	raw := mustJSON(data)
	if ss := s.targetLocked(guildID); ss != nil {
		s.appendEventLocked(ss, typ, raw, guildID)
		return
	}
	s.gateway.orphans = append(s.gateway.orphans, &gwEvent{typ: typ, data: raw, guildID: guildID})
}

func (s *Server) targetLocked(guildID string) *gwSession {
	for i := len(s.gateway.order) - 1; i >= 0; i-- {
		ss := s.gateway.order[i]
		if !ss.invalid && ss.owns(guildID) {
			return ss
		}
	}
	return nil
}

func mustJSON(v any) json.RawMessage {
	if r, ok := v.(json.RawMessage); ok {
		return r
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic("discordtest: marshal: " + err.Error()) // only our own types are marshalled
	}
	return b
}

func (s *Server) botUser() map[string]any {
	return map[string]any{
		"id": s.cfg.appID, "username": s.cfg.botName, "discriminator": "0",
		"global_name": s.cfg.botName, "bot": true, "avatar": nil,
	}
}

func guildJSON(id string) map[string]any {
	g := map[string]any{
		"id": id, "name": "Guild " + id, "unavailable": false, "owner_id": DefaultUserID,
		"roles":        []any{map[string]any{"id": id, "name": "@everyone", "permissions": "0"}},
		"channels":     []any{},
		"members":      []any{},
		"member_count": 2,
	}
	if id == DefaultGuildID {
		g["channels"] = []any{map[string]any{"id": DefaultChannelID, "type": 0, "name": "general", "guild_id": id}}
	}
	return g
}
