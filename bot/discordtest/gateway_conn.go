package discordtest

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

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
