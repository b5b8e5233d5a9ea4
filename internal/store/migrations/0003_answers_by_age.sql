-- Answers are kept for their buttons ("Show evidence", "Cite sources", 👍/👎)
-- for a retention period, then expired (see ExpireAnswers): an answer
-- nobody voted on is deleted, one with votes keeps its text for /review
-- but loses its passages. Expiry looks answers up by age.

CREATE INDEX answers_by_created ON answers (created_ms);
