import type { IsoDate } from "@rugzak/rules";
import type { Law } from "../law/load-law.ts";
import { copyFacts, lockStreams, readLogs, writeProjectionsJson } from "../log-tables.ts";
import type { Sql, SqlTransaction } from "../sql.ts";
import { type Batch, batchesOf, type ImportFormat, type ImportIssue } from "./batch.ts";
import {
	type Admit,
	type CheckContext,
	checkBatch,
	type FoundLog,
	type LearnerCheck,
} from "./check-learner.ts";
import { type CheckedBatch, CheckThread } from "./check-thread.ts";
import type { ImportSource } from "./read-lines.ts";

export { type ImportFormat, type ImportIssue, importFormats } from "./batch.ts";
export type { ImportSource } from "./read-lines.ts";

export interface ImportOptions {
	readonly format: ImportFormat;
	/** Today: the imported learners' projections are their accounts at the end of this day. */
	readonly today: IsoDate;
	/** Facts per batch, the unit that is written or rejected whole; default 5,000. */
	readonly batchSize?: number | undefined;
	/** Batches written at once on a server (one waits while the other computes); default 2. */
	readonly concurrency?: number | undefined;
	/** Called after each batch is written or rejected. */
	readonly onProgress?: ((progress: ImportProgress) => void) | undefined;
	/**
	 * Who may write what: called with a learner's new facts and the log they join; a reason
	 * refuses them, and the batch is rejected with that reason on the learner's first new line.
	 */
	readonly admit?: Admit | undefined;
	/**
	 * Read, parse and check in a worker thread, so that this thread only talks to the database;
	 * default false. Not with `admit`, which must see the facts here.
	 */
	readonly workerThread?: boolean | undefined;
}

export interface ImportProgress {
	readonly bytesRead: number;
	readonly linesRead: number;
	readonly factsWritten: number;
	/** Facts skipped because the learner's log has them already (a rerun, a repeated row). */
	readonly factsAlreadyPresent: number;
	/** Rows in rejected batches: none of them was written. */
	readonly rowsRejected: number;
	readonly batchesWritten: number;
	readonly batchesRejected: number;
}

export interface ImportReport extends ImportProgress {
	/** Learners whose log grew; their projections were recomputed in the same transactions. */
	readonly learnersWritten: number;
	/** The first 1,000 issues, by line within each batch. */
	readonly issues: readonly ImportIssue[];
	readonly issuesOmitted: number;
	/** Line ranges of the rejected batches (the first 1,000). */
	readonly rejectedLines: readonly { readonly from: number; readonly to: number }[];
}

const maxListed = 1000;

/** A batch as the writer sees it: where it lies in the file, its learners, and their checks. */
interface WritableBatch {
	readonly firstLine: number;
	readonly lastLine: number;
	readonly size: number;
	/** The rows that failed the schema. */
	readonly issues: readonly ImportIssue[];
	readonly learnerIds: readonly string[];
	/** Checks the learners' rows against their logs, as found in the batch's transaction. */
	check(logs: readonly FoundLog[]): Promise<ReadonlyMap<string, LearnerCheck>>;
	/** Called once the batch is written or rejected. */
	done(): void;
}

/** A batch read and checked in this thread. */
function writableHere(batch: Batch, context: CheckContext): WritableBatch {
	return {
		firstLine: batch.firstLine,
		lastLine: batch.lastLine,
		size: batch.size,
		issues: batch.issues,
		learnerIds: [...batch.byLearner.keys()],
		check: async (logs) => new Map(checkBatch(batch, logs, context)),
		done: () => {},
	};
}

/**
 * A batch checked in the worker thread as if its learners had no facts yet: those checks hold
 * for learners whose log is empty, and the worker checks the others again against their logs.
 */
function writableFromWorker(batch: CheckedBatch, thread: CheckThread): WritableBatch {
	const ahead = new Map(batch.checks);
	return {
		...batch,
		learnerIds: [...ahead.keys()],
		check: async (logs) => {
			const checks = new Map<string, LearnerCheck>();
			const again: FoundLog[] = [];
			for (const log of logs) {
				// The worker checked every learner of the batch ahead; a log at version 0 has no facts.
				const check = log.version === 0 ? ahead.get(log.learnerId) : undefined;
				if (check !== undefined) checks.set(log.learnerId, check);
				else again.push(log);
			}
			if (again.length > 0) {
				for (const [learnerId, check] of await thread.check(batch.id, again)) {
					checks.set(learnerId, check);
				}
			}
			return checks;
		},
		done: () => thread.release(batch.id),
	};
}

