import { checkLearnerId } from "./learner-id.ts";
import type { SqlQueryable } from "./sql.ts";

/** A learner as a directory lists them: id, display name, where they enrolled, and the log's version. */
export interface LearnerSummary {
	readonly learnerId: string;
	readonly name: string | undefined;
	/** Institutions named by the learner's enrolments, in order of id. */
	readonly institutions: readonly string[];
	readonly version: number;
}

export interface LearnerQuery {
	/** Part of the id or the name, case-insensitive. */
	readonly text?: string | undefined;
	/** Only learners enrolled at this institution. */
	readonly institution?: string | undefined;
	/** Ids after this one (keyset pagination, ascending by id). */
	readonly after?: string | undefined;
	readonly limit: number;
}

/** Finds and registers learners. Listing is the one query across learners: a fan-out on Citus. */
export interface LearnerDirectory {
	registerLearner(
		learnerId: string,
		profile: { name?: string | undefined },
	): Promise<LearnerSummary>;
	readLearner(learnerId: string): Promise<LearnerSummary | undefined>;
	listLearners(query: LearnerQuery): Promise<LearnerSummary[]>;
	/** Whether the database answers. */
	ready(): Promise<boolean>;
	/** The version of a learner's log, read from one row: the baseline of the API benchmark. */
	readVersion(learnerId: string): Promise<number | undefined>;
}

const summaryColumns = `
	s.learner_id AS "learnerId", p.name, s.version,
	COALESCE((SELECT array_agg(DISTINCT f.data ->> 'institution' ORDER BY f.data ->> 'institution')
		FROM facts f WHERE f.learner_id = s.learner_id AND f.type = 'LearnerEnrolled'), '{}') AS institutions`;

interface SummaryRow {
	learnerId: string;
	name: string | null;
	version: number;
	institutions: string[];
}

const toSummary = (row: SummaryRow): LearnerSummary => ({
	learnerId: row.learnerId,
	name: row.name ?? undefined,
	institutions: row.institutions,
	version: row.version,
});

// LIKE's wildcards in a search text are searched for, not matched with.
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The learner directory over the store's tables. */
export function createLearnerDirectory(sql: SqlQueryable): LearnerDirectory {
	const readLearner = async (learnerId: string) => {
		const { rows } = await sql.query<SummaryRow>(
			`SELECT ${summaryColumns} FROM learner_streams s LEFT JOIN learner_profiles p ON p.learner_id = s.learner_id WHERE s.learner_id = $1`,
			[learnerId],
		);
		return rows[0] && toSummary(rows[0]);
	};
	return {
		readLearner,
		async registerLearner(learnerId, profile) {
			checkLearnerId(learnerId);
			await sql.query(
				"INSERT INTO learner_streams (learner_id, version) VALUES ($1, 0) ON CONFLICT DO NOTHING",
				[learnerId],
			);
			await sql.query(
				"INSERT INTO learner_profiles (learner_id, name) VALUES ($1, $2) ON CONFLICT (learner_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, learner_profiles.name)",
				[learnerId, profile.name ?? null],
			);
			return (await readLearner(learnerId)) as LearnerSummary;
		},
		async listLearners(query) {
			const { rows } = await sql.query<SummaryRow>(
				`SELECT ${summaryColumns} FROM learner_streams s LEFT JOIN learner_profiles p ON p.learner_id = s.learner_id
				 WHERE ($1::text IS NULL OR s.learner_id > $1)
				   AND ($2::text IS NULL OR s.learner_id ILIKE $2 OR p.name ILIKE $2)
				   AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM facts f WHERE f.type = 'LearnerEnrolled'
				        AND f.data ->> 'institution' = $3 AND f.learner_id = s.learner_id))
				 ORDER BY s.learner_id LIMIT $4`,
				[
					query.after ?? null,
					query.text ? likePattern(query.text) : null,
					query.institution ?? null,
					query.limit,
				],
			);
			return rows.map(toSummary);
		},
		async readVersion(learnerId) {
			const { rows } = await sql.query<{ version: number }>(
				"SELECT version FROM learner_streams WHERE learner_id = $1",
				[learnerId],
			);
			return rows[0]?.version;
		},
		async ready() {
			const { rows } = await sql.query<{ ok: number }>("SELECT 1 AS ok");
			return rows[0]?.ok === 1;
		},
	};
}
