package retrieval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The index on disk is a small manifest at Options.Path (JSON) and one
// segment file per paper in the directory Options.Path + ".d". The
// manifest names each paper's segment, its paperHash and its passage
// count, so opening an index reads only the manifest. A segment's name
// carries the paper's hash: a changed paper gets a new file, and the
// manifest is replaced atomically after it is written, so a reader always
// sees a manifest whose segments were complete when it was written.
const (
	manifestFormat  = "paperbot-index-manifest"
	manifestVersion = 1
)

// manifest is the index's table of contents.
type manifest struct {
	Format     string          `json:"format"`
	Version    int             `json:"version"`
	EmbedderID string          `json:"embedder"`
	Dim        int             `json:"dim"`
	Papers     []manifestPaper `json:"papers"`
}

// manifestPaper is one paper's entry, in the order papers were added.
type manifestPaper struct {
	ID       string `json:"id"`
	Segment  string `json:"segment"` // file name in the segment directory
	Hash     string `json:"hash"`    // paperHash of its passages
	Passages int    `json:"passages"`
}

// segmentDir is the directory holding an index's segment files.
func segmentDir(path string) string { return path + ".d" }

// segmentName is the file name of a paper's segment with this hash: the
// id made safe for a file name, and the hash (ids are unique, so are names).
func segmentName(paperID, hash string) string {
	safe := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, paperID)
	if len(safe) > 80 {
		safe = safe[:80]
	}
	return safe + "-" + hashOf(paperID)[:8] + "-" + hash[:min(16, len(hash))] + ".seg"
}

// hashOf is a short content hash of s (hex).
func hashOf(s string) string { return contentHash("", s) }

// isManifest reports whether data starts like a manifest.
func isManifest(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 64)], []byte(`"`+manifestFormat+`"`))
}

// decodeManifest checks and decodes a manifest's bytes.
func decodeManifest(data []byte) (*manifest, error) {
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	if m.Format != manifestFormat || m.Version != manifestVersion {
		return nil, fmt.Errorf("manifest: format %q version %d, want %q %d", m.Format, m.Version, manifestFormat, manifestVersion)
	}
	seen := map[string]bool{}
	for _, p := range m.Papers {
		if p.ID == "" || seen[p.ID] || p.Passages <= 0 || p.Hash == "" ||
			p.Segment == "" || filepath.Base(p.Segment) != p.Segment || strings.HasPrefix(p.Segment, ".") {
			return nil, fmt.Errorf("manifest: bad entry for paper %q", p.ID)
		}
		seen[p.ID] = true
	}
	return &m, nil
}

// encodeManifest serialises m, one paper per line (readable and diffable).
func encodeManifest(m *manifest) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\"format\":%q,\"version\":%d,\"embedder\":%s,\"dim\":%d,\"papers\":[", m.Format, m.Version, jsonString(m.EmbedderID), m.Dim)
	for i, p := range m.Papers {
		if i > 0 {
			b.WriteByte(',')
		}
		line, _ := json.Marshal(p)
		b.WriteString("\n")
		b.Write(line)
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// readFile reads a file, for segments (a variable so tests can count reads).
var readFile = os.ReadFile
