package discordtest

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"paperbot/internal/discord"
)

// handler serves one REST route; p holds the path segments matched by "*".
type handler func(w http.ResponseWriter, r *http.Request, p []string)

type route struct {
	method  string // "GET", or several joined by "|"
	pattern string // segments, "*" matches one
	noAuth  bool   // authenticated by an interaction token instead
	h       handler
}

func (s *Server) routes() []route {
	return []route{
		{"GET", "gateway", true, s.getGateway},
		{"GET", "gateway/bot", false, s.getGateway},
		{"GET", "users/@me", false, s.getMe},
		{"GET", "users/*", false, s.getUser},
		{"POST", "users/@me/channels", false, s.createDM},
		{"GET", "oauth2/applications/@me", false, s.getApplication},
		{"GET", "applications/@me", false, s.getApplication},
		{"GET|PUT|POST", "applications/*/commands", false, s.commandsRoute},
		{"GET|PATCH|DELETE", "applications/*/commands/*", false, s.commandRoute},
		{"GET|PUT|POST", "applications/*/guilds/*/commands", false, s.commandsRoute},
		{"GET|PATCH|DELETE", "applications/*/guilds/*/commands/*", false, s.commandRoute},
		{"POST", "interactions/*/*/callback", true, s.interactionCallback},
		{"GET|PATCH|DELETE", "webhooks/*/*/messages/*", true, s.webhookMessage},
		{"POST", "webhooks/*/*", true, s.webhookExecute},
		{"GET", "channels/*", false, s.getChannel},
		{"GET", "channels/*/messages", false, s.listChannelMessages},
		{"POST", "channels/*/messages", false, s.createChannelMessage},
		{"GET|PATCH|DELETE", "channels/*/messages/*", false, s.channelMessage},
		{"POST", "channels/*/typing", false, s.typingRoute},
		{"PUT|DELETE", "channels/*/messages/*/reactions/*/@me", false, s.reactionRoute},
		{"GET", "guilds/*", false, s.getGuild},
		{"GET", "guilds/*/channels", false, s.getGuildChannels},
		{"GET", "guilds/*/members/*", false, s.getMember},
	}
}

// apiPath strips /api/, /api/v9/ or /api/v10/ and splits the rest.
func apiPath(escaped string) ([]string, bool) {
	rest, ok := strings.CutPrefix(escaped, "/api/")
	if !ok {
		return nil, false
	}
	if v, after, found := strings.Cut(rest, "/"); found && (v == "v9" || v == "v10") {
		rest = after
	}
	rest = strings.Trim(rest, "/")
	var segs []string
	for _, p := range strings.Split(rest, "/") {
		if p == "" {
			continue // discordgo builds a few URLs with "//"
		}
		u, err := url.PathUnescape(p)
		if err != nil {
			return nil, false
		}
		segs = append(segs, u)
	}
	return segs, true
}

func match(pattern string, segs []string) ([]string, bool) {
	parts := strings.Split(pattern, "/")
	if len(parts) != len(segs) {
		return nil, false
	}
	var params []string
	for i, p := range parts {
		switch {
		case p == "*":
			params = append(params, segs[i])
		case p != segs[i]:
			return nil, false
		}
	}
	return params, true
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// ServeHTTP serves the gateway websocket and the REST API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/gateway-ws" || r.URL.Path == "/gateway-ws/" {
		s.serveGateway(w, r)
		return
	}
	if rest, ok := strings.CutPrefix(r.URL.Path, "/attachments/"); ok {
		s.serveAttachment(w, rest)
		return
	}
	sw := &statusWriter{ResponseWriter: w}
	segs, ok := apiPath(r.URL.EscapedPath())
	rel := "/" + strings.Join(segs, "/")
	defer func() {
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		s.mu.Lock()
		s.requests = append(s.requests, Request{Method: r.Method, Path: rel, Status: sw.status, At: time.Now()})
		s.changedLocked()
		s.mu.Unlock()
	}()
	if !ok {
		writeError(sw, http.StatusNotFound, 0, "404: Not Found")
		return
	}
	s.mu.Lock()
	lat := s.latency
	s.mu.Unlock()
	if lat > 0 {
		time.Sleep(lat)
	}
	var found *route
	var params []string
	methodOK := false
	for _, rt := range s.routes() {
		p, ok := match(rt.pattern, segs)
		if !ok {
			continue
		}
		found = &rt
		if strings.Contains("|"+rt.method+"|", "|"+r.Method+"|") {
			params, methodOK = p, true
			break
		}
	}
	bucket := bucketFor(r.Method, segs)
	if f := s.takeFault(r.Method, rel); f != nil {
		f.write(sw, bucket)
		return
	}
	rateHeaders(sw.Header(), bucket)
	switch {
	case found == nil:
		writeError(sw, http.StatusNotFound, 0, "404: Not Found")
		return
	case !methodOK:
		writeError(sw, http.StatusMethodNotAllowed, 0, "405: Method Not Allowed")
		return
	}
	if !s.authOK(r, found.noAuth) {
		writeError(sw, http.StatusUnauthorized, 0, "401: Unauthorized")
		return
	}
	found.h(sw, r, params)
}

