-- Pinned answers are keyed by guild too: a pin made in one server changes
-- answers only there ("" is a direct message). Pins made before this
-- migration are kept under guild "" (direct messages only): they cannot
-- be attributed to a server, and applying them everywhere was the bug.

CREATE TABLE pinned_answers_v2 (
	guild_id     TEXT NOT NULL,
	paper_id     TEXT NOT NULL,
	question_key TEXT NOT NULL,
	question     TEXT NOT NULL,
	answer       TEXT NOT NULL,
	pinned_by    TEXT NOT NULL,
	pinned_ms    BIGINT NOT NULL,
	PRIMARY KEY (guild_id, paper_id, question_key)
);

INSERT INTO pinned_answers_v2 (guild_id, paper_id, question_key, question, answer, pinned_by, pinned_ms)
	SELECT '', paper_id, question_key, question, answer, pinned_by, pinned_ms FROM pinned_answers;

DROP TABLE pinned_answers;

ALTER TABLE pinned_answers_v2 RENAME TO pinned_answers;
