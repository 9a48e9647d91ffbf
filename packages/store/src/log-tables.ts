import type { Fact } from "@rugzak/rules";
import type { LeerkredietProjection, LeerkredietProjectionJson } from "./projection.ts";
import { copyText, type SqlQueryable, type SqlTransaction } from "./sql.ts";

/** A fact in a learner's log, with its position there (1, 2, …: the version after it). */
export interface StoredFact {
	readonly position: number;
	readonly fact: Fact;
}

/**
 * Locks the learners' streams, creating those not yet known at version 0, and returns each
 * version. Rows are locked in key order, so two writers never wait for each other in a cycle.
 */
export async function lockStreams(
	tx: SqlQueryable,
	learnerIds: readonly string[],
): Promise<Map<string, number>> {
	const ids = [...new Set(learnerIds)];
	// A row this transaction inserts is its own until it commits (another writer of the same
	// learner waits on the key), so only learners known before need locking.
	const inserted = await tx.query<{ learner_id: string }>(
		`INSERT INTO learner_streams (learner_id, version)
		 SELECT id, 0 FROM unnest($1::text[]) AS id ORDER BY id
		 ON CONFLICT (learner_id) DO NOTHING
		 RETURNING learner_id`,
		[ids],
	);
	const versions = new Map(inserted.rows.map((row) => [row.learner_id, 0]));
	const known = ids.filter((id) => !versions.has(id));
	if (known.length === 0) return versions;
	const locked = await tx.query<{ learner_id: string; version: number }>(
		`SELECT learner_id, version FROM learner_streams
		 WHERE learner_id = ANY($1::text[]) ORDER BY learner_id FOR UPDATE`,
		[known],
	);
	for (const row of locked.rows) versions.set(row.learner_id, row.version);
	return versions;
}

interface FactRow {
	readonly learner_id: string;
	readonly position: number;
	readonly fact_id: string;
	readonly type: string;
	readonly date: string;
	readonly data: unknown;
}

/** The learners' logs in order; a learner with no facts has an empty one. */
export async function readLogs(
	db: SqlQueryable,
	learnerIds: readonly string[],
): Promise<Map<string, StoredFact[]>> {
	const logs = new Map<string, StoredFact[]>(learnerIds.map((id) => [id, []]));
	const found = await db.query<FactRow>(
		`SELECT learner_id, position, fact_id, type, date::text AS date, data FROM facts
		 WHERE learner_id = ANY($1::text[]) ORDER BY learner_id, position`,
		[learnerIds],
	);
	for (const row of found.rows) logs.get(row.learner_id)?.push(storedFactOf(row));
	return logs;
}

function storedFactOf(row: FactRow): StoredFact {
	// Only facts that passed the schema and the rules were ever written.
	const fact = { id: row.fact_id, type: row.type, date: row.date, data: row.data } as Fact;
	return { position: row.position, fact };
}

/** A page of one learner's log after a position, and the learner's version, in one snapshot. */
export async function readLogPage(
	db: SqlQueryable,
	learnerId: string,
	page: { readonly after: number; readonly limit: number },
): Promise<{ version: number; facts: StoredFact[] }> {
	type PageRow = { readonly version: number } & {
		readonly [K in keyof FactRow]: FactRow[K] | null;
	};
	const found = await db.query<PageRow>(
		`SELECT s.version, f.learner_id, f.position, f.fact_id, f.type, f.date::text AS date, f.data
		 FROM learner_streams AS s LEFT JOIN LATERAL (
		   SELECT * FROM facts WHERE facts.learner_id = s.learner_id AND position > $2
		   ORDER BY position LIMIT $3) AS f ON true
		 WHERE s.learner_id = $1`,
		[learnerId, page.after, page.limit],
	);
	// A learner with no facts after `after` still has a row, with the fact's columns null.
	const rows = found.rows.filter((row): row is PageRow & FactRow => row.position !== null);
	const facts = rows.map(storedFactOf);
	return { version: found.rows[0]?.version ?? 0, facts };
}

/** A fact to write at a position of a learner's log. */
export interface NewFact {
	readonly learnerId: string;
	readonly position: number;
	readonly fact: Fact;
}

/**
 * A fact as a row of the facts table in COPY's text format, as `writeFacts` and the import write
 * it. It escapes only what a fact can hold; its test holds it equal to `copyRow`.
 */
export function factCopyRow(learnerId: string, position: number, fact: Fact): string {
	// The type is one of the schema's names and the date a checked YYYY-MM-DD: nothing to escape.
	// JSON has no raw tab or newline, so only its backslashes need doubling.
	const data = JSON.stringify(fact.data);
	const escaped = data.includes("\\") ? data.replaceAll("\\", "\\\\") : data;
	return `${copyText(learnerId)}\t${position}\t${copyText(fact.id)}\t${fact.type}\t${fact.date}\t${escaped}\n`;
}

