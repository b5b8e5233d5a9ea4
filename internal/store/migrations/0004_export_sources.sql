-- /export lists the references students were shown, except those that came
-- only from answers marked 👎 (see FlaggedOnlyRefs). A reference cited with
-- /cite is always kept, so cited_refs remembers whether /cite cited it; the
-- channel's answers are looked up by channel.

ALTER TABLE cited_refs ADD COLUMN by_cite INTEGER NOT NULL DEFAULT 0;

CREATE INDEX answers_by_channel ON answers (channel_id);
