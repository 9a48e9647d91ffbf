import {
	type Fact,
	factSchema,
	InputError,
	type InputIssue,
	type IsoDate,
	ParameterNotInForce,
	parseFactsFile,
} from "@rugzak/rules";
import { canonicalJson } from "../canonical-json.ts";
import type { Law } from "../law/load-law.ts";
import { learnerIdProblem } from "../learner-id.ts";
import {
	lockStreams,
	type NewFact,
	readLogs,
	type StoredFact,
	writeFacts,
	writeProjections,
} from "../log-tables.ts";
import { type LeerkredietProjection, projectLeerkrediet } from "../projection.ts";
import type { Sql, SqlTransaction } from "../sql.ts";
import { csvRows } from "./csv-rows.ts";
import { type ImportSource, readLines } from "./read-lines.ts";
import { ndjsonRows, type RawRow, type RowParser } from "./row-parser.ts";

export type { ImportSource } from "./read-lines.ts";

export const importFormats = ["ndjson", "csv"] as const;
export type ImportFormat = (typeof importFormats)[number];

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
	readonly admit?:
		| ((learnerId: string, fresh: readonly Fact[], log: readonly Fact[]) => string | undefined)
		| undefined;
}

/** What is wrong with a row: its line, and the fact, field and rule as the rules name them. */
export interface ImportIssue extends InputIssue {
	readonly line: number;
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

interface Row {
	readonly line: number;
	readonly learnerId: string;
	readonly fact: Fact;
}

/** Rows that are written or rejected together, cut only between learners where possible. */
class Batch {
	/** The valid rows by learner, in file order. */
	readonly byLearner = new Map<string, Row[]>();
	readonly issues: ImportIssue[] = [];
	/** Learners with a row that failed the schema: their history is not checked in this batch. */
	readonly learnersWithIssues = new Set<string>();
	size = 0;
	firstLine = 0;
	lastLine = 0;
	lastLearner: unknown;

