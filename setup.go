package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"paperbot/config"
	"paperbot/corpus"
	"paperbot/retrieval"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/llm"
)

// engineSource says which papers an engine answers about and how.
type engineSource struct {
	PaperFile string         // --paper FILE: just this paper, in-memory index
	CorpusDir string         // --corpus DIR: overrides CORPUS_DIR
	Mode      retrieval.Mode // ranking ("" = hybrid)
	Offline   bool           // never call a language model
	// Progress, when set, is told how many passages are embedded so far.
	Progress func(done, total int)
	// Strict fails when the embeddings API fails, instead of falling back
	// to the offline embedder (paperbot index).
	Strict bool
	// CheckAll compares every paper with the index now (paperbot index);
	// otherwise a paper the index already holds is compared on the first
	// question about it, so a start does not read the whole index.
	CheckAll bool
	// Options are passed to answer.New (Budget, Pins, ...); K, Generator,
	// Logger and Mode are filled in when zero.
	Options answer.Options
}

// indexStats says what building the index did.
type indexStats struct {
	Papers, Passages, Embedded int
	Path                       string // "" for an in-memory index
	Saved                      bool
}

// buildEngineWith loads the papers (CORPUS_DIR, or the embedded default
// paper), opens the persisted index (built on first use, refreshed when
// papers changed), and wires the language model when CHAT_MODEL is
// configured. opt carries engine options the caller owns, such as a token
// Budget and instructors' Pins (serve wires them from its store); its zero
// fields are filled in. The engine holds no resources to release (the
// index lives in memory; its file is written when built).
func buildEngineWith(ctx context.Context, cfg config.Config, logger *slog.Logger, opt answer.Options) (*answer.Engine, error) {
	eng, _, err := buildEngineFrom(ctx, cfg, logger, engineSource{Options: opt})
	return eng, err
}

// buildEngineFrom is buildEngine with explicit sources and options.
func buildEngineFrom(ctx context.Context, cfg config.Config, logger *slog.Logger, src engineSource) (*answer.Engine, indexStats, error) {
	if logger == nil {
		logger = slog.Default()
	}
	var st indexStats
	lib, persist, err := loadLibrary(cfg, src, logger)
	if err != nil {
		return nil, st, err
	}
	ix, st, err := openIndex(ctx, cfg, logger, lib, persist, src)
	if err != nil {
		return nil, st, err
	}
	opt := src.Options
	opt.Logger = cmp.Or(opt.Logger, logger)
	if opt.Mode == "" {
		opt.Mode = src.Mode
	}
	if opt.Generator == nil && !src.Offline && cfg.ModelEnabled() {
		opt.Generator = llm.New(llm.Options{
			BaseURL:        cfg.OpenAIBaseURL,
			APIKey:         cfg.OpenAIAPIKey,
			Model:          cfg.ChatModel,
			MaxTokens:      cfg.MaxTokens,
			ContextTokens:  cfg.ContextTokens,
			RequestTimeout: cfg.LLMTimeout,
			IdleTimeout:    cfg.LLMIdleTimeout,
			Logger:         logger,
		})
	}
	return answer.New(lib, ix, opt), st, nil
}

// loadLibrary reads the papers: one file, a directory, or the default
// paper. A directory is listed from its catalog (next to the index): only
// papers that are new or changed since the last start are read now, the
// others when first asked about (corpus.OpenDir). persist is false for a
// single --paper file, whose index is kept in memory so it does not grow
// the shared index file.
func loadLibrary(cfg config.Config, src engineSource, logger *slog.Logger) (lib *corpus.Library, persist bool, err error) {
	switch {
	case src.PaperFile != "":
		p, err := corpus.ParseFile(src.PaperFile)
		if err != nil {
			return nil, false, err
		}
		return corpus.NewLibrary(p), false, nil
	case src.CorpusDir != "" || cfg.CorpusDir != "":
		dir := src.CorpusDir
		if dir == "" {
			dir = cfg.CorpusDir
		}
		lib, rep, err := corpus.OpenDir(dir, corpus.DirOptions{Catalog: catalogPath(cfg), Reread: src.CheckAll, PDFTimeout: pdfTimeout})
		if err != nil {
			return nil, false, err
		}
		for _, p := range rep.Problems {
			logger.Warn("skipping a paper that cannot be read", "err", p)
		}
		if rep.CatalogErr != nil {
			logger.Info("library catalog not saved; papers will be read again at the next start", "err", rep.CatalogErr)
		}
		if lib.Len() == 0 {
			return nil, false, fmt.Errorf("no papers found in %s (want .txt or .pdf files)", dir)
		}
		return lib, true, nil
	default:
		return corpus.NewLibrary(corpus.Default()), true, nil
	}
}

