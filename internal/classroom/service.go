package classroom

import (
	"log/slog"
	"net/http"
	"time"

	"paperbot/internal/store"
)

// Store is all the state the classroom keeps for a front end with a
// database: each channel's paper, uploaded papers, quizzes, feedback,
// pinned answers and cited references. *store.SQLite and *store.Postgres
// satisfy it.
type Store interface {
	store.ChannelPapers
	store.Papers
	store.Quizzes
	store.Feedback
	store.Pins
	store.Citations
}

var (
	_ Store = (*store.SQLite)(nil)
	_ Store = (*store.Postgres)(nil)
)

// Engine is what the classroom needs from the answering engine
// (*answer.Engine is one): papers by id, their references, and the shelf
// uploads are added to.
type Engine interface {
	Library
	RefLister
	Shelf
}

// Options configure a Service; every field is optional.
type Options struct {
	Now            func() time.Time // the clock; nil = time.Now
	Logger         *slog.Logger     // nil = slog.Default()
	DownloadClient *http.Client     // fetches uploads; nil = http.DefaultClient
	MaxUploadBytes int64            // 0 = DefaultMaxUploadBytes
}

// Service is the whole classroom over one store, as the bot uses it; a
// front end without a database uses the parts it needs over Memory.
type Service struct {
	Channels       *Channels
	Quizzes        *Quizzes
	Bibliographies *Bibliographies
	Feedback       *Feedback
	Pins           *Pins
	Ingest         *Ingest
}

// New is the classroom over st and eng.
func New(st Store, eng Engine, opt Options) *Service {
	return &Service{
		Channels:       NewChannels(st),
		Quizzes:        NewQuizzes(st, opt.Now),
		Bibliographies: NewBibliographies(st, eng),
		Feedback:       NewFeedback(st, opt.Now),
		Pins:           NewPins(st, eng, opt.Now, opt.Logger),
		Ingest: NewIngest(st, eng, IngestOptions{
			Client: opt.DownloadClient, MaxBytes: opt.MaxUploadBytes, Now: opt.Now, Logger: opt.Logger}),
	}
}