/** Writes facts with COPY, and moves each learner's version to its last new position. */
export async function writeFacts(tx: SqlTransaction, facts: readonly NewFact[]): Promise<void> {
	let rows = "";
	const versions = new Map<string, number>();
	for (const { learnerId, position, fact } of facts) {
		rows += factCopyRow(learnerId, position, fact);
		versions.set(learnerId, Math.max(position, versions.get(learnerId) ?? 0));
	}
	await copyFacts(tx, rows, versions);
}

/** Writes facts given as COPY rows (`factCopyRow`), and sets the learners' versions. */
export async function copyFacts(
	tx: SqlTransaction,
	rows: string | Uint8Array,
	versions: ReadonlyMap<string, number>,
): Promise<void> {
	if (rows.length === 0) return;
	await tx.copyFrom("facts (learner_id, position, fact_id, type, date, data)", rows);
	await tx.query(
		`UPDATE learner_streams AS s SET version = v.version
		 FROM unnest($1::text[], $2::int[]) AS v(learner_id, version)
		 WHERE s.learner_id = v.learner_id`,
		[[...versions.keys()], [...versions.values()]],
	);
}

/** Inserts or replaces the learners' projections. */
export async function writeProjections(
	tx: SqlQueryable,
	projections: readonly LeerkredietProjection[],
): Promise<void> {
	if (projections.length > 0) await writeProjectionsJson(tx, JSON.stringify(projections));
}

/**
 * Inserts or replaces projections given as one JSON array, which PostgreSQL unpacks with
 * json_to_recordset: cheaper for the driver than an array parameter per column.
 */
export async function writeProjectionsJson(tx: SqlQueryable, projections: string): Promise<void> {
	await tx.query(
		`INSERT INTO leerkrediet_projections AS p
		   (learner_id, version, as_of, stale_from, balance, institutions, state, years)
		 SELECT "learnerId", version, "asOf", "staleFrom", balance,
		   ARRAY(SELECT json_array_elements_text(institutions)), state, years
		 FROM json_to_recordset($1::json) AS p("learnerId" text, version int, "asOf" date,
		   "staleFrom" date, balance int, institutions json, state json, years json)
		 ON CONFLICT (learner_id) DO UPDATE SET version = excluded.version, as_of = excluded.as_of,
		   stale_from = excluded.stale_from, balance = excluded.balance,
		   institutions = excluded.institutions, state = excluded.state, years = excluded.years`,
		[projections],
	);
}

interface ProjectionRow {
	readonly learner_id: string;
	readonly version: number;
	readonly as_of: string;
	readonly stale_from: string | null;
	readonly balance: number;
	readonly institutions: string[];
	readonly state: LeerkredietProjection["state"];
	readonly years: LeerkredietProjection["years"];
}

/** The columns of a projection row other than its state and statement, as a projection's fields. */
function projectionFields(row: Omit<ProjectionRow, "state" | "years">) {
	return {
		learnerId: row.learner_id,
		version: row.version,
		asOf: row.as_of,
		staleFrom: row.stale_from,
		balance: row.balance,
		institutions: row.institutions,
	};
}

const projectionColumns =
	"learner_id, version, as_of::text AS as_of, stale_from::text AS stale_from, balance, institutions";

/** One learner's stored projection with its state and statement as the JSON text stored. */
export async function readProjectionJson(
	db: SqlQueryable,
	learnerId: string,
): Promise<LeerkredietProjectionJson | undefined> {
	const found = await db.query<
		Omit<ProjectionRow, "state" | "years"> & { state: string; years: string }
	>(
		`SELECT ${projectionColumns}, state::text AS state, years::text AS years
		 FROM leerkrediet_projections WHERE learner_id = $1`,
		[learnerId],
	);
	const row = found.rows[0];
	if (row === undefined) return undefined;
	return { ...projectionFields(row), stateJson: row.state, yearsJson: row.years };
}

/** The learners' stored projections, by learner. */
export async function readProjections(
	db: SqlQueryable,
	learnerIds: readonly string[],
): Promise<Map<string, LeerkredietProjection>> {
	const found = await db.query<ProjectionRow>(
		`SELECT ${projectionColumns}, state, years
		 FROM leerkrediet_projections WHERE learner_id = ANY($1::text[])`,
		[learnerIds],
	);
	return new Map(
		found.rows.map((row) => [
			row.learner_id,
			{ ...projectionFields(row), state: row.state, years: row.years },
		]),
	);
}
