import { closeSync, openSync, readSync, writeSync } from "node:fs";
import {
	CsvWriter,
	checkEarliestYear,
	clearPopulationColumns,
	createPopulationParser,
	createSimulationBalances,
	createSimulationTallies,
	keepLastLearner,
	type LearnerRange,
	lineTooLong,
	mostRowsPerLearner,
	type PopulationColumns,
	PopulationError,
	type PopulationParser,
	type PopulationParseState,
	type SimulationBalances,
	type SimulationLaws,
	type SimulationTallies,
	shortestPopulationLineBytes,
	simulateUnderLaws,
	startPopulationParse,
} from "@rugzak/rules/population";
import type { ByteRange } from "./split-by-learner.ts";

export type { SimulationLaws };

/** A range of a population file to simulate: it starts at `start` and grows piece by piece. */
export interface RangeTask {
	readonly path: string;
	readonly start: number;
	readonly horizon: number;
	readonly chunkBytes: number;
	/** Where to write the per-learner rows of this range (part of `--out`), when asked. */
	readonly outPath: string | undefined;
}

/** What a range adds to the simulation; the lines let the caller number the lines of later ranges. */
export interface RangeResult extends SimulationTallies {
	/** The bytes read: from the task's start to the end of the last piece taken. */
	readonly range: ByteRange;
	readonly lines: number;
	/** The first and last learner_id of the range, 0 when it has none. */
	readonly firstLearnerId: number;
	readonly lastLearnerId: number;
	/** Time spent in the pure compute (simulate and compare), and in reading and parsing. */
	readonly computeMs: number;
	readonly readAndParseMs: number;
}

/** How a range ended: with its result, or at an invalid line (counted from the range's start). */
export type RangeOutcome =
	| { readonly valid: true; readonly result: RangeResult }
	| {
			readonly valid: false;
			readonly start: number;
			readonly line: number;
			readonly reason: string;
	  };

/** `simulateRange`, with an invalid line as an outcome rather than an error. */
export function tryRange(
	task: RangeTask,
	hooks: RangeHooks,
	parser?: PopulationParser,
): RangeOutcome {
	try {
		return { valid: true, result: simulateRange(task, hooks, parser) };
	} catch (error) {
		if (!(error instanceof PopulationError)) throw error;
		return { valid: false, start: task.start, line: error.line, reason: error.reason };
	}
}

/** How a range reaches the outside world: its pieces, the laws (which may come late), progress. */
export interface RangeHooks {
	/** The next piece, which must start where the range ends, or undefined when there is none. */
	nextPiece(): ByteRange | undefined;
	/** The laws, or undefined while they are not there; with `wait`, blocks until they are. */
	takeLaws(wait: boolean): SimulationLaws | undefined;
	/** Bytes of this thread's pieces done since the last call. */
	progress(bytes: number): void;
}

// Rows parsed before the laws arrive stay in the columns, up to this many (8 bytes a row, and
// 8 a learner); then reading waits for the laws. A million learners fit; ten million stream.
const rowsAheadOfLaws = 4 << 20;
const newline = "\n".charCodeAt(0);
// Learners simulated at a time when their balances are kept (for --out).
const learnersPerSlice = 1 << 16;

/**
 * Reads a byte range of whole learners chunk by chunk, parses each chunk into columns and runs
 * the rules over the learners it completes, so that memory stays bounded whatever the file's size.
 * Throws PopulationError with the line counted from the start of the range.
 */
export function simulateRange(
	task: RangeTask,
	hooks: RangeHooks,
	parser: PopulationParser = createRangeParser(task.chunkBytes),
): RangeResult {
	const { columns } = parser;
	const reader = new RangeReader(task, hooks, parser);
	const runner = new BatchRunner(task, hooks);
	clearPopulationColumns(columns);
	const rowsPerChunk = Math.ceil(task.chunkBytes / shortestPopulationLineBytes);
	try {
		while (reader.readChunk()) {
			const full = columns.years.length - columns.rowCount < rowsPerChunk + mostRowsPerLearner;
			runner.offer(columns, { state: reader.state, done: reader.done, full });
		}
		runner.offer(columns, { state: reader.state, done: true, full: true });
		return runner.result(reader.range, reader.state.lines, reader.readAndParseMs);
	} finally {
		reader.close();
		runner.close();
	}
}

/**
 * A parser for `simulateRange`, to reuse from range to range: its memory (a chunk and the columns)
 * is allocated once, and its pages are touched only as rows fill them.
 */
export function createRangeParser(chunkBytes: number): PopulationParser {
	const rowsPerChunk = Math.ceil(chunkBytes / shortestPopulationLineBytes);
	return createPopulationParser({
		inputBytes: chunkBytes,
		rowCapacity: Math.max(rowsAheadOfLaws, 2 * rowsPerChunk) + mostRowsPerLearner,
	});
}

/** Reads a range in chunks of whole lines, taking piece after piece, and parses them. */
class RangeReader {
	readonly state: PopulationParseState = startPopulationParse(0);
	readAndParseMs = 0;
	done = false;
	readonly #task: RangeTask;
	readonly #hooks: RangeHooks;
	readonly #fd: number;
	readonly #parser: PopulationParser;
	#position: number;
	#end: number;
	#carry = 0;

	constructor(task: RangeTask, hooks: RangeHooks, parser: PopulationParser) {
		this.#task = task;
		this.#hooks = hooks;
		this.#fd = openSync(task.path, "r");
		// Its input has a spare byte for a newline after a last line that has none.
		this.#parser = parser;
		this.#position = task.start;
		this.#end = task.start;
	}

