import assert from "node:assert/strict";
import { type Fact, InputError, type IsoDate, parseFactsFile } from "@rugzak/rules";
import { requestHash } from "./canonical-json.ts";
import { ConcurrencyError, IdempotencyKeyReused } from "./errors.ts";
import type { ImportOptions, ImportReport, ImportSource } from "./import/import-facts.ts";
import { importFacts } from "./import/import-facts.ts";
import type { Law } from "./law/load-law.ts";
import { createLearnerDirectory, type LearnerDirectory } from "./learner-directory.ts";
import { checkLearnerId } from "./learner-id.ts";
import {
	lockStreams,
	readLogPage,
	readLogs,
	readProjectionJson,
	readProjections,
	type StoredFact,
	writeFacts,
	writeProjections,
} from "./log-tables.ts";
import {
	type LeerkredietProjection,
	type LeerkredietProjectionJson,
	projectionHolds,
	projectLeerkrediet,
} from "./projection.ts";
import type { Sql, SqlTransaction } from "./sql.ts";

export interface AppendOptions {
	/** The version the caller read; when the log has moved on, ConcurrencyError and nothing written. */
	readonly expectedVersion?: number | undefined;
	/** A retry with the same key and request gets the first answer; with another request, IdempotencyKeyReused. */
	readonly idempotencyKey?: string | undefined;
	/** Today: the projection is the account as it stands at the end of this day. */
	readonly today: IsoDate;
}

/** The answer to an append: the learner's new version, and where the facts went (`version - appended + 1` on). */
export interface AppendResult {
	readonly learnerId: string;
	readonly version: number;
	readonly appended: number;
	/** True when this is the stored answer to an earlier request with the same idempotency key. */
	readonly replayed: boolean;
}

/** A learner's log: every fact in order, and the version to expect when appending next. */
export interface LearnerLog {
	readonly learnerId: string;
	readonly version: number;
	readonly facts: readonly StoredFact[];
}

/** The most facts one read returns: the facts format's limit for one learner's history. */
const maxLogPage = 100_000;

/** A page of a learner's log: the facts after a position, at most `limit` of them (default: all, up to 100,000). */
export interface LogPage {
	readonly after?: number | undefined;
	readonly limit?: number | undefined;
}

export interface RebuildOptions {
	/** Recompute every account as of this day; by default each as of the day it was computed for. */
	readonly at?: IsoDate | undefined;
	/** Learners per transaction; default 500. */
	readonly batchSize?: number | undefined;
}

/** The append-only log of facts per learner, with its projections kept in step. */
export interface EventStore extends LearnerDirectory {
	/** Validates facts (schema, then the learner's whole history by the rules) and appends them. */
	append(
		learnerId: string,
		facts: readonly unknown[],
		options: AppendOptions,
	): Promise<AppendResult>;
	/** The learner's facts in order, a page at a time, with the version to expect when appending. */
	readLog(learnerId: string, page?: LogPage): Promise<LearnerLog>;
	/**
	 * The learner's leerkrediet at the end of `at` (default: as stored): the stored projection,
	 * one row read, when it holds on that day; else computed from the log, and not stored.
	 * Undefined for a learner with no facts.
	 */
	readLeerkrediet(learnerId: string, at?: IsoDate): Promise<LeerkredietProjection | undefined>;
	/**
	 * The same as `readLeerkrediet` on day `at`, with the state and statement as JSON text: the
	 * stored text, not parsed, when the stored projection holds on that day (what an API answer
	 * needs, without parsing and serialising again).
	 */
	readLeerkredietJson(
		learnerId: string,
		at: IsoDate,
	): Promise<LeerkredietProjectionJson | undefined>;
	/** Recomputes every projection from the log; returns how many learners. */
	rebuildProjections(options?: RebuildOptions): Promise<{ readonly learners: number }>;
	/** Imports facts in bulk from CSV or NDJSON (docs/import.md), idempotent by fact id. */
	importFacts(source: ImportSource, options: ImportOptions): Promise<ImportReport>;
	/** Deletes the idempotency keys kept longer than the retention; returns how many. */
	expireIdempotencyKeys(): Promise<number>;
	close(): Promise<void>;
}

