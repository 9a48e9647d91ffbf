-- A projection's state and yearly statement as json, not jsonb, like the facts' data: they are
-- written for every learner of every import batch and only ever read whole, never queried
-- inside. json is kept as written; jsonb is parsed into its binary form on the way in, which
-- made writing a batch's projections about two and a half times as costly.
ALTER TABLE leerkrediet_projections
	ALTER COLUMN state TYPE json USING state::json,
	ALTER COLUMN years TYPE json USING years::json;
