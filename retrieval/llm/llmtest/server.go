// Package llmtest is a fake OpenAI-compatible API for tests: an httptest
// server on 127.0.0.1 that streams chat completions as Server-Sent Events
// exactly like OpenAI (role chunk, content chunks, finish chunk, usage chunk,
// "data: [DONE]"), answers non-streaming requests, and serves deterministic
// embeddings. Each chat request takes the next scripted Response (or the
// default responder's), and every request is recorded for assertions.
package llmtest

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Usage is the token usage a response reports.
type Usage struct {
	PromptTokens     int
	CompletionTokens int
}

// Response scripts one chat completion.
type Response struct {
	// Chunks are the content pieces, streamed one per event (concatenated
	// for a non-streaming request).
	Chunks []string
	// FinishReason defaults to "stop".
	FinishReason string
	// Usage is reported when the client asked for it (stream_options.
	// include_usage, or always when not streaming). nil means counted from
	// the request (characters ÷ 4).
	Usage *Usage
	// OmitUsage sends no usage chunk even when asked, like some local servers.
	OmitUsage bool
	// Status, when not 0 or 200, answers with this HTTP status and an
	// OpenAI-style JSON error body instead of a completion.
	Status int
	// RetryAfter is sent as the Retry-After header (with an error Status).
	RetryAfter string
	// StopAfter > 0 ends the stream cleanly after that many content chunks,
	// with no finish reason and no [DONE]; < 0 ends it right after the role
	// chunk.
	StopAfter int
	// StallAfter > 0 goes silent after that many content chunks until the
	// client hangs up; < 0 goes silent right after the role chunk.
	StallAfter int
	// Delay waits before the response headers are sent.
	Delay time.Duration
	// ChunkDelay waits before each content chunk.
	ChunkDelay time.Duration
	// Sent, if set, is called right after each content chunk is flushed,
	// with its index and the time taken just before it was written (so a
	// latency measured from it to what the client saw is never negative).
	Sent func(chunk int, at time.Time)
}

// Request is one recorded API request.
type Request struct {
	Path   string
	Header http.Header
	At     time.Time
	// Chat requests:
	Model               string
	Messages            []openai.ChatCompletionMessage
	MaxTokens           int
	MaxCompletionTokens int
	Stream              bool
	IncludeUsage        bool
	// Embedding requests:
	Inputs []string
}

// Server is the fake API.
type Server struct {
	t   testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	queue    []Response
	embedQ   []Response
	respond  func(Request) Response
	requests []Request
	dims     int
	stop     chan struct{} // closed on Close, releases stalled streams
}

// New starts a fake API on 127.0.0.1, closed when the test ends.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{t: t, dims: 64, stop: make(chan struct{}), respond: DefaultResponder}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", s.handleChat)
	mux.HandleFunc("POST /v1/embeddings", s.handleEmbeddings)
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// URL is the API base URL, ending in "/v1".
func (s *Server) URL() string { return s.srv.URL + "/v1" }

// Close releases stalled streams and shuts the server down. It is safe to
// call more than once.
func (s *Server) Close() {
	s.mu.Lock()
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// Enqueue scripts the next chat responses, in order.
func (s *Server) Enqueue(rs ...Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, rs...)
}

// EnqueueEmbeddings scripts the next embedding responses (only Status,
// RetryAfter and Delay apply); when none is queued, embeddings succeed.
func (s *Server) EnqueueEmbeddings(rs ...Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.embedQ = append(s.embedQ, rs...)
}

// SetDefault sets the responder used when the queue is empty.
func (s *Server) SetDefault(f func(Request) Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.respond = f
}

// SetDimensions sets the embedding vector length (default 64) used when a
// request does not ask for one.
func (s *Server) SetDimensions(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dims = n
}

// Requests returns a copy of the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// ChatRequests returns only the chat completion requests.
func (s *Server) ChatRequests() []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Path == "/v1/chat/completions" {
			out = append(out, r)
		}
	}
	return out
}

// DefaultResponder answers every question with one short cited sentence.
func DefaultResponder(Request) Response {
	return Response{Chunks: []string{"The paper", " says", " so", " [1]."}}
}

// recordEmbedding stores an embedding request and picks its response.
func (s *Server) recordEmbedding(r Request) Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
	if len(s.embedQ) > 0 {
		resp := s.embedQ[0]
		s.embedQ = s.embedQ[1:]
		return resp
	}
	return Response{}
}

// record stores a chat request and picks its response.
func (s *Server) record(r Request) Response {
	s.mu.Lock()
	s.requests = append(s.requests, r)
	if len(s.queue) > 0 {
		resp := s.queue[0]
		s.queue = s.queue[1:]
		s.mu.Unlock()
		return resp
	}
	respond := s.respond
	s.mu.Unlock()
	return respond(r) // outside the lock: it may call Requests
}
