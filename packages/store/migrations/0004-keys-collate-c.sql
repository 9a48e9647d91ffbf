-- Keys compare byte by byte (collation "C"), not by the database's language rules: learner ids,
-- fact ids and idempotency keys are identifiers, not words, and every index over them compares
-- them on each write. With a language collation each comparison goes through strcoll; with "C"
-- it is a memcmp, which takes a bulk import's writes down by a measurable share. Order by
-- learner id (the API's pages) is byte order, the same on every server.
ALTER TABLE learner_streams ALTER COLUMN learner_id TYPE text COLLATE "C";
ALTER TABLE facts
	ALTER COLUMN learner_id TYPE text COLLATE "C",
	ALTER COLUMN fact_id TYPE text COLLATE "C";
ALTER TABLE idempotency_keys
	ALTER COLUMN learner_id TYPE text COLLATE "C",
	ALTER COLUMN idempotency_key TYPE text COLLATE "C";
ALTER TABLE leerkrediet_projections ALTER COLUMN learner_id TYPE text COLLATE "C";
ALTER TABLE learner_profiles ALTER COLUMN learner_id TYPE text COLLATE "C";