	get range(): ByteRange {
		return { start: this.#task.start, end: this.#end };
	}

	/** Parses the next chunk into the parser's columns; false when the range is done. */
	readChunk(): boolean {
		if (this.done) return false;
		const started = performance.now();
		const { chunkBytes, horizon } = this.#task;
		if (this.#position === this.#end) this.#takePiece();
		const buffer = this.#parser.input;
		const length = Math.min(chunkBytes - this.#carry, this.#end - this.#position);
		const got = length > 0 ? readSync(this.#fd, buffer, this.#carry, length, this.#position) : 0;
		this.#position += got;
		this.#hooks.progress(got);
		let total = this.#carry + got;
		if (this.#position === this.#end) this.#takePiece();
		this.done = this.#position === this.#end || got === 0;
		if (this.done && total === 0) return true;
		if (this.done && buffer[total - 1] !== newline) buffer[total++] = newline;
		const end = this.done ? total : buffer.lastIndexOf(newline, total - 1) + 1;
		if (end === 0) throw lineTooLong(this.state, chunkBytes);
		this.#parser.parseLines({ start: 0, end }, this.state, horizon);
		buffer.copyWithin(0, end, total);
		this.#carry = total - end;
		this.readAndParseMs += performance.now() - started;
		return true;
	}

	close(): void {
		closeSync(this.#fd);
	}

	#takePiece(): void {
		const piece = this.#hooks.nextPiece();
		if (piece === undefined) return;
		// (not node:assert, which a worker would take several milliseconds to import)
		if (piece.start !== this.#end) throw new Error("a range grows by the piece that follows it");
		this.#end = piece.end;
	}
}

/** Runs the rules over the learners parsed so far once the laws are there, and sums up. */
class BatchRunner {
	firstLearnerId = 0;
	lastLearnerId = 0;
	computeMs = 0;
	readonly #hooks: RangeHooks;
	readonly #outFd: number | undefined;
	readonly #out: CsvWriter | undefined;
	#run: LawRun | undefined;

	constructor(task: RangeTask, hooks: RangeHooks) {
		this.#hooks = hooks;
		this.#outFd = task.outPath === undefined ? undefined : openSync(task.outPath, "w");
		const fd = this.#outFd;
		this.#out = fd === undefined ? undefined : new CsvWriter((bytes) => writeAll(fd, bytes));
	}

	/**
	 * Runs the learners the columns complete (all of them when the range is done), once the laws
	 * are there; while they are not, the columns fill up, and when they are full this waits.
	 */
	offer(
		columns: PopulationColumns,
		at: { readonly state: PopulationParseState; readonly done: boolean; readonly full: boolean },
	): void {
		if (this.#run === undefined) {
			const laws = this.#hooks.takeLaws(at.full);
			if (laws === undefined) return;
			this.#run = new LawRun(laws);
		}
		checkEarliestYear(at.state, this.#run.laws.baseline);
		const complete = at.done ? columns.learnerCount : columns.learnerCount - 1;
		if (complete > 0) {
			if (this.firstLearnerId === 0) this.firstLearnerId = columns.learnerIds[0] as number;
			this.lastLearnerId = columns.learnerIds[complete - 1] as number;
		}
		const slice = this.#out === undefined ? complete : learnersPerSlice;
		for (let from = 0; from < complete; from += slice) {
			this.#runSlice(this.#run, columns, { from, to: Math.min(complete, from + slice) });
		}
		if (at.done) clearPopulationColumns(columns);
		else keepLastLearner(columns);
	}

	result(range: ByteRange, lines: number, readAndParseMs: number): RangeResult {
		const run = this.#run as LawRun;
		return {
			range,
			lines,
			firstLearnerId: this.firstLearnerId,
			lastLearnerId: this.lastLearnerId,
			...run.tallies,
			computeMs: this.computeMs,
			readAndParseMs,
		};
	}

	close(): void {
		if (this.#outFd === undefined) return;
		this.#out?.flush();
		closeSync(this.#outFd);
	}

	#runSlice(run: LawRun, columns: PopulationColumns, learners: LearnerRange): void {
		const started = performance.now();
		const balances = run.simulate(columns, learners, this.#out !== undefined);
		this.computeMs += performance.now() - started;
		if (balances !== undefined)
			this.#out?.writeLearners({ columns, learners, laws: run.laws, ...balances });
	}
}

/** The tallies under each law, and the balances of the batch at hand when they are kept (`--out`). */
class LawRun {
	readonly laws: SimulationLaws;
	readonly tallies: SimulationTallies;
	#balances: SimulationBalances | undefined;

	constructor(laws: SimulationLaws) {
		this.laws = laws;
		this.tallies = createSimulationTallies(laws);
	}

	/** Runs the batch under each law; returns the balances when they are kept. */
	simulate(
		columns: PopulationColumns,
		learners: LearnerRange,
		keepBalances: boolean,
	): SimulationBalances | undefined {
		const balances = keepBalances ? this.#sized(learners.to - learners.from) : undefined;
		simulateUnderLaws({ columns, learners, laws: this.laws, tallies: this.tallies, balances });
		return balances;
	}

	/** Balance arrays with room for `count` learners, reused while they are large enough. */
	#sized(count: number): SimulationBalances {
		if (this.#balances === undefined || this.#balances.baseline.finalBalances.length < count) {
			this.#balances = createSimulationBalances(this.laws, count);
		}
		return this.#balances;
	}
}

function writeAll(fd: number, bytes: Uint8Array): void {
	for (let written = 0; written < bytes.length; )
		written += writeSync(fd, bytes, written, bytes.length - written);
}
