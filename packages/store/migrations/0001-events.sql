-- The event store: an append-only log of facts per learner, and what is derived from it.
-- Every table is keyed by learner_id first and no key points from one learner to another, so
-- each table can be distributed by learner_id on Citus (docs/scaling.md).

-- One row per learner: the version is the position of the learner's last fact. Appends lock
-- this row, so two writers on one learner take turns and an expected version can be checked.
CREATE TABLE learner_streams (
	learner_id text PRIMARY KEY,
	version integer NOT NULL CHECK (version >= 0)
);

-- The log. A fact is never changed or deleted; its position numbers it within its learner.
-- The fact id is unique per learner: the rules refer to facts by it, and imports skip facts
-- already recorded by it. `data` is json, not jsonb: the fact's data as it was recorded, and
-- cheaper to write in bulk; nothing queries inside it.
CREATE TABLE facts (
	learner_id text NOT NULL,
	position integer NOT NULL CHECK (position > 0),
	fact_id text NOT NULL,
	type text NOT NULL,
	date date NOT NULL,
	data json NOT NULL,
	recorded_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (learner_id, position),
	UNIQUE (learner_id, fact_id)
);

-- The first answer to each request with an idempotency key, and a hash of the request, so
-- that a retry gets the same answer and a reuse of the key for another request is refused.
CREATE TABLE idempotency_keys (
	learner_id text NOT NULL,
	idempotency_key text NOT NULL,
	request_hash text NOT NULL,
	answer jsonb NOT NULL,
	recorded_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (learner_id, idempotency_key)
);

-- The leerkrediet of each learner as computed from the log at version `version`, as it
-- stands at the end of `as_of`: enough to answer a balance-with-statement request from one
-- row. It holds for every day from `as_of` until `stale_from` (a new academic year, a law
-- value or a dated fact taking effect), from which it must be computed again. `institutions`
-- are those the learner enrolled at, for deciding which staff may see the learner.
CREATE TABLE leerkrediet_projections (
	learner_id text PRIMARY KEY,
	version integer NOT NULL,
	as_of date NOT NULL,
	stale_from date,
	balance integer NOT NULL,
	institutions text[] NOT NULL,
	state jsonb NOT NULL,
	years jsonb NOT NULL
);

CREATE INDEX leerkrediet_projections_institutions ON leerkrediet_projections USING gin (institutions);