/** Checks facts against the facts schema; InputError names each fact, field and rule. */
function parseFacts(facts: readonly unknown[]): Fact[] {
	if (facts.length === 0) {
		const message = "an append needs at least one fact";
		throw new InputError([
			{ factId: undefined, field: "facts", rule: "V2", code: "malformed", message },
		]);
	}
	return parseFactsFile({ schemaVersion: 1, facts }).facts;
}

interface AppendRequest {
	readonly learnerId: string;
	readonly facts: readonly Fact[];
	readonly options: AppendOptions;
	readonly hash: string;
	readonly keyRetentionSeconds: number;
}

async function appendInTransaction(tx: SqlTransaction, law: Law, request: AppendRequest) {
	const { learnerId, facts, options } = request;
	const version = (await lockStreams(tx, [learnerId])).get(learnerId);
	assert(version !== undefined, "lockStreams returns every learner it is given");
	const key = options.idempotencyKey;
	if (key !== undefined) {
		const earlier = await tx.query<{
			request_hash: string;
			answer: Omit<AppendResult, "replayed">;
		}>(
			`SELECT request_hash, answer FROM idempotency_keys
			 WHERE learner_id = $1 AND idempotency_key = $2 AND recorded_at > now() - make_interval(secs => $3)`,
			[learnerId, key, request.keyRetentionSeconds],
		);
		const first = earlier.rows[0];
		if (first !== undefined) {
			if (first.request_hash !== request.hash) throw new IdempotencyKeyReused(key);
			return { ...first.answer, replayed: true };
		}
	}
	if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
		throw new ConcurrencyError(options.expectedVersion, version);
	}
	const log = (await readLogs(tx, [learnerId])).get(learnerId) ?? [];
	const history = [...log.map((stored) => stored.fact), ...facts];
	const next = version + facts.length;
	const projection = projectLeerkrediet(
		{ learnerId, version: next, facts: history, at: options.today },
		law,
	);
	const newFacts = facts.map((fact, i) => ({ learnerId, position: version + 1 + i, fact }));
	await writeFacts(tx, newFacts);
	await writeProjections(tx, [projection]);
	const answer = { learnerId, version: next, appended: facts.length };
	if (key !== undefined) {
		await tx.query(
			// A key kept past its retention may still be in the table until it is expired: reuse it.
			`INSERT INTO idempotency_keys (learner_id, idempotency_key, request_hash, answer)
			 VALUES ($1, $2, $3, $4::jsonb)
			 ON CONFLICT (learner_id, idempotency_key) DO UPDATE
			 SET request_hash = EXCLUDED.request_hash, answer = EXCLUDED.answer, recorded_at = now()`,
			[learnerId, key, request.hash, JSON.stringify(answer)],
		);
	}
	return { ...answer, replayed: false };
}

async function rebuildProjections(sql: Sql, law: Law, options: RebuildOptions = {}) {
	const batchSize = options.batchSize ?? 500;
	let after = "";
	let learners = 0;
	for (;;) {
		const done = await sql.transaction(async (tx) => {
			const page = await tx.query<{ learner_id: string; version: number; as_of: string | null }>(
				`SELECT s.learner_id, s.version, p.as_of::text AS as_of
				 FROM learner_streams AS s LEFT JOIN leerkrediet_projections AS p USING (learner_id)
				 WHERE s.learner_id > $1 ORDER BY s.learner_id LIMIT $2 FOR UPDATE OF s`,
				[after, batchSize],
			);
			const ids = page.rows.map((row) => row.learner_id);
			// A learner registered in the directory with no facts yet has no projection to rebuild.
			const withFacts = page.rows.filter((row) => row.version > 0);
			const logs = await readLogs(
				tx,
				withFacts.map((row) => row.learner_id),
			);
			const projections = withFacts.map((row) => {
				const at = options.at ?? row.as_of;
				if (at === null) {
					throw new Error(`learner ${row.learner_id} has no projection yet: pass the day (at)`);
				}
				const facts = (logs.get(row.learner_id) ?? []).map((stored) => stored.fact);
				return projectLeerkrediet(
					{ learnerId: row.learner_id, version: row.version, facts, at },
					law,
				);
			});
			await writeProjections(tx, projections);
			learners += projections.length;
			after = ids.at(-1) ?? after;
			return ids.length < batchSize;
		});
		if (done) return { learners };
	}
}

