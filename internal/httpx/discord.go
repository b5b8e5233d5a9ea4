package httpx

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"paperbot/internal/discord"
)

// CallbackBudget is how long after an interaction's creation its callback
// may still be sent: Discord allows 3 s; the rest is margin for the trip.
const CallbackBudget = 2500 * time.Millisecond

// ErrDeadline is returned, instead of waiting, when a rate limit would
// delay an interaction callback past CallbackBudget.
var ErrDeadline = errors.New("httpx: rate limit would delay the interaction callback past its deadline")

// ErrRateLimited is returned, instead of waiting, when a bucket or the
// global limit asks for a wait longer than Options.MaxWait.
var ErrRateLimited = errors.New("httpx: rate limited for longer than the longest wait allowed")

// discordEpoch is the first millisecond of 2015, where snowflakes start.
const discordEpoch = 1420070400000

// discordLimits is what Discord's rate-limit headers said: per-route
// buckets and the global limit.
type discordLimits struct {
	mu          sync.Mutex
	routeBucket map[string]string // route key → X-RateLimit-Bucket
	buckets     map[string]*bucket
	globalUntil time.Time
}

type bucket struct {
	remaining int // -1: unknown
	reset     time.Time
}

func newDiscordLimits() *discordLimits {
	return &discordLimits{routeBucket: map[string]string{}, buckets: map[string]*bucket{}}
}

// route is what the limits need to know about one request.
type route struct {
	key      string    // method and path, minor ids replaced
	major    string    // the top-level resource: channel, guild, webhook or interaction
	callback bool      // an interaction callback: exempt from the global limit
	created  time.Time // the interaction's creation, for callbacks
	log      string    // the path with tokens hidden
}

// discordRoute parses a Discord REST request path ("/api/v10/channels/1/messages").
func discordRoute(req *http.Request) route {
	p := req.URL.Path
	if i := strings.Index(p, "/api/"); i >= 0 {
		p = p[i+len("/api/"):]
		if strings.HasPrefix(p, "v") {
			if j := strings.IndexByte(p, '/'); j >= 0 {
				p = p[j+1:]
			}
		}
	}
	segs := strings.Split(strings.Trim(p, "/"), "/")
	var r route
	keyed := make([]string, len(segs))
	logged := make([]string, len(segs))
	copy(logged, segs)
	for i, s := range segs {
		keyed[i] = s
		prev := ""
		if i > 0 {
			prev = segs[i-1]
		}
		switch {
		case i == 1 && (prev == "channels" || prev == "guilds" || prev == "webhooks" || prev == "interactions"):
			r.major = prev + "/" + s
		case i == 2 && (segs[0] == "webhooks" || segs[0] == "interactions"):
			r.major += "/" + s // the token is part of the major parameter
			logged[i] = "<token>"
		case discord.IsDigits(s):
			keyed[i] = ":id"
		}
	}
	r.key = req.Method + " " + strings.Join(keyed, "/")
	r.log = req.Method + " /" + strings.Join(logged, "/")
	if req.Method == http.MethodPost && len(segs) == 4 && segs[0] == "interactions" && segs[3] == "callback" {
		r.callback = true
		if id, err := strconv.ParseInt(segs[1], 10, 64); err == nil && id > 0 {
			r.created = time.UnixMilli(id>>22 + discordEpoch)
		}
	}
	return r
}

func (l *discordLimits) bucketLocked(r route) *bucket {
	name := r.key
	if h, ok := l.routeBucket[r.key]; ok {
		name = h
	}
	name += "|" + r.major
	b := l.buckets[name]
	if b == nil {
		b = &bucket{remaining: -1}
		l.buckets[name] = b
	}
	return b
}

// reserve takes one request from r's bucket and returns how long to wait
// before sending it (0: send now; then the request is counted).
func (l *discordLimits) reserve(r route, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var wait time.Duration
	if !r.callback && now.Before(l.globalUntil) {
		wait = l.globalUntil.Sub(now)
	}
	b := l.bucketLocked(r)
	if !now.Before(b.reset) {
		b.remaining = -1 // the window has reset: unknown until the next answer
	}
	if b.remaining == 0 {
		wait = max(wait, b.reset.Sub(now))
	}
	if wait == 0 && b.remaining > 0 {
		b.remaining--
	}
	return wait
}

// update records what an answer's headers say about its bucket and the
// global limit. retryAfter is the 429's wait, when it is one.
func (l *discordLimits) update(r route, resp *http.Response, retryAfter time.Duration, global bool, now time.Time) {
	h := resp.Header
	l.mu.Lock()
	defer l.mu.Unlock()
	if name := h.Get("X-RateLimit-Bucket"); name != "" {
		l.routeBucket[r.key] = name
	}
	if resp.StatusCode == http.StatusTooManyRequests && global {
		l.globalUntil = now.Add(retryAfter)
		return
	}
	b := l.bucketLocked(r)
	if v, err := strconv.Atoi(h.Get("X-RateLimit-Remaining")); err == nil {
		b.remaining = v
	}
	if v, err := strconv.ParseFloat(h.Get("X-RateLimit-Reset-After"), 64); err == nil {
		b.reset = now.Add(seconds(v))
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		b.remaining = 0
		b.reset = now.Add(retryAfter)
	}
}

// stripRateLimitHeaders removes what discordgo's own limiter reads, so it
// never waits (this transport has already applied the limits).
func stripRateLimitHeaders(h http.Header) {
	for k := range h {
		if strings.HasPrefix(k, "X-Ratelimit-") {
			h.Del(k)
		}
	}
}
