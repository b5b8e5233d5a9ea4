package answer

// Offline reports whether the engine answers without a language model:
// every answer is extractive and takes microseconds, so a front end need
// not queue it behind model answers.
func (e *Engine) Offline() bool { return e.opt.Generator == nil }
