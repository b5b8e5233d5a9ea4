package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/corpus"
	"paperbot/corpus/pdftext"
	class "paperbot/internal/classroom"
	"paperbot/retrieval/answer"
)

// DefaultMaxUploadBytes is the /ingest size cap when Options.MaxUploadBytes
// is 0.
const DefaultMaxUploadBytes = class.DefaultMaxUploadBytes

// ingestTimeout bounds a whole /ingest (download, PDF extraction,
// indexing), well inside the 15-minute interaction token.
const ingestTimeout = 5 * time.Minute

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
	if err := checkAttachment(att, b.room.Ingest.Limit()); err != nil {
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
	p, err := b.room.Ingest.Add(ctx, upload(att), r.userID())
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
	var ue *class.UploadError
	var re *corpus.ReadError
	switch {
	case errors.As(err, &ue):
		r.fail(uploadMessage(ue))
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

// upload describes an attachment for the classroom service.
func upload(att *discordgo.MessageAttachment) class.Upload {
	return class.Upload{FileName: att.Filename, Size: int64(att.Size), URL: att.URL}
}

// checkAttachment checks what Discord says about a file before it is
// downloaded (class.CheckUpload); the error is worded for the instructor.
func checkAttachment(att *discordgo.MessageAttachment, maxBytes int64) error {
	var ue *class.UploadError
	if err := class.CheckUpload(upload(att), maxBytes); errors.As(err, &ue) {
		return errors.New(uploadMessage(ue))
	}
	return nil
}

// uploadMessage words an upload's problem for the instructor.
func uploadMessage(e *class.UploadError) string {
	name := quoteName(e.FileName)
	switch e.Problem {
	case class.NotPaperFile:
		return fmt.Sprintf("%s is not a .txt or .pdf file. Upload the paper as plain text (.txt) or as a PDF with selectable text.", name)
	case class.EmptyFile:
		return fmt.Sprintf("%s is empty.", name)
	case class.TooLarge:
		if e.Size > 0 {
			return fmt.Sprintf("%s is %s; the limit is %s. Upload only the paper's text, or a smaller PDF.", name, class.HumanBytes(e.Size), class.HumanBytes(e.Limit))
		}
		return fmt.Sprintf("%s is larger than the limit of %s. Upload only the paper's text, or a smaller PDF.", name, class.HumanBytes(e.Limit))
	case class.NoLink:
		return fmt.Sprintf("Discord didn't give me a link to %s. Please try the upload again.", name)
	default:
		return fmt.Sprintf("I couldn't download %s from Discord (%v). Please try again.", name, shortErr(e.Err))
	}
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