// pdfTimeout bounds reading one PDF of the corpus directory.
const pdfTimeout = 2 * time.Minute

// catalogPath is where the library's catalog is kept, next to the index
// manifest (corpus.OpenDir: it lists the papers at start without reading
// them); "" without a persisted index.
func catalogPath(cfg config.Config) string {
	if cfg.IndexPath == "" {
		return ""
	}
	return cfg.IndexPath + ".library.json"
}

// openIndex opens the index (its manifest; or an in-memory index) and adds
// the library's papers: new papers now, papers the index holds compared on
// the first question about them (all at once with src.CheckAll). Only new
// or changed passages are embedded, and only the segments of changed
// papers and the manifest are written.
func openIndex(ctx context.Context, cfg config.Config, logger *slog.Logger, lib *corpus.Library, persist bool, src engineSource) (*retrieval.Index, indexStats, error) {
	st := indexStats{Papers: lib.Len()}
	opt := retrieval.Options{Logger: logger, Mode: src.Mode, MemoryBudget: int64(cfg.IndexMemoryMB) << 20}
	if cfg.IndexMemoryMB == 0 {
		opt.MemoryBudget = -1 // no limit
	}
	api := setEmbedder(&opt, cfg, logger)
	// A read-only index file (built once with `paperbot index` and shipped
	// to every shard) is loaded as is; it is rewritten only when it can be.
	if persist && cfg.IndexPath != "" && (writableDir(filepath.Dir(cfg.IndexPath)) || readableFile(cfg.IndexPath)) {
		opt.Path = cfg.IndexPath
	}
	st.Path = opt.Path
	ix, err := retrieval.Open(ctx, opt)
	if err != nil {
		return nil, st, fmt.Errorf("open index: %w", err)
	}
	progress := func(done, total int) {
		st.Embedded = done
		if src.Progress != nil {
			src.Progress(done, total)
		}
	}
	if src.CheckAll {
		err = ix.AddProgress(ctx, progress, lib.Papers()...)
	} else {
		err = ix.AttachLibrary(ctx, progress, lib)
	}
	if err != nil {
		if !api || src.Strict || ctx.Err() != nil {
			return nil, st, fmt.Errorf("index papers: %w", err)
		}
		// Documented fallback: answer with the offline embedder, in memory
		// (the index file keeps the API embeddings built so far).
		logger.Warn("embeddings API failed; using the offline embedder for this run", "err", err)
		cfg.OpenAIBaseURL, cfg.OpenAIAPIKey, cfg.EmbeddingModel = "", "", ""
		return openIndex(ctx, cfg, logger, lib, false, src)
	}
	st.Passages = ix.Len()
	// Only the segments of new or changed papers, and the manifest, are
	// written.
	if opt.Path != "" && ix.Dirty() {
		if err := ix.Save(); err != nil {
			logger.Warn("index not saved; it will be rebuilt next time", "err", err)
		} else {
			st.Saved = true
		}
	}
	return ix, st, nil
}

// readableFile reports whether path is a regular file this process can open.
func readableFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	return err == nil && fi.Mode().IsRegular()
}

// writableDir reports whether dir exists or can be created, and takes files.
func writableDir(dir string) bool {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return false
	}
	name := f.Name()
	f.Close()
	err = os.Remove(name)
	return err == nil || errors.Is(err, os.ErrNotExist)
}

// setEmbedder chooses the API embedder when EMBEDDING_MODEL is configured,
// and otherwise the offline hash embedder. It reports whether it chose the API.
func setEmbedder(opt *retrieval.Options, cfg config.Config, logger *slog.Logger) bool {
	if !cfg.EmbeddingsEnabled() {
		opt.Embed = retrieval.HashEmbedder(retrieval.DefaultDim)
		opt.EmbedBatch = nil
		opt.EmbedderID = retrieval.HashEmbedderID(retrieval.DefaultDim)
		return false
	}
	emb := retrieval.NewOpenAIEmbedder(cfg.OpenAIBaseURL, cfg.OpenAIAPIKey, cfg.EmbeddingModel, retrieval.EmbedderOptions{Logger: logger})
	opt.Embed, opt.EmbedBatch, opt.EmbedderID = emb.Func(), emb.EmbedBatch, emb.ID()
	return true
}
