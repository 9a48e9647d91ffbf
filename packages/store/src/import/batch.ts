import {
	type Fact,
	factSchema,
	type InputError,
	type InputIssue,
	parseFactsFile,
} from "@rugzak/rules";
import { learnerIdProblem } from "../learner-id.ts";
import { csvRows } from "./csv-rows.ts";
import { type ImportSource, readLines, type SourceLine } from "./read-lines.ts";
import { ndjsonRows, type RawRow } from "./row-parser.ts";

export const importFormats = ["ndjson", "csv"] as const;
export type ImportFormat = (typeof importFormats)[number];

/** What is wrong with a row: its line, and the fact, field and rule as the rules name them. */
export interface ImportIssue extends InputIssue {
	readonly line: number;
}

/** A row that passed the schema: its line, learner and fact. */
export interface Row {
	readonly line: number;
	readonly learnerId: string;
	readonly fact: Fact;
}

/** Rows that are written or rejected together, cut only between learners where possible. */
export class Batch {
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

/**
 * Reads a file in batches of about `batchSize` rows, each row checked by the schema. A batch
 * ends only between two learners, so that a learner's facts are checked together, unless a
 * learner has more than four batches' worth.
 */
export async function* batchesOf(
	source: ImportSource,
	options: {
		readonly format: ImportFormat;
		readonly batchSize: number;
		readonly onBytes: (bytes: number) => void;
		/** Told the number of lines read so far, after each chunk of the file. */
		readonly onLines: (lines: number) => void;
	},
): AsyncGenerator<Batch> {
	const { batchSize } = options;
	const parser = options.format === "csv" ? csvRows() : ndjsonRows();
	let batch = new Batch();
	/** The batch to hand out before `raw` joins, if `raw` starts a new one. */
	const cut = (raw: RawRow): Batch | undefined => {
		const sameLearner = "learnerId" in raw && raw.learnerId === batch.lastLearner;
		if ((batch.size >= batchSize && !sameLearner) || batch.size >= 4 * batchSize) {
			const full = batch;
			batch = new Batch();
			return full;
		}
		return undefined;
	};
	for await (const lines of readLines(source, options.onBytes)) {
		const full: Batch[] = [];
		for (const line of lines) {
			const raw = parser.row(line);
			if (raw === undefined) continue;
			const done = cut(raw);
			if (done !== undefined) full.push(done);
			batch.add(raw);
		}
		if (lines.length > 0) options.onLines((lines.at(-1) as SourceLine).line);
		yield* full;
	}
	const last = parser.end();
	if (last !== undefined) {
		const done = cut(last);
		if (done !== undefined) yield done;
		batch.add(last);
	}
	if (batch.size > 0) yield batch;
}