/** How long an idempotency key is kept, in seconds, by default: a day, as common practice for HTTP APIs. */
export const defaultIdempotencyKeyRetentionSeconds = 24 * 60 * 60;

/**
 * The longest an idempotency key may be kept, in seconds: a year (366 days). Far longer spans
 * overflow PostgreSQL's interval when the keys are expired, and no retry comes that late.
 */
export const maxIdempotencyKeyRetentionSeconds = 366 * 24 * 60 * 60;

/**
 * Checks a retention of idempotency keys, in seconds: zero (every key expires at once) up to a
 * year. Throws a RangeError naming the option, before anything is opened or written.
 */
export function checkIdempotencyKeyRetention(seconds: number): void {
	if (!(seconds >= 0 && seconds <= maxIdempotencyKeyRetentionSeconds)) {
		throw new RangeError(
			`idempotencyKeyRetentionSeconds must be 0 to ${maxIdempotencyKeyRetentionSeconds} seconds (a year), not ${seconds}`,
		);
	}
}

export interface EventStoreOptions {
	/**
	 * How long a request with an idempotency key is remembered: a retry after this gets no replay
	 * (the fact ids still keep it from appending a fact twice), and the key may be used again.
	 */
	readonly idempotencyKeyRetentionSeconds?: number | undefined;
}

/** The event store on a migrated database, computing projections with `law`. */
export function createEventStore(sql: Sql, law: Law, options: EventStoreOptions = {}): EventStore {
	const keyRetentionSeconds =
		options.idempotencyKeyRetentionSeconds ?? defaultIdempotencyKeyRetentionSeconds;
	checkIdempotencyKeyRetention(keyRetentionSeconds);
	/** The learner's leerkrediet on day `at`, computed from the log (and not stored). */
	const computeFromLog = async (learnerId: string, at: IsoDate) => {
		const facts = ((await readLogs(sql, [learnerId])).get(learnerId) ?? []).map((row) => row.fact);
		return projectLeerkrediet({ learnerId, version: facts.length, facts, at }, law);
	};
	return {
		...createLearnerDirectory(sql),
		append: async (learnerId, rawFacts, options) => {
			checkLearnerId(learnerId);
			const facts = parseFacts(rawFacts);
			const hash = requestHash({ expectedVersion: options.expectedVersion ?? null, facts });
			const request = { learnerId, facts, options, hash, keyRetentionSeconds };
			return sql.transaction((tx) => appendInTransaction(tx, law, request));
		},
		readLog: async (learnerId, page = {}) => {
			const limit = page.limit ?? maxLogPage;
			assert(Number.isSafeInteger(limit) && limit > 0, "a page has at least one fact");
			const read = { after: page.after ?? 0, limit: Math.min(limit, maxLogPage) };
			return { learnerId, ...(await readLogPage(sql, learnerId, read)) };
		},
		readLeerkrediet: async (learnerId, at) => {
			const stored = (await readProjections(sql, [learnerId])).get(learnerId);
			if (stored === undefined || at === undefined) return stored;
			if (projectionHolds(stored, at)) return { ...stored, asOf: at };
			return computeFromLog(learnerId, at);
		},
		readLeerkredietJson: async (learnerId, at) => {
			const stored = await readProjectionJson(sql, learnerId);
			if (stored === undefined || projectionHolds(stored, at))
				return stored && { ...stored, asOf: at };
			const { state, years, ...computed } = await computeFromLog(learnerId, at);
			return { ...computed, stateJson: JSON.stringify(state), yearsJson: JSON.stringify(years) };
		},
		rebuildProjections: (options) => rebuildProjections(sql, law, options),
		importFacts: (source, options) => importFacts(sql, law, source, options),
		expireIdempotencyKeys: async () => {
			const deleted = await sql.query<{ keys: number }>(
				`WITH expired AS (
				   DELETE FROM idempotency_keys WHERE recorded_at <= now() - make_interval(secs => $1) RETURNING 1
				 ) SELECT count(*)::integer AS keys FROM expired`,
				[keyRetentionSeconds],
			);
			return deleted.rows[0]?.keys ?? 0;
		},
		close: () => sql.close(),
	};
}
