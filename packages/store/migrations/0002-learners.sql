-- What the API lists a learner by: a display name. Keyed by learner like every other table, and
-- optional: a learner with facts but no profile is still a learner (their stream row says so).
CREATE TABLE learner_profiles (
	learner_id text PRIMARY KEY,
	name text
);

-- Staff find the learners enrolled at their institution: one index over the enrolment facts.
CREATE INDEX facts_enrolment_institution ON facts ((data ->> 'institution'), learner_id)
	WHERE type = 'LearnerEnrolled';
