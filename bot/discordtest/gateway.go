package discordtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"time"

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

// gwFrame is one outgoing websocket write.
type gwFrame struct {
	data      []byte
	closeCode int
	closeText string
}

// gwConn is one websocket connection with an ordered, unbounded send queue.
type gwConn struct {
	ws      *websocket.Conn
	session *gwSession // guarded by Server.mu
	ready   bool       // READY or RESUMED sent; guarded by Server.mu

	mu    sync.Mutex
	queue []gwFrame
	dead  bool
	wake  chan struct{} // buffered(1): frames are queued
	done  chan struct{} // closed when the read loop ends
}

func (c *gwConn) send(f gwFrame) {
	c.mu.Lock()
	if c.dead {
		c.mu.Unlock()
		return
	}
	c.queue = append(c.queue, f)
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *gwConn) sendJSON(v any) {
	b, _ := json.Marshal(v)
	c.send(gwFrame{data: b})
}

// drop closes the TCP connection without a close frame, as a network fault would.
func (c *gwConn) drop() {
	c.mu.Lock()
	c.dead = true
	c.queue = nil
	c.mu.Unlock()
	_ = c.ws.NetConn().Close()
}

func (c *gwConn) writer() {
	for {
		select {
		case <-c.wake:
		case <-c.done:
			return
		}
		c.mu.Lock()
		q := c.queue
		c.queue = nil
		c.mu.Unlock()
		for _, f := range q {
			_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
			if f.closeCode != 0 {
				msg := websocket.FormatCloseMessage(f.closeCode, f.closeText)
				_ = c.ws.WriteMessage(websocket.CloseMessage, msg)
				// Let the client read the frame (closing now could reset the
				// connection under it) and answer; the read loop then ends.
				c.mu.Lock()
				c.dead, c.queue = true, nil
				c.mu.Unlock()
				time.AfterFunc(time.Second, c.drop)
				return
			}
			if err := c.ws.WriteMessage(websocket.TextMessage, f.data); err != nil {
				c.drop()
				return
			}
		}
	}
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

type identifyData struct {
	Token   string  `json:"token"`
	Intents int     `json:"intents"`
	Shard   *[2]int `json:"shard"`
}

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

type resumeData struct {
	Token     string `json:"token"`
	SessionID string `json:"session_id"`
	Seq       int64  `json:"seq"`
}

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