/** Thrown inside a batch's transaction to roll it back, with the reasons. */
class BatchRejected extends Error {
	readonly issues: readonly ImportIssue[];
	constructor(issues: readonly ImportIssue[]) {
		super(`batch rejected: ${issues.length} issues`);
		this.issues = issues;
	}
}

interface Written {
	readonly facts: number;
	readonly present: number;
	readonly learners: number;
}

/**
 * COPY rows as one text when checked in this thread, or as one run of bytes when they came from
 * the worker, which sends every learner's rows as bytes: a batch never mixes the two.
 */
function joinRows(parts: readonly (string | Uint8Array)[]): string | Uint8Array {
	if (parts.every((part) => typeof part === "string")) return parts.join("");
	return Buffer.concat(parts as readonly Uint8Array[]);
}

/** Writes a batch in one transaction, with the projections of its learners, or rejects it whole. */
async function writeBatch(tx: SqlTransaction, batch: WritableBatch): Promise<Written> {
	const ids = batch.learnerIds;
	const versions = await lockStreams(tx, ids);
	// A learner new to the store (version 0) has no log to read.
	const logs = await readLogs(
		tx,
		ids.filter((id) => (versions.get(id) ?? 0) > 0),
	);
	const checks = await batch.check(
		ids.map((learnerId) => ({
			learnerId,
			version: versions.get(learnerId) ?? 0,
			facts: (logs.get(learnerId) ?? []).map((stored) => stored.fact),
		})),
	);
	const issues = [...batch.issues];
	const copyRows: (string | Uint8Array)[] = [];
	const projections: string[] = [];
	const versionsAfter = new Map<string, number>();
	let present = 0;
	let facts = 0;
	for (const [learnerId, check] of checks) {
		present += check.present;
		issues.push(...check.issues);
		if (check.write === undefined) continue;
		copyRows.push(check.write.copyRows);
		facts += check.write.facts;
		versionsAfter.set(learnerId, check.write.version);
		projections.push(check.write.projection);
	}
	if (issues.length > 0) throw new BatchRejected(issues.sort((a, b) => a.line - b.line));
	await copyFacts(tx, joinRows(copyRows), versionsAfter);
	if (projections.length > 0) await writeProjectionsJson(tx, `[${projections.join(",")}]`);
	return { facts, present, learners: projections.length };
}

/** Counts for the report, kept as batches end. */
class Tally {
	bytesRead = 0;
	linesRead = 0;
	factsWritten = 0;
	factsAlreadyPresent = 0;
	rowsRejected = 0;
	batchesWritten = 0;
	batchesRejected = 0;
	learnersWritten = 0;
	issuesOmitted = 0;
	readonly issues: ImportIssue[] = [];
	readonly rejectedLines: { from: number; to: number }[] = [];

	written(written: Written): void {
		this.factsWritten += written.facts;
		this.factsAlreadyPresent += written.present;
		this.learnersWritten += written.learners;
		this.batchesWritten++;
	}

	rejected(batch: WritableBatch, issues: readonly ImportIssue[]): void {
		this.rowsRejected += batch.size;
		this.batchesRejected++;
		if (this.rejectedLines.length < maxListed) {
			this.rejectedLines.push({ from: batch.firstLine, to: batch.lastLine });
		}
		const room = Math.max(0, maxListed - this.issues.length);
		this.issues.push(...issues.slice(0, room));
		this.issuesOmitted += Math.max(0, issues.length - room);
	}

	progress(): ImportProgress {
		const { bytesRead, linesRead, factsWritten, factsAlreadyPresent, rowsRejected } = this;
		const { batchesWritten, batchesRejected } = this;
		return {
			bytesRead,
			linesRead,
			factsWritten,
			factsAlreadyPresent,
			rowsRejected,
			batchesWritten,
			batchesRejected,
		};
	}

