package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/corpus"
	"paperbot/corpus/pdftext"
	"paperbot/internal/store"
	"paperbot/retrieval/answer"
)

// DefaultMaxUploadBytes is the /ingest size cap when Options.MaxUploadBytes
// is 0.
const DefaultMaxUploadBytes = 10 << 20

// downloadTimeout bounds the download of an uploaded file.
const downloadTimeout = 30 * time.Second

// ingestTimeout bounds a whole /ingest (download, PDF extraction,
// indexing), well inside the 15-minute interaction token.
const ingestTimeout = 5 * time.Minute

// uploadError is a problem with an uploaded file, worded for the
// instructor.
type uploadError struct{ msg string }

func (e *uploadError) Error() string { return e.msg }

func uploadErrf(format string, args ...any) error {
	return &uploadError{msg: fmt.Sprintf(format, args...)}
}

// maxUpload is the /ingest size cap.
func (b *Bot) maxUpload() int64 {
	if b.opt.MaxUploadBytes > 0 {
		return b.opt.MaxUploadBytes
	}
	return DefaultMaxUploadBytes
}

// cmdIngest answers /ingest file:<attachment> (instructors only): the file
// is checked, downloaded, read (corpus.ParsePDF for a PDF), indexed and
// stored, then announced in the channel. Reader anomalies are shown to the
// instructor only. Any failure leaves nothing behind.
func (b *Bot) cmdIngest(r *reply, data discordgo.ApplicationCommandInteractionData) {
	switch {
	case b.opt.Store == nil:
		r.fail(msgNoStore)
		return
	case !r.isInstructor():
		r.fail(msgInstructor)
		return
	case b.closing.Load():
		r.fail(msgRestarting)
		return
	}
	att := attachmentOption(data, "file")
	if att == nil {
		r.fail("Attach the paper as a .txt or .pdf file: `/ingest file:<your file>`.")
		return
	}
	if err := checkAttachment(att, b.maxUpload()); err != nil {
		r.fail(err.Error())
		return
	}
	b.work.Add(1)
	defer b.work.Done()
	if err := r.deferMessage(true); err != nil {
		b.log.Error("defer /ingest", "err", redactErr(err))
		return
	}
	ctx, cancel := context.WithTimeout(b.workCtx, ingestTimeout)
	defer cancel()
	p, up, err := b.readUpload(ctx, att)
	if err != nil {
		b.failIngest(r, att.Filename, err)
		return
	}
	up.UploaderID, up.UploadedAt = r.userID(), time.Now()
	b.paperMu.Lock()
	err = b.opt.Engine.AddPaper(ctx, p, func(ctx context.Context) error { return b.opt.Store.SaveUploadedPaper(ctx, up) })
	b.paperMu.Unlock()
	if err != nil {
		b.failIngest(r, att.Filename, err)
		return
	}
	b.log.Info("paper uploaded", "paper", p.ID, "file", att.Filename, "by", r.userID(), "references", len(p.References), "anomalies", len(p.Anomalies))
	if err := r.edit(ctx, ingestReport(p), []discordgo.MessageComponent{}, []*discordgo.MessageEmbed{}); err != nil {
		b.log.Error("report /ingest", "err", redactErr(err))
	}
	if _, err := r.followup(ctx, ingestAnnouncement(p), false, nil); err != nil {
		b.log.Error("announce uploaded paper", "err", redactErr(err))
	}
}

// failIngest reports why an upload was refused: the file's own problem as
// is, anything else as a generic error (logged).
func (b *Bot) failIngest(r *reply, name string, err error) {
	var ue *uploadError
	var re *corpus.ReadError
	switch {
	case errors.As(err, &ue):
		r.fail(ue.msg)
	case errors.Is(err, pdftext.ErrNotPDF), errors.Is(err, pdftext.ErrNoTextLayer), errors.Is(err, pdftext.ErrNoTool):
		// Before *corpus.ReadError, which wraps these for a PDF.
		r.fail(fmt.Sprintf("I couldn't read %s: %s", quoteName(name), pdfMessage(err)))
	case errors.As(err, &re):
		r.fail(fmt.Sprintf("I couldn't read %s as a paper: %s", quoteName(name), strings.TrimPrefix(re.Error(), re.Name+": ")))
	default:
		if msg, ok := answer.IsUserError(err); ok {
			r.fail(msg)
			return
		}
		b.log.Error("ingest", "file", name, "err", err)
		r.fail("Sorry, I couldn't add that paper because of a problem on my side; nothing was added. Please try again in a moment.")
	}
}

// pdfMessage is the sentinel's own sentence.
func pdfMessage(err error) string {
	for _, s := range []error{pdftext.ErrNotPDF, pdftext.ErrNoTextLayer, pdftext.ErrNoTool} {
		if errors.Is(err, s) {
			return s.Error()
		}
	}
	return err.Error()
}

func quoteName(name string) string {
	return "“" + mdEscape(truncate(oneLine(name), 100)) + "”"
}

// attachmentOption is the attachment chosen for an attachment option.
func attachmentOption(data discordgo.ApplicationCommandInteractionData, name string) *discordgo.MessageAttachment {
	_, opts := subcommand(data)
	id := optString(opts, name)
	if id == "" || data.Resolved == nil {
		return nil
	}
	return data.Resolved.Attachments[id]
}

