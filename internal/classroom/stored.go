package classroom

import (
	"context"

	"paperbot/internal/store"
)

// LoadStored adds every stored upload the shelf does not have yet (at
// start, and when a notification says papers may have been missed).
func (in *Ingest) LoadStored(ctx context.Context) {
	ups, err := in.st.UploadedPapers(ctx)
	if err != nil {
		in.opt.Logger.Error("load uploaded papers", "err", err)
		return
	}
	for _, up := range ups {
		in.addStored(ctx, up)
	}
}

// Sync handles a paper notification: a paper saved by this or another
// process is added when missing; "" reloads the whole list.
func (in *Ingest) Sync(ctx context.Context, id string) {
	if id == "" {
		in.LoadStored(ctx)
		return
	}
	if in.shelf.HasPaper(id) {
		return
	}
	ups, err := in.st.UploadedPapers(ctx)
	if err != nil {
		in.opt.Logger.Error("read uploaded papers", "err", err)
		return
	}
	for _, up := range ups {
		if up.ID == id {
			in.addStored(ctx, up)
			return
		}
	}
	// Not stored: deleted, or an upload that was rolled back.
}

// addStored parses and adds one stored upload unless the shelf has it.
func (in *Ingest) addStored(ctx context.Context, up store.UploadedPaper) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.shelf.HasPaper(up.ID) {
		return
	}
	p, err := ParseUpload(ctx, up)
	if err != nil {
		in.opt.Logger.Error("uploaded paper no longer parses; skipping it", "paper", up.ID, "err", err)
		return
	}
	p.ID = up.ID
	if err := in.shelf.AddPaper(ctx, p, nil); err != nil {
		in.opt.Logger.Error("add uploaded paper", "paper", up.ID, "err", err)
		return
	}
	in.opt.Logger.Info("uploaded paper loaded", "paper", up.ID)
}
