package discordtest

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// rawClient is a bare gateway client, for checking frames and close codes
// exactly as a client library would see them.
type rawClient struct {
	t  *testing.T
	ws *websocket.Conn
}

func dialRaw(t *testing.T, srv *Server) *rawClient {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial(srv.GatewayURL()+"?v=10&encoding=json", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	c := &rawClient{t: t, ws: ws}
	if op := c.read(); op["op"] != float64(10) {
		t.Fatalf("first frame %v, want HELLO", op)
	}
	return c
}

func (c *rawClient) send(v any) {
	c.t.Helper()
	if err := c.ws.WriteJSON(v); err != nil {
		c.t.Fatal(err)
	}
}

func (c *rawClient) read() map[string]any {
	c.t.Helper()
	_ = c.ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, b, err := c.ws.ReadMessage()
	if err != nil {
		c.t.Fatalf("read: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		c.t.Fatal(err)
	}
	return m
}

// closeCode reads until the server closes and returns the close code.
func (c *rawClient) closeCode() int {
	c.t.Helper()
	_ = c.ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	for {
		_, _, err := c.ws.ReadMessage()
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			return ce.Code
		}
		if err != nil {
			c.t.Fatalf("read ended without a close frame: %v", err)
		}
	}
}

func identify(token string, intents int) map[string]any {
	return map[string]any{"op": 2, "d": map[string]any{"token": token, "intents": intents, "properties": map[string]any{}}}
}

func TestGatewayCloseCodes(t *testing.T) {
	srv := New(t, WithToken("good"), WithDisallowedIntents(1<<15))

	c := dialRaw(t, srv)
	c.send(identify("Bot bad", 0))
	if code := c.closeCode(); code != 4004 {
		t.Errorf("bad token: close %d, want 4004", code)
	}

	c = dialRaw(t, srv)
	c.send(identify("Bot good", 1<<15))
	if code := c.closeCode(); code != 4014 {
		t.Errorf("disallowed intent: close %d, want 4014", code)
	}

	c = dialRaw(t, srv)
	c.send(map[string]any{"op": 99})
	if code := c.closeCode(); code != 4001 {
		t.Errorf("unknown op: close %d, want 4001", code)
	}

	c = dialRaw(t, srv)
	c.send(identify("good", 1))
	ready := c.read()
	if ready["t"] != "READY" || ready["s"] != float64(1) {
		t.Fatalf("READY frame = %v", ready)
	}
	sessionID := ready["d"].(map[string]any)["session_id"].(string)
	if g := c.read(); g["t"] != "GUILD_CREATE" {
		t.Fatalf("want GUILD_CREATE, got %v", g)
	}
	c.send(map[string]any{"op": 1, "d": 2})
	if ack := c.read(); ack["op"] != float64(11) {
		t.Fatalf("heartbeat answer = %v", ack)
	}
	srv.CloseGateway(4000) // resumable
	if code := c.closeCode(); code != 4000 {
		t.Fatalf("close %d, want 4000", code)
	}

	// Resume: the event dispatched while away is replayed, then RESUMED.
	srv.InjectInteraction(SlashCommand("ask", nil, nil, "", ""))
	c = dialRaw(t, srv)
	c.send(map[string]any{"op": 6, "d": map[string]any{"token": "Bot good", "session_id": sessionID, "seq": 2}})
	if ev := c.read(); ev["t"] != "INTERACTION_CREATE" || ev["s"] != float64(3) {
		t.Fatalf("replayed = %v", ev)
	}
	if ev := c.read(); ev["t"] != "RESUMED" {
		t.Fatalf("want RESUMED, got %v", ev)
	}
	srv.CloseGateway(4013) // fatal: the session is gone
	if code := c.closeCode(); code != 4013 {
		t.Fatalf("close %d, want 4013", code)
	}
	c = dialRaw(t, srv)
	c.send(map[string]any{"op": 6, "d": map[string]any{"token": "Bot good", "session_id": sessionID, "seq": 3}})
	if ev := c.read(); ev["op"] != float64(9) || ev["d"] != false {
		t.Fatalf("resume of a dead session = %v, want op 9 false", ev)
	}
	if g := srv.Gateway(); g.Identifies != 1 || g.Resumes != 1 {
		t.Fatalf("gateway = %+v", g)
	}
}
