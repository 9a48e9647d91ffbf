import { createReadStream, statSync } from "node:fs";
import { parseArgs } from "node:util";
import {
	handleCommand,
	type ImportFormat,
	type ImportReport,
	importFormats,
	openStore,
} from "@rugzak/store";
import type { Io } from "../io.ts";
import { oneOf } from "../options.ts";
import { progressModes, progressReporter } from "../render/progress.ts";
import { UsageError } from "../usage-error.ts";
import { storeOptions } from "./store-options.ts";

export const importUsage = `  rugzak import FILE [--format ndjson|csv] [--batch-size N] [--progress auto|bar|lines|off] [--data-dir DIR]
                                   facts in bulk into the store (docs/import.md); a rerun completes a stopped import`;

function formatOf(file: string, flag: string | undefined): ImportFormat {
	const format = oneOf("format", flag, importFormats);
	if (format !== undefined) return format;
	if (/\.csv$/i.test(file)) return "csv";
	if (/\.(nd)?jsonl?$/i.test(file) || /\.ndjson$/i.test(file)) return "ndjson";
	throw new UsageError(
		`cannot tell the format of ${file} from its name: pass --format ndjson or csv`,
	);
}

function batchSizeOf(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1_000_000) {
		throw new UsageError(`--batch-size must be a whole number from 1 to 1000000, not ${text}`);
	}
	return Number(text);
}

function summary(report: ImportReport, file: string, seconds: number): string {
	const rate = Math.round(report.factsWritten / Math.max(seconds, 0.001));
	return `imported ${report.factsWritten} facts for ${report.learnersWritten} learners from ${file} in ${seconds.toFixed(1)} s (${rate} facts/s); ${report.factsAlreadyPresent} already present, ${report.rowsRejected} rows not written\n`;
}

/** The issues of a report as `code: detail` lines; line numbers and fact ids, never a learner id. */
function issueLines(report: ImportReport): string {
	const lines = report.issues.map(
		(issue) =>
			`invalid-input: line ${issue.line}: ${issue.factId ?? "row"} ${issue.field}: ${issue.message} [${issue.rule}, ${issue.code}]\n`,
	);
	if (report.issuesOmitted > 0)
		lines.push(`invalid-input: and ${report.issuesOmitted} more issues\n`);
	for (const { from, to } of report.rejectedLines) {
		lines.push(`batch-rejected: nothing of lines ${from}-${to} was written\n`);
	}
	return lines.join("");
}

/** `rugzak import FILE`: facts from NDJSON or CSV into the store, in batches, with progress. */
export async function importCommand(args: string[], io: Io): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		options: {
			format: { type: "string" },
			"batch-size": { type: "string" },
			progress: { type: "string" },
			"data-dir": { type: "string" },
		},
		allowPositionals: true,
		strict: true,
	});
	const [file, ...rest] = positionals;
	if (file === undefined) throw new UsageError("a file to import is required");
	if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
	const format = formatOf(file, values.format);
	const batchSize = batchSizeOf(values["batch-size"]);
	const mode = oneOf("progress", values.progress, progressModes) ?? "auto";
	let totalBytes: number;
	try {
		totalBytes = statSync(file).size;
	} catch (error) {
		throw new UsageError(
			`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
		);
	}
	const store = await openStore(storeOptions(values["data-dir"], io));
	const progress = progressReporter(mode, io.stderr, totalBytes, () => performance.now());
	const started = performance.now();
	try {
		const report = await handleCommand(store, {
			type: "ImportFacts",
			data: {
				source: createReadStream(file),
				format,
				today: io.today(),
				batchSize,
				// Reading, parsing and checking in a worker thread keeps this one free for the database.
				workerThread: true,
				onProgress: (state) => progress.update(state),
			},
		});
		progress.done();
		io.stdout.write(summary(report, file, (performance.now() - started) / 1000));
		io.stderr.write(issueLines(report));
		return report.rowsRejected > 0 ? 1 : 0;
	} finally {
		progress.done();
		await store.close();
	}
}
