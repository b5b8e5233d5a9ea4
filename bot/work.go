package bot

// beginWork registers an answer in progress, unless the bot is shutting
// down. Each true result must be paired with b.work.Done(). Shutdown waits
// (up to ShutdownWait) for the work registered before it began.
func (b *Bot) beginWork() bool {
	b.workMu.Lock()
	defer b.workMu.Unlock()
	if b.closing.Load() {
		return false
	}
	b.work.Add(1)
	return true
}

// beginShutdown marks the bot as closing: after it returns, beginWork
// refuses, so waiting on b.work cannot race with a new Add.
func (b *Bot) beginShutdown() {
	b.workMu.Lock()
	b.closing.Store(true)
	b.workMu.Unlock()
}
