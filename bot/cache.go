package bot

import (
	"container/list"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"paperbot/retrieval/answer"
)

// storedAnswer is what the buttons under an answer need later.
type storedAnswer struct {
	id       string
	paperID  string
	question string
	userID   string
	ans      *answer.Answer
	at       time.Time
}

// answerCache keeps recent answers in memory, least recently used first
// out, each for at most ttl, so the "Show evidence" and "Cite sources"
// buttons can find them from the short id in their custom_id. With a
// store it is the fast path in front of it (see answers.go): a miss is
// looked up in the store, which keeps answers across restarts.
type answerCache struct {
	ttl    time.Duration
	cap    int
	now    func() time.Time
	prefix string // random per process, so ids never repeat across restarts
	seq    atomic.Uint64

	mu    sync.Mutex
	order *list.List // of *storedAnswer, most recent at the front
	byID  map[string]*list.Element
}

func newAnswerCache(capacity int, ttl time.Duration) *answerCache {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return &answerCache{ttl: ttl, cap: max(1, capacity), now: time.Now, prefix: hex.EncodeToString(b[:]),
		order: list.New(), byID: map[string]*list.Element{}}
}

// put stores an answer and returns its id: a.id when set (an id the
// store knows), else a new one; a.at when set (an answer reloaded from the
// store keeps its age), else now.
func (c *answerCache) put(a storedAnswer) string {
	if a.id == "" {
		a.id = c.prefix + strconv.FormatUint(c.seq.Add(1), 36)
	}
	if a.at.IsZero() {
		a.at = c.now()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byID[a.id]; ok {
		c.order.Remove(el)
	}
	c.byID[a.id] = c.order.PushFront(&a)
	for c.order.Len() > c.cap {
		old := c.order.Remove(c.order.Back()).(*storedAnswer)
		delete(c.byID, old.id)
	}
	return a.id
}

// get finds an answer that has not expired.
func (c *answerCache) get(id string) (*storedAnswer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byID[id]
	if !ok {
		return nil, false
	}
	a := el.Value.(*storedAnswer)
	if c.now().Sub(a.at) > c.ttl {
		c.order.Remove(el)
		delete(c.byID, id)
		return nil, false
	}
	c.order.MoveToFront(el)
	return a, true
}
