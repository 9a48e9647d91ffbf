import { type Fact, InputError, type IsoDate, ParameterNotInForce } from "@rugzak/rules";
import { canonicalJson } from "../canonical-json.ts";
import type { Law } from "../law/load-law.ts";
import { factCopyRow } from "../log-tables.ts";
import { projectLeerkrediet } from "../projection.ts";
import type { Batch, ImportIssue, Row } from "./batch.ts";

/** A learner's log as a batch's transaction found it, after locking it. */
export interface FoundLog {
	readonly learnerId: string;
	readonly version: number;
	readonly facts: readonly Fact[];
}

/** Decides whether facts may be written (authorisation); a reason refuses them. */
export type Admit = (
	learnerId: string,
	fresh: readonly Fact[],
	log: readonly Fact[],
) => string | undefined;

/** What checking a learner's rows of a batch against their log gives. */
export interface LearnerCheck {
	/** Rows whose fact the log (or an earlier row) has already, with the same content. */
	readonly present: number;
	/** Problems that reject the batch. */
	readonly issues: readonly ImportIssue[];
	/** What to write, when there are new facts and no problems. */
	readonly write?: {
		/** The new facts as rows of the facts table (`factCopyRow`), or their UTF-8 from the worker. */
		readonly copyRows: string | Uint8Array;
		readonly facts: number;
		/** The learner's version after them. */
		readonly version: number;
		/** The learner's new projection as JSON (`writeProjectionsJson`). */
		readonly projection: string;
	};
}

export interface CheckContext {
	readonly law: Law;
	readonly today: IsoDate;
	readonly admit?: Admit | undefined;
}

/**
 * Checks a learner's rows of a batch against the learner's log: facts it has are skipped, a fact
 * id it has with other content is refused, and the whole history is checked by the rules, which
 * also give the projection. `schemaFailed` says a row of the learner failed the schema: the rows
 * are then only compared with the log.
 */
export function checkLearner(
	rows: readonly Row[],
	log: FoundLog,
	context: CheckContext & { readonly schemaFailed: boolean },
): LearnerCheck {
	const { learnerId, version } = log;
	const { fresh, present, conflicts } = separateByFactId(log.facts, rows);
	if (conflicts.length > 0 || fresh.length === 0 || context.schemaFailed) {
		return { present, issues: conflicts };
	}
	const freshFacts = fresh.map((row) => row.fact);
	const refusal = context.admit?.(learnerId, freshFacts, log.facts);
	if (refusal !== undefined) {
		const first = fresh[0] as Row;
		const issue = { field: "learnerId", rule: "V2", code: "not-allowed" as const };
		return {
			present,
			issues: [{ line: first.line, factId: first.fact.id, ...issue, message: refusal }],
		};
	}
	const after = version + fresh.length;
	let projection: string;
	try {
		const facts = [...log.facts, ...freshFacts];
		const input = { learnerId, version: after, facts, at: context.today };
		projection = JSON.stringify(projectLeerkrediet(input, context.law));
	} catch (error) {
		return { present, issues: issuesOnLines(error, fresh) };
	}
	let copyRows = "";
	for (const [i, row] of fresh.entries())
		copyRows += factCopyRow(learnerId, version + 1 + i, row.fact);
	return {
		present,
		issues: [],
		write: { copyRows, facts: fresh.length, version: after, projection },
	};
}

/** Checks the learners of a batch against their logs, found in the batch's transaction. */
export function checkBatch(
	batch: Batch,
	logs: readonly FoundLog[],
	context: CheckContext,
): [string, LearnerCheck][] {
	return logs.map((log) => {
		const rows = batch.byLearner.get(log.learnerId) ?? [];
		const schemaFailed = batch.learnersWithIssues.has(log.learnerId);
		return [log.learnerId, checkLearner(rows, log, { ...context, schemaFailed })];
	});
}

interface Separated {
	readonly fresh: Row[];
	readonly present: number;
	readonly conflicts: ImportIssue[];
}

/** Splits a learner's rows into facts not yet in the log and those it has (by fact id). */
function separateByFactId(log: readonly Fact[], rows: readonly Row[]): Separated {
	const stored = new Map(log.map((fact) => [fact.id, fact]));
	const seen = new Map<string, Row>();
	const fresh: Row[] = [];
	const conflicts: ImportIssue[] = [];
	let present = 0;
	for (const row of rows) {
		const earlierRow = seen.get(row.fact.id);
		const before = stored.get(row.fact.id) ?? earlierRow?.fact;
		if (before === undefined) {
			fresh.push(row);
			seen.set(row.fact.id, row);
		} else if (canonicalJson(before) === canonicalJson(row.fact)) {
			present++;
		} else {
			const where = earlierRow === undefined ? "in the store" : `on line ${earlierRow.line}`;
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
