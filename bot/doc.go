// Package bot speaks Discord through discordgo: slash commands, buttons,
// autocomplete, mentions and reply chains, over the answering engine.
//
// Commands: /ask question [private] (deferred first, then the answer is
// edited in as a model streams it, with a Stop button meanwhile, then with
// "Show evidence" and "Cite sources" buttons); /cite
// number [format], where number is a reference number with autocomplete or
// "paper" for the paper itself; /refs [query], paged with Previous/Next;
// /paper; /help. "@PaperBot question" in a channel or thread is answered
// as a reply, and a reply to one of the bot's answers continues the
// conversation with the reply chain (up to 6 messages) as history. No
// privileged MESSAGE_CONTENT intent is needed.
//
// Discord's rules: every message, response, follow-up and edit carries
// allowed_mentions {"parse": []}, and text also goes through Neutralize;
// content is split by SplitMessage to 2,000 characters and embeds are
// fitted to their limits; errors are ephemeral; every handler recovers from
// panics; 429s are retried a bounded number of times after retry_after
// (retryTransport); the token is never logged and Session.Debug stays off.
//
// Button custom ids start with "pb:": "pb:ev:<id>", "pb:cs:<id>" and
// "pb:fb:up|dn:<id>" name an answer kept in an in-memory LRU with a TTL
// (answerCache) and, with a Store, in the database for AnswerRetention,
// written in batches off the answer path (answers.go); "pb:stop:<interaction
// id>" stops an answer still being written (stop.go); and
// "pb:refs:<page>:<dir>:<query>" carries a /refs page (long queries are
// kept in the cache as "#<id>").
//
// Classroom controls (gate): allowed channels (a thread inherits its
// parent's), allowed roles, a per-user cooldown and a cap on answers in
// progress. The cap is taken after the deferral, so the 3-second deadline
// holds under load. A /ask that finds every slot taken waits in line
// (first come, first served), its "thinking…" response edited to show its
// place ("You're 12th in line…") as the line moves, for as long as its
// interaction token leaves time to answer; only past MaxQueue waiting is
// it refused as busy. Offline answers (no language model) take no slot.
// An @mention waits up to QueueWait.
//
// Streamed answers are edited in through one Scheduler shared by all
// messages: latest text wins, at most one edit per EditInterval per
// message, messages take turns, and the final edit is flushed at once.
package bot