	report(): ImportReport {
		return {
			...this.progress(),
			learnersWritten: this.learnersWritten,
			issues: this.issues,
			issuesOmitted: this.issuesOmitted,
			rejectedLines: this.rejectedLines,
		};
	}
}

/**
 * Batches being written, at most `limit` at once. A batch that shares a learner with one in
 * flight waits for it, so that it sees that learner's facts; the first failure stops the import.
 */
class Flights {
	readonly #limit: number;
	readonly #running: { learners: ReadonlySet<string>; done: Promise<void> }[] = [];
	#failure: { error: unknown } | undefined;

	constructor(limit: number) {
		this.#limit = limit;
	}

	async start(learnerIds: readonly string[], work: () => Promise<void>): Promise<void> {
		for (const flight of [...this.#running]) {
			if (learnerIds.some((id) => flight.learners.has(id))) await flight.done;
		}
		const learners = new Set(learnerIds);
		while (this.#running.length >= this.#limit) await this.#running[0]?.done;
		this.#throwIfFailed();
		const flight = {
			learners,
			done: work()
				.catch((error: unknown) => {
					this.#failure ??= { error };
				})
				.finally(() => {
					this.#running.splice(this.#running.indexOf(flight), 1);
				}),
		};
		this.#running.push(flight);
	}

	async drain(): Promise<void> {
		await this.settle();
		this.#throwIfFailed();
	}

	/** Waits for every batch being written, failed or not. */
	async settle(): Promise<void> {
		await Promise.all(this.#running.map((flight) => flight.done));
	}

	#throwIfFailed(): void {
		if (this.#failure !== undefined) throw this.#failure.error;
	}
}

/** The file's batches, read and checked in this thread or in a worker thread. */
async function* writableBatches(
	source: ImportSource,
	options: ImportOptions & { readonly law: Law; readonly batchSize: number; readonly tally: Tally },
	thread: CheckThread | undefined,
): AsyncGenerator<WritableBatch> {
	const { tally } = options;
	if (thread !== undefined) {
		const batches = thread.batches();
		for (;;) {
			const next = await batches.next();
			if (next.done) {
				tally.linesRead = next.value;
				return;
			}
			tally.linesRead = next.value.linesRead;
			yield writableFromWorker(next.value, thread);
		}
	}
	const context = { law: options.law, today: options.today, admit: options.admit };
	const batches = batchesOf(source, {
		format: options.format,
		batchSize: options.batchSize,
		onBytes: (bytes) => (tally.bytesRead += bytes),
		onLines: (lines) => (tally.linesRead = lines),
	});
	for await (const batch of batches) yield writableHere(batch, context);
}

/**
 * Imports facts from CSV or NDJSON (docs/import.md) in batches: each batch is checked by the
 * schema and, per learner, by the rules on the learner's whole history, then written with COPY
 * together with the learners' projections, or rejected whole with its issues by line. Facts
 * already in a learner's log (by fact id, with the same content) are skipped, so rerunning an
 * import that stopped half-way completes it.
 */
export async function importFacts(
	sql: Sql,
	law: Law,
	source: ImportSource,
	options: ImportOptions,
): Promise<ImportReport> {
	const batchSize = options.batchSize ?? 5000;
	const tally = new Tally();
	const flights = new Flights(options.concurrency ?? 2);
	const thread =
		options.workerThread && options.admit === undefined
			? new CheckThread(source, {
					law,
					today: options.today,
					format: options.format,
					batchSize,
					onBytes: (bytes) => (tally.bytesRead += bytes),
				})
			: undefined;
	const submit = (batch: WritableBatch) =>
		flights.start(batch.learnerIds, async () => {
			try {
				tally.written(await sql.transaction((tx) => writeBatch(tx, batch)));
			} catch (error) {
				if (!(error instanceof BatchRejected)) throw error;
				tally.rejected(batch, error.issues);
			} finally {
				batch.done();
			}
			options.onProgress?.(tally.progress());
		});
	try {
		const batches = writableBatches(source, { ...options, law, batchSize, tally }, thread);
		for await (const batch of batches) await submit(batch);
		await flights.drain();
	} finally {
		await flights.settle();
		await thread?.close();
	}
	return tally.report();
}
