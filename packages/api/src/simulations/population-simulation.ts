// The API's one use of the population core (`@rugzak/rules/population`) and its law loading
// (`@rugzak/store/simulation-law`, the light entry the CLI's simulate takes), run inside a
// simulation's worker thread: it reads the file chunk by chunk, so memory stays bounded whatever
// its size, and writes the per-learner rows as it goes.
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { LawFileError, ParameterNotInForce } from "@rugzak/rules";
import {
	CsvWriter,
	checkEarliestYear,
	checkPopulationHeader,
	createPopulationParser,
	createSimulationBalances,
	createSimulationTallies,
	keepLastLearner,
	learnerCsvHeader,
	lineTooLong,
	mostRowsPerLearner,
	type PopulationColumns,
	PopulationError,
	type SimulationBalances,
	type SimulationDocument,
	type SimulationLaws,
	shortestPopulationLineBytes,
	simulateUnderLaws,
	simulationDocument,
	startPopulationParse,
	UnsupportedPopulationLaw,
} from "@rugzak/rules/population";
import { loadSimulationLaws } from "@rugzak/store/simulation-law";

export type { SimulationDocument, SimulationLaws };

/** The laws to simulate under: up to the horizon, with a reform file or without. */
export interface LawInput {
	readonly horizon: number;
	readonly reformPath: string | undefined;
}

/** What to simulate: a population file, and where its rows go. */
export interface FileInput {
	readonly populationPath: string;
	/** How the summary names the population (`population`), as `rugzak simulate` names its file. */
	readonly populationName: string;
	/** The per-learner CSV, in the columns of `rugzak simulate --out`. */
	readonly outPath: string;
}

/** Why a simulation could not run, as plain data that crosses from the worker to the API. */
export type SimulationFailure =
	| { readonly code: "invalid-population"; readonly line: number; readonly reason: string }
	| { readonly code: "invalid-law-file"; readonly problems: readonly string[] }
	| { readonly code: "parameter-not-in-force"; readonly message: string }
	| { readonly code: "unsupported-law"; readonly message: string };

/** The failure an error stands for, or undefined for a bug (which the caller lets crash). */
export function failureOf(error: unknown): SimulationFailure | undefined {
	if (error instanceof PopulationError)
		return { code: error.code, line: error.line, reason: error.reason };
	if (error instanceof LawFileError) return { code: error.code, problems: error.problems };
	if (error instanceof ParameterNotInForce || error instanceof UnsupportedPopulationLaw)
		return { code: error.code, message: error.message };
	return undefined;
}

/** The shipped law and, when a reform file is named, the reformed law, up to the horizon. */
export function loadLaws(input: LawInput): SimulationLaws {
	return loadSimulationLaws({ reform: input.reformPath, horizon: input.horizon });
}

// Bytes read at a time; a line must fit in it.
const chunkBytes = 1 << 20;
const newline = "\n".charCodeAt(0);

/**
 * Simulates every learner of the file under the laws and writes their rows; returns the summary
 * `rugzak simulate --json` prints. Throws PopulationError at the first bad line, numbered in the
 * file (the header is line 1). `progress` hears the bytes read so far.
 */
export function simulateFile(
	input: FileInput & LawInput,
	laws: SimulationLaws,
	progress: (bytes: number) => void,
): SimulationDocument {
	const run = new LawRuns(laws);
	const file = openSync(input.populationPath, "r");
	const out = openSync(input.outPath, "w");
	const rows = new CsvWriter((bytes) => writeAll(out, bytes));
	try {
		writeAll(out, Buffer.from(learnerCsvHeader(laws)));
		const parser = createPopulationParser({
			inputBytes: chunkBytes,
			rowCapacity: Math.ceil(chunkBytes / shortestPopulationLineBytes) + mostRowsPerLearner,
		});
		const { columns } = parser;
		const state = startPopulationParse(1);
		// The parser's input has a spare byte for a newline after a last line that has none.
		const buffer = parser.input;
		let carry = 0;
		let position = 0;
		for (let first = true; ; first = false) {
			const got = readSync(file, buffer, carry, chunkBytes - carry, position);
			position += got;
			progress(position);
			const done = got === 0;
			let total = carry + got;
			if (done && total > 0 && buffer[total - 1] !== newline) buffer[total++] = newline;
			const start = first ? checkPopulationHeader(buffer.subarray(0, total)) : 0;
			const end = done ? total : buffer.lastIndexOf(newline, total - 1) + 1;
			if (end === 0 && !done) throw lineTooLong(state, chunkBytes);
			parser.parseLines({ start, end }, state, input.horizon);
			checkEarliestYear(state, laws.baseline);
			const complete = done ? columns.learnerCount : Math.max(0, columns.learnerCount - 1);
			run.simulate(columns, complete, rows);
			if (done) break;
			keepLastLearner(columns);
			buffer.copyWithin(0, end, total);
			carry = total - end;
		}
		rows.flush();
	} finally {
		closeSync(file);
		closeSync(out);
	}
	return run.summary(input);
}

/** The tallies under each law, and the balances of the chunk at hand. */
class LawRuns {
	readonly #laws: SimulationLaws;
	readonly #tallies;
	#balances: SimulationBalances | undefined;

	constructor(laws: SimulationLaws) {
		this.#laws = laws;
		this.#tallies = createSimulationTallies(laws);
	}

	/** Runs the first `count` learners of the columns under each law, and writes their rows. */
	simulate(columns: PopulationColumns, count: number, rows: CsvWriter): void {
		const learners = { from: 0, to: count };
		const balances = this.#sized(columns.learnerIds.length);
		simulateUnderLaws({ columns, learners, laws: this.#laws, tallies: this.#tallies, balances });
		rows.writeLearners({ columns, learners, laws: this.#laws, ...balances });
	}

	/** The document of `rugzak simulate --json`. */
	summary(input: FileInput & LawInput): SimulationDocument {
		return simulationDocument(
			{ population: input.populationName, horizon: input.horizon },
			this.#laws,
			this.#tallies,
		);
	}

	#sized(learners: number): SimulationBalances {
		this.#balances ??= createSimulationBalances(this.#laws, learners);
		return this.#balances;
	}
}

function writeAll(fd: number, bytes: Uint8Array): void {
	for (let written = 0; written < bytes.length; )
		written += writeSync(fd, bytes, written, bytes.length - written);
}