// authOK checks the Authorization header ("Bot <token>").
func (s *Server) authOK(r *http.Request, noAuth bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rejectToken {
		return false
	}
	if noAuth {
		return true
	}
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bot ")
	return ok && s.tokenOKLocked(tok)
}

// tokenOKLocked checks a bot token with or without its "Bot " prefix.
func (s *Server) tokenOKLocked(tok string) bool {
	tok = strings.TrimPrefix(tok, "Bot ")
	if tok == "" || s.rejectToken {
		return false
	}
	return s.cfg.token == "" || tok == strings.TrimPrefix(s.cfg.token, "Bot ")
}

// bucketFor names a rate-limit bucket after the route's major parameters.
func bucketFor(method string, segs []string) string {
	h := fnv.New64a()
	fmt.Fprint(h, method)
	for i, s := range segs {
		if i > 1 && discord.IsDigits(s) && len(segs) > 0 && segs[0] != "channels" {
			s = "id"
		}
		fmt.Fprint(h, "/", s)
	}
	return strconv.FormatUint(h.Sum64(), 16)
}

// rateHeaders sets generous X-RateLimit headers so discordgo's limiter
// works as in production but never has to wait.
func rateHeaders(h http.Header, bucket string) {
	h.Set("X-RateLimit-Limit", "50")
	h.Set("X-RateLimit-Remaining", "49")
	h.Set("X-RateLimit-Reset", fmt.Sprintf("%.3f", float64(time.Now().Add(time.Second).UnixMilli())/1000))
	h.Set("X-RateLimit-Reset-After", "1.000")
	h.Set("X-RateLimit-Bucket", bucket)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, map[string]any{"message": msg, "code": code})
}

func writeFormError(w http.ResponseWriter, errs []fieldErr) {
	writeJSON(w, http.StatusBadRequest, map[string]any{
		"message": "Invalid Form Body", "code": 50035, "errors": formErrors(errs),
	})
}

// readPatchBody reads the body of a PATCH (an edit) as readBody does;
// other methods (GET, DELETE) have none.
func readPatchBody(r *http.Request) ([]byte, []File, error) {
	if r.Method != http.MethodPatch {
		return nil, nil, nil
	}
	return readBody(r)
}

// readBody returns the JSON body (payload_json for multipart requests) and
// any uploaded files, in files[n] order.
func readBody(r *http.Request) ([]byte, []File, error) {
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		b, err := io.ReadAll(io.LimitReader(r.Body, 32<<20))
		return b, nil, err
	}
	if params["boundary"] == "" {
		return nil, nil, fmt.Errorf("multipart body without boundary")
	}
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		return nil, nil, fmt.Errorf("parse multipart: %w", err)
	}
	var payload []byte
	if v := r.MultipartForm.Value["payload_json"]; len(v) > 0 {
		payload = []byte(v[0])
	}
	var keys []string
	for k := range r.MultipartForm.File {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return fileIndex(keys[i]) < fileIndex(keys[j]) })
	var files []File
	for _, k := range keys {
		for _, fh := range r.MultipartForm.File[k] {
			f, err := fh.Open()
			if err != nil {
				return nil, nil, err
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return nil, nil, err
			}
			files = append(files, File{Name: fh.Filename, ContentType: fh.Header.Get("Content-Type"), Data: data})
		}
	}
	return payload, files, nil
}

func fileIndex(key string) int {
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(key, "files["), "]"))
	if err != nil {
		return 1 << 30
	}
	return n
}

// serveAttachment serves a file the bot uploaded, at the URL its message's
// attachments list: /attachments/{message id}/{file name}.
func (s *Server) serveAttachment(w http.ResponseWriter, rest string) {
	id, name, _ := strings.Cut(rest, "/")
	s.mu.Lock()
	var data []byte
	var ctype string
	found := false
	if m := s.msgByID[id]; m != nil {
		for _, f := range m.Files {
			if f.Name == name {
				data, ctype, found = f.Data, f.ContentType, true
			}
		}
	}
	s.mu.Unlock()
	if !found {
		http.NotFound(w, nil)
		return
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	_, _ = w.Write(data)
}