	add(raw: RawRow): void {
		if (this.size++ === 0) this.firstLine = raw.line;
		this.lastLine = raw.line;
		if ("learnerId" in raw) this.lastLearner = raw.learnerId;
		const checked = checkRow(raw);
		if ("issues" in checked) {
			this.issues.push(...checked.issues);
			if ("learnerId" in raw && typeof raw.learnerId === "string") {
				this.learnersWithIssues.add(raw.learnerId);
			}
			return;
		}
		const rows = this.byLearner.get(checked.learnerId);
		if (rows === undefined) this.byLearner.set(checked.learnerId, [checked]);
		else rows.push(checked);
	}
}

/** A row's learner id and fact by the schema, or its issues. */
function checkRow(raw: RawRow): Row | { readonly issues: ImportIssue[] } {
	const { line } = raw;
	if ("problem" in raw) {
		const { field, message } = raw.problem;
		return { issues: [{ line, factId: undefined, field, rule: "V2", code: "malformed", message }] };
	}
	const issues: ImportIssue[] = [];
	const learnerProblem = learnerIdProblem(raw.learnerId);
	if (learnerProblem !== undefined) {
		const issue = { field: "learnerId", rule: "V2", code: "invalid-value" as const };
		issues.push({ line, factId: undefined, ...issue, message: learnerProblem });
	}
	const parsed = factSchema.safeParse(raw.fact);
	if (!parsed.success) {
		try {
			parseFactsFile({ schemaVersion: 1, facts: [raw.fact] });
		} catch (error) {
			// The rules name the fact by id, or by position when it has none: here its line says it.
			for (const issue of (error as InputError).issues) {
				const factId = issue.factId === "facts[0]" ? undefined : issue.factId;
				issues.push({ ...issue, line, factId });
			}
		}
	}
	if (issues.length > 0 || !parsed.success) return { issues };
	return { line, learnerId: raw.learnerId as string, fact: parsed.data };
}

/** Thrown inside a batch's transaction to roll it back, with the reasons. */
class BatchRejected extends Error {
	readonly issues: readonly ImportIssue[];
	constructor(issues: readonly ImportIssue[]) {
		super(`batch rejected: ${issues.length} issues`);
		this.issues = issues;
	}
}

interface Separated {
	readonly fresh: Row[];
	readonly present: number;
	readonly conflicts: ImportIssue[];
}

/** Splits a learner's rows into facts not yet in the log and those it has (by fact id). */
function separateByFactId(log: readonly StoredFact[], rows: readonly Row[]): Separated {
	const earlier = new Map<string, { fact: Fact; line: number | undefined }>(
		log.map((stored) => [stored.fact.id, { fact: stored.fact, line: undefined }]),
	);
	const fresh: Row[] = [];
	const conflicts: ImportIssue[] = [];
	let present = 0;
	for (const row of rows) {
		const before = earlier.get(row.fact.id);
		if (before === undefined) {
			fresh.push(row);
			earlier.set(row.fact.id, { fact: row.fact, line: row.line });
		} else if (canonicalJson(before.fact) === canonicalJson(row.fact)) {
			present++;
		} else {
			const where = before.line === undefined ? "in the store" : `on line ${before.line}`;
			const message = `fact ${row.fact.id} is ${where} already, with other content; a fact is never changed`;
			conflicts.push({
				line: row.line,
				factId: row.fact.id,
				field: "id",
				rule: "V3",
				code: "duplicate-id",
				message,
			});
		}
	}
	return { fresh, present, conflicts };
}

/** The rules' issues about a learner's history, placed on the lines of the facts they name. */
function issuesOnLines(error: unknown, rows: readonly Row[]): ImportIssue[] {
	const lineOf = new Map(rows.map((row) => [row.fact.id, row.line]));
	const first = rows[0]?.line ?? 0;
	if (error instanceof ParameterNotInForce) {
		const issue = {
			factId: undefined,
			field: "date",
			rule: "V1",
			code: "date-outside-academic-year" as const,
		};
		return [{ line: first, ...issue, message: error.message }];
	}
	if (!(error instanceof InputError)) throw error;
	return error.issues.map((issue) => ({
		...issue,
		line: (issue.factId === undefined ? undefined : lineOf.get(issue.factId)) ?? first,
	}));
}

interface Written {
	readonly facts: number;
	readonly present: number;
	readonly learners: number;
}

/** Writes a batch in one transaction, with the projections of its learners, or rejects it whole. */
async function writeBatch(
	tx: SqlTransaction,
	batch: Batch,
	law: Law,
	options: Pick<ImportOptions, "today" | "admit">,
): Promise<Written> {
	const { today } = options;
	const ids = [...batch.byLearner.keys()];
	const versions = await lockStreams(tx, ids);
	const logs = await readLogs(tx, ids);
	const issues = [...batch.issues];
	const newFacts: NewFact[] = [];
	const projections: LeerkredietProjection[] = [];
	let present = 0;
	for (const [learnerId, rows] of batch.byLearner) {
		const log = logs.get(learnerId) ?? [];
		const { fresh, present: found, conflicts } = separateByFactId(log, rows);
		present += found;
		issues.push(...conflicts);
		const skip = conflicts.length > 0 || batch.learnersWithIssues.has(learnerId);
		if (fresh.length === 0 || skip) continue;
		const version = versions.get(learnerId) ?? 0;
		const refusal = options.admit?.(
			learnerId,
			fresh.map((row) => row.fact),
			log.map((stored) => stored.fact),
		);
		if (refusal !== undefined) {
			const first = fresh[0] as Row;
			issues.push({
				line: first.line,
				factId: first.fact.id,
				field: "learnerId",
				rule: "V2",
				code: "not-allowed",
				message: refusal,
			});
			continue;
		}
		const facts = [...log.map((stored) => stored.fact), ...fresh.map((row) => row.fact)];
		try {
			const input = { learnerId, version: version + fresh.length, facts, at: today };
			projections.push(projectLeerkrediet(input, law));
		} catch (error) {
			issues.push(...issuesOnLines(error, fresh));
			continue;
		}
		for (const [i, row] of fresh.entries()) {
			newFacts.push({ learnerId, position: version + 1 + i, fact: row.fact });
		}
	}
	if (issues.length > 0) throw new BatchRejected(issues.sort((a, b) => a.line - b.line));
	await writeFacts(tx, newFacts);
	await writeProjections(tx, projections);
	return { facts: newFacts.length, present, learners: projections.length };
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

	rejected(batch: Batch, issues: readonly ImportIssue[]): void {
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
	readonly #running: { learners: ReadonlyMap<string, unknown>; done: Promise<void> }[] = [];
	#failure: { error: unknown } | undefined;

	constructor(limit: number) {
		this.#limit = limit;
	}

	async start(learners: ReadonlyMap<string, unknown>, work: () => Promise<void>): Promise<void> {
		for (const flight of [...this.#running]) {
			if ([...learners.keys()].some((id) => flight.learners.has(id))) await flight.done;
		}
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
		await Promise.all(this.#running.map((flight) => flight.done));
		this.#throwIfFailed();
	}

	#throwIfFailed(): void {
		if (this.#failure !== undefined) throw this.#failure.error;
	}
}

/** The rows of the file, a chunk's worth at a time (one await per chunk, not per row). */
async function* parsedRows(source: ImportSource, parser: RowParser, tally: Tally) {
	for await (const lines of readLines(source, (bytes) => (tally.bytesRead += bytes))) {
		const rows: RawRow[] = [];
		for (const line of lines) {
			tally.linesRead = line.line;
			const raw = parser.row(line);
			if (raw !== undefined) rows.push(raw);
		}
		yield rows;
	}
	const last = parser.end();
	if (last !== undefined) yield [last];
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
	const parser = options.format === "csv" ? csvRows() : ndjsonRows();
	const tally = new Tally();
	const flights = new Flights(options.concurrency ?? 2);
	const submit = (batch: Batch) =>
		flights.start(batch.byLearner, async () => {
			try {
				tally.written(await sql.transaction((tx) => writeBatch(tx, batch, law, options)));
			} catch (error) {
				if (!(error instanceof BatchRejected)) throw error;
				tally.rejected(batch, error.issues);
			}
			options.onProgress?.(tally.progress());
		});
	let batch = new Batch();
	for await (const rows of parsedRows(source, parser, tally)) {
		for (const raw of rows) {
			const sameLearner = "learnerId" in raw && raw.learnerId === batch.lastLearner;
			// A learner's facts stay in one batch, unless there are very many of them.
			if ((batch.size >= batchSize && !sameLearner) || batch.size >= 4 * batchSize) {
				await submit(batch);
				batch = new Batch();
			}
			batch.add(raw);
		}
	}
	if (batch.size > 0) await submit(batch);
	await flights.drain();
	return tally.report();
}