// checkAttachment checks what Discord says about a file before it is
// downloaded: a .txt or .pdf name, not empty, not over the cap.
func checkAttachment(att *discordgo.MessageAttachment, maxBytes int64) error {
	ext := strings.ToLower(filepath.Ext(att.Filename))
	if ext != ".txt" && ext != ".pdf" {
		return uploadErrf("%s is not a .txt or .pdf file. Upload the paper as plain text (.txt) or as a PDF with selectable text.", quoteName(att.Filename))
	}
	if att.Size == 0 {
		return uploadErrf("%s is empty.", quoteName(att.Filename))
	}
	if int64(att.Size) > maxBytes {
		return uploadErrf("%s is %s; the limit is %s. Upload only the paper's text, or a smaller PDF.", quoteName(att.Filename), humanBytes(int64(att.Size)), humanBytes(maxBytes))
	}
	if att.URL == "" {
		return uploadErrf("Discord didn't give me a link to %s. Please try the upload again.", quoteName(att.Filename))
	}
	return nil
}

// readUpload downloads and reads an uploaded file into a parsed paper and
// the form it is stored in: a text file's text, or a PDF's bytes (read with
// corpus.ParsePDF, as the library directory reads a .pdf; the bytes are
// kept so a restart reads the paper the same way).
func (b *Bot) readUpload(ctx context.Context, att *discordgo.MessageAttachment) (*corpus.Paper, store.UploadedPaper, error) {
	up := store.UploadedPaper{FileName: att.Filename}
	data, err := b.download(ctx, att.URL, b.maxUpload())
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return nil, up, uploadErrf("%s is larger than the limit of %s. Upload only the paper's text, or a smaller PDF.", quoteName(att.Filename), humanBytes(b.maxUpload()))
		}
		return nil, up, uploadErrf("I couldn't download %s from Discord (%v). Please try again.", quoteName(att.Filename), shortErr(err))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, up, uploadErrf("%s is empty.", quoteName(att.Filename))
	}
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		// A PDF is read as one whatever its name says.
		up.PDF = data
	case strings.EqualFold(filepath.Ext(att.Filename), ".pdf"):
		return nil, up, pdftext.ErrNotPDF
	default:
		up.Text = string(data)
	}
	p, err := parseUpload(ctx, up)
	if err != nil {
		return nil, up, err
	}
	up.ID = p.ID
	return p, up, nil
}

// parseUpload reads an uploaded paper as stored: a PDF with the full PDF
// reader, a text file with the text reader.
func parseUpload(ctx context.Context, up store.UploadedPaper) (*corpus.Paper, error) {
	if len(up.PDF) > 0 {
		return corpus.ParsePDF(ctx, uploadName(up.FileName, ".pdf"), up.PDF)
	}
	return corpus.Parse(uploadName(up.FileName, ".txt"), []byte(up.Text))
}

// errTooLarge means a download exceeded its limit.
var errTooLarge = errors.New("file too large")

// download fetches url with a timeout, reading at most maxBytes.
func (b *Bot) download(ctx context.Context, url string, maxBytes int64) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	client := b.opt.DownloadClient
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	if resp.ContentLength > maxBytes {
		return nil, errTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxBytes {
		return nil, errTooLarge
	}
	return data, nil
}

// shortErr is an error's text without URLs (which may carry signed query
// strings), for messages.
func shortErr(err error) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return "it took too long"
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return truncate(msg, 120)
}

// humanBytes renders a size: "512 bytes", "3.2 KB", "50.0 MB".
func humanBytes(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
}

// ingestReport is what the instructor sees (ephemerally) after an upload:
// what was read (title, authors, sections, references) and the reader's
// notes, so a bad reading is caught before students rely on it.
func ingestReport(p *corpus.Paper) string {
	var b strings.Builder
	title := oneLine(p.Title)
	if title == "" {
		title = "(no title found)"
	}
	fmt.Fprintf(&b, "✅ Added **%s** as `%s`.\n", mdEscape(truncate(title, 300)), p.ID)
	if len(p.Authors) > 0 {
		fmt.Fprintf(&b, "**Authors:** %s\n", mdEscape(truncate(strings.Join(p.Authors, ", "), 300)))
	} else {
		b.WriteString("**Authors:** none found\n")
	}
	fmt.Fprintf(&b, "**Read:** %s, %s", plural(len(p.Sections), "section"), plural(len(p.References), "reference"))
	if strings.TrimSpace(p.Abstract) == "" {
		b.WriteString(". ⚠️ I found no abstract, so /summary will have little to say")
	}
	b.WriteString(".\n")
	if len(p.Anomalies) == 0 {
		b.WriteString("The reader found nothing unusual.")
	} else {
		fmt.Fprintf(&b, "**Reader notes** (%d):\n", len(p.Anomalies))
		for i, a := range p.Anomalies {
			if i == 10 {
				fmt.Fprintf(&b, "- …and %d more\n", len(p.Anomalies)-10)
				break
			}
			b.WriteString("- " + safe(truncate(oneLine(a), 150)) + "\n")
		}
	}
	fmt.Fprintf(&b, "\nUse `/class paper id:%s` in a channel to study it there.", p.ID)
	return Neutralize(truncate(b.String(), MaxContent))
}

// ingestAnnouncement is the public note that a paper was added.
func ingestAnnouncement(p *corpus.Paper) string {
	msg := fmt.Sprintf("📄 New paper available: **%s** (`%s`, %s). See /paper list.",
		mdEscape(oneLine(p.Title)), p.ID, plural(len(p.References), "reference"))
	return Neutralize(truncate(msg, MaxContent))
}
