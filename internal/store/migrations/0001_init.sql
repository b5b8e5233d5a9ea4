-- PaperBot's state. Shared by SQLite and PostgreSQL: {{autoid}} becomes each
-- dialect's auto-increment primary key. Times are Unix milliseconds.

CREATE TABLE channel_papers (
	channel_id TEXT PRIMARY KEY,
	paper_id   TEXT NOT NULL,
	updated_ms BIGINT NOT NULL
);

CREATE TABLE uploaded_papers (
	id          TEXT PRIMARY KEY,
	file_name   TEXT NOT NULL,
	raw_text    TEXT NOT NULL,
	uploader_id TEXT NOT NULL,
	uploaded_ms BIGINT NOT NULL
);

CREATE TABLE quiz_questions (
	id           TEXT PRIMARY KEY,
	channel_id   TEXT NOT NULL,
	paper_id     TEXT NOT NULL,
	question     TEXT NOT NULL,
	choices_json TEXT NOT NULL,
	correct      INTEGER NOT NULL,
	refs_json    TEXT NOT NULL,
	created_ms   BIGINT NOT NULL
);

CREATE TABLE quiz_answers (
	question_id TEXT NOT NULL REFERENCES quiz_questions (id) ON DELETE CASCADE,
	user_id     TEXT NOT NULL,
	channel_id  TEXT NOT NULL,
	choice      INTEGER NOT NULL,
	correct     INTEGER NOT NULL,
	answered_ms BIGINT NOT NULL,
	PRIMARY KEY (question_id, user_id)
);
CREATE INDEX quiz_answers_by_channel ON quiz_answers (channel_id, user_id);

CREATE TABLE answers (
	id             TEXT PRIMARY KEY,
	guild_id       TEXT NOT NULL,
	channel_id     TEXT NOT NULL,
	user_id        TEXT NOT NULL,
	paper_id       TEXT NOT NULL,
	question       TEXT NOT NULL,
	answer         TEXT NOT NULL,
	passages_json  TEXT NOT NULL,
	citations_json TEXT NOT NULL,
	created_ms     BIGINT NOT NULL
);

CREATE TABLE feedback (
	answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
	user_id   TEXT NOT NULL,
	vote      INTEGER NOT NULL,
	comment   TEXT NOT NULL,
	voted_ms  BIGINT NOT NULL,
	PRIMARY KEY (answer_id, user_id)
);
CREATE INDEX feedback_by_vote ON feedback (vote, voted_ms);
CREATE INDEX answers_by_guild ON answers (guild_id);

CREATE TABLE pinned_answers (
	paper_id     TEXT NOT NULL,
	question_key TEXT NOT NULL,
	question     TEXT NOT NULL,
	answer       TEXT NOT NULL,
	pinned_by    TEXT NOT NULL,
	pinned_ms    BIGINT NOT NULL,
	PRIMARY KEY (paper_id, question_key)
);

CREATE TABLE cited_refs (
	seq        {{autoid}},
	channel_id TEXT NOT NULL,
	paper_id   TEXT NOT NULL,
	ref        INTEGER NOT NULL,
	first_ms   BIGINT NOT NULL,
	UNIQUE (channel_id, paper_id, ref)
);

CREATE TABLE token_usage (
	day     TEXT NOT NULL,
	scope   TEXT NOT NULL,
	subject TEXT NOT NULL,
	tokens  BIGINT NOT NULL,
	PRIMARY KEY (day, scope, subject)
);
