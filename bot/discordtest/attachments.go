package discordtest

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// CDN is a fake of Discord's attachment host: files a user "uploaded" with a
// slash command are served from it, on 127.0.0.1, so a bot can download
// them. Like Discord's CDN it is a host of its own, apart from the API.
type CDN struct {
	srv  *http.Server
	base string

	mu    sync.Mutex
	files map[string][]byte // path -> data
	gets  map[string]int    // path -> downloads
	seq   int
}

// NewCDN starts a fake attachment host for one test and closes it in
// t.Cleanup.
func NewCDN(t testing.TB) *CDN {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("discordtest: cdn: %v", err)
	}
	c := &CDN{base: "http://" + ln.Addr().String(), files: map[string][]byte{}, gets: map[string]int{}}
	c.srv = &http.Server{Handler: http.HandlerFunc(c.serve), ReadHeaderTimeout: 10 * time.Second}
	go c.srv.Serve(ln) //nolint:errcheck // returns ErrServerClosed on Close
	t.Cleanup(func() { _ = c.srv.Close() })
	return c
}

// Add stores data as an uploaded file and returns the attachment as
// Discord describes it in an interaction's resolved data (id, filename,
// size, content type and URL). The size is len(data).
func (c *CDN) Add(filename, contentType string, data []byte) *discordgo.MessageAttachment {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	id := fmt.Sprintf("%d", 910000000000000000+c.seq)
	path := "/attachments/" + id + "/" + url.PathEscape(filename)
	c.files[path] = data
	return &discordgo.MessageAttachment{
		ID: id, Filename: filename, Size: len(data), ContentType: contentType,
		URL: c.base + path, ProxyURL: c.base + path,
	}
}

// Downloads is how many times the file at an attachment URL was fetched.
func (c *CDN) Downloads(attachmentURL string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gets[strings.TrimPrefix(attachmentURL, c.base)]
}

func (c *CDN) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	c.mu.Lock()
	data, ok := c.files[r.URL.EscapedPath()]
	if ok {
		c.gets[r.URL.EscapedPath()]++
	}
	c.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	_, _ = w.Write(data)
}

// WithAttachment sets the attachment-typed option (type 11) named option
// of the slash command in, and adds att to the command's resolved data, as
// Discord does when a user picks a file for the option. It returns in.
func WithAttachment(in *discordgo.Interaction, option string, att *discordgo.MessageAttachment) *discordgo.Interaction {
	d, ok := in.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok {
		return in
	}
	d.Options = append(d.Options, &discordgo.ApplicationCommandInteractionDataOption{
		Name: option, Type: discordgo.ApplicationCommandOptionAttachment, Value: att.ID,
	})
	if d.Resolved == nil {
		d.Resolved = &discordgo.ApplicationCommandInteractionDataResolved{}
	}
	if d.Resolved.Attachments == nil {
		d.Resolved.Attachments = map[string]*discordgo.MessageAttachment{}
	}
	d.Resolved.Attachments[att.ID] = att
	in.Data = d
	return in
}

// AsMember gives the member who runs in (a guild interaction) these roles
// and permission bits (for example discordgo.PermissionManageGuild). It
// returns in.
func AsMember(in *discordgo.Interaction, permissions int64, roles ...string) *discordgo.Interaction {
	if in.Member != nil {
		in.Member.Permissions = permissions
		in.Member.Roles = roles
	}
	return in
}
