// Package classroom is the study service both front ends share: quizzes
// and their scores, the bibliography of what a channel cited, and the
// classroom's other state-keeping steps. It works on plain data (papers,
// store records, errors) and knows nothing about Discord or terminals: the
// bot renders its results as messages and buttons, the terminal chat as
// lines of text.
//
// A "channel" is whatever a front end keeps classroom state for: a Discord
// channel or thread, or one terminal chat. State lives in the store the
// caller gives (internal/store's SQLite or PostgreSQL for the bot, Memory
// for the terminal).
package classroom
