package bot

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
	"paperbot/corpus/pdftext"
)

// TestE2EIngestRefusals uploads malformed files: each gets a clear
// ephemeral message, and nothing is added to the library, the index or the
// store.
func TestE2EIngestRefusals(t *testing.T) {
	t.Parallel()
	cdn := discordtest.NewCDN(t)
	c := startClassroom(t, dbPath(t), cdn, func(o *Options) { o.MaxUploadBytes = 2 << 20 })
	defer c.checkRules()

	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 0xff, 0x13, 0x07}, 400)...)
	fifty := cdn.Add("big-paper.txt", "text/plain", []byte(coralPaper))
	fifty.Size = 50 << 20 // as Discord reports a 50 MB file; never downloaded
	liar := cdn.Add("liar.txt", "text/plain", bytes.Repeat([]byte("word "), 3<<20/5+1))
	liar.Size = 1000 // metadata says small; the download limit still holds

	cases := []struct {
		name string
		att  func() *discordgo.MessageAttachment
		want string
	}{
		{"empty file", func() *discordgo.MessageAttachment { return cdn.Add("empty.txt", "text/plain", nil) }, "“empty.txt” is empty."},
		{"blank file", func() *discordgo.MessageAttachment { return cdn.Add("blank.txt", "text/plain", []byte(" \n\n ")) }, "“blank.txt” is empty."},
		{"renamed binary", func() *discordgo.MessageAttachment { return cdn.Add("notes.txt", "text/plain", png) }, "I couldn't read “notes.txt” as a paper"},
		{"binary named pdf", func() *discordgo.MessageAttachment { return cdn.Add("scan.pdf", "application/pdf", png) }, "this file is not a PDF"},
		{"50 MB file", func() *discordgo.MessageAttachment { return fifty }, "is 50.0 MB; the limit is 2.0 MB"},
		{"oversized download", func() *discordgo.MessageAttachment { return liar }, "larger than the limit of 2.0 MB"},
		{"no text layer", func() *discordgo.MessageAttachment {
			return cdn.Add("scanned.pdf", "application/pdf", pdftext.MakePDF([][]string{{}, {}}))
		}, noTextLayer()},
		{"no references", func() *discordgo.MessageAttachment {
			return cdn.Add("essay.txt", "text/plain", []byte("An essay\n\nJust prose, no references at all.\n"))
		}, "no references heading"},
		{"word document", func() *discordgo.MessageAttachment {
			return cdn.Add("paper.docx", "application/msword", []byte("PK\x03\x04"))
		}, "is not a .txt or .pdf file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := c.upload(tc.att())
			text := ephemeralText(t, st)
			if !strings.Contains(text, tc.want) {
				t.Fatalf("got %q, want it to contain %q", text, tc.want)
			}
			for _, f := range st.Followups {
				if !f.Ephemeral() {
					t.Fatalf("a refused upload was announced: %q", f.Content)
				}
			}
		})
	}
	if n := cdn.Downloads(fifty.URL); n != 0 {
		t.Errorf("the 50 MB file was downloaded %d times", n)
	}
	ups, err := c.st.UploadedPapers(context.Background())
	if err != nil || len(ups) != 0 {
		t.Fatalf("stored uploads after refusals: %+v, %v", ups, err)
	}
	st := c.as(alice, channelA, "paper", map[string]any{"list": map[string]any{}}, 0)
	if title := st.Original.Embeds[0].Title; title != "Papers (1)" {
		t.Fatalf("library after refusals: %q", title)
	}

	// Students cannot upload; a duplicate id is refused after the first.
	in := discordtest.AsMember(discordtest.SlashCommand("ingest", nil, alice, channelA, ""), 0)
	_, st = c.inject(discordtest.WithAttachment(in, "file", cdn.Add("coral.txt", "text/plain", []byte(coralPaper))))
	if text := ephemeralText(t, st); !strings.Contains(text, "Only instructors") {
		t.Fatalf("student upload: %s", text)
	}
	if text := ephemeralText(t, c.upload(cdn.Add("coral.txt", "text/plain", []byte(coralPaper)))); !strings.Contains(text, "Added") {
		t.Fatalf("upload: %s", text)
	}
	if text := ephemeralText(t, c.upload(cdn.Add("coral.txt", "text/plain", []byte(coralPaper)))); !strings.Contains(text, "already loaded") {
		t.Fatalf("duplicate upload: %s", text)
	}
}

// noTextLayer is what a text-less PDF upload says: that it has no text
// layer, or, where pdftotext is not installed, that PDF support needs it.
func noTextLayer() string {
	if !pdftext.Available() {
		return "PDF support needs pdftotext"
	}
	return "no text layer"
}
