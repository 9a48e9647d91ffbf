import { closeSync, openSync, readSync } from "node:fs";
import {
	clearPopulationColumns,
	comparePopulation,
	createDifferenceTally,
	createPopulationColumns,
	createTally,
	type DifferenceTally,
	mostRowsPerLearner,
	moveLastLearner,
	type PopulationColumns,
	PopulationError,
	type PopulationLaw,
	type PopulationParseState,
	type PopulationTally,
	parsePopulationLines,
	shortestPopulationLineBytes,
	simulatePopulation,
	startPopulationParse,
	yearSpanOf,
} from "@rugzak/rules/population";
import { type BatchBalances, CsvWriter } from "./learner-csv.ts";
import type { ByteRange } from "./split-by-learner.ts";

/** The laws a simulation runs under: the baseline, and the reform compared with it. */
export interface SimulationLaws {
	readonly baseline: PopulationLaw;
	readonly reform: PopulationLaw | undefined;
}

/** One byte range of a population file to simulate. */
export interface RangeTask {
	readonly path: string;
	readonly range: ByteRange;
	readonly horizon: number;
	readonly chunkBytes: number;
	/** Where to write the per-learner rows of this range (part of `--out`), when asked. */
	readonly outPath: string | undefined;
}

/** What a range adds to the simulation; the lines let the caller number the lines of later ranges. */
export interface RangeResult {
	readonly lines: number;
	/** The first and last learner_id of the range, 0 when it has none. */
	readonly firstLearnerId: number;
	readonly lastLearnerId: number;
	readonly baseline: PopulationTally;
	readonly reform: PopulationTally | undefined;
	readonly difference: DifferenceTally | undefined;
	/** Time spent in the pure compute (simulate and compare), and in reading and parsing. */
	readonly computeMs: number;
	readonly readAndParseMs: number;
}

/** How a range reaches the outside world: the laws (which may arrive late), progress and a clock. */
export interface RangeHooks {
	/** The laws, or undefined while they are not there; with `wait`, blocks until they are. */
	takeLaws(wait: boolean): SimulationLaws | undefined;
	progress(bytesDone: number): void;
}

// Batches parsed before the laws arrive wait in memory, up to this many; then reading waits.
const maxPendingBatches = 64;

/**
 * Reads a byte range of whole learners chunk by chunk, parses each chunk into columns and runs
 * the rules over the learners it completes, so that memory stays bounded whatever the file's size.
 * Throws PopulationError with the line counted from the start of the range.
 */
export function simulateRange(task: RangeTask, hooks: RangeHooks): RangeResult {
	const reader = new RangeReader(task);
	const batches = new BatchRunner(task, hooks);
	try {
		let columns = batches.freshColumns();
		while (reader.readChunk(columns)) {
			const next = batches.freshColumns();
			if (!reader.done) moveLastLearner(columns, next);
			batches.add(columns, reader.state);
			columns = next;
			hooks.progress(reader.bytesDone);
		}
		batches.add(columns, reader.state);
		batches.finish(reader.state);
		return batches.result(reader.state.lines, reader.readAndParseMs);
	} finally {
		reader.close();
		batches.close();
	}
}

/** Reads a range in chunks of whole lines and parses them. */
class RangeReader {
	readonly state: PopulationParseState = startPopulationParse(0);
	readAndParseMs = 0;
	done = false;
	readonly #task: RangeTask;
	readonly #fd: number;
	readonly #buffer: Uint8Array;
	#position: number;
	#carry = 0;

	constructor(task: RangeTask) {
		this.#task = task;
		this.#fd = openSync(task.path, "r");
		// One spare byte for a newline after a last line that has none.
		this.#buffer = new Uint8Array(task.chunkBytes + 1);
		this.#position = task.range.start;
	}

	get bytesDone(): number {
		return this.#position - this.#task.range.start;
	}

	/** Parses the next chunk into `columns`; false when the range is done. */
	readChunk(columns: PopulationColumns): boolean {
		if (this.done) return false;
		const started = performance.now();
		const { range, chunkBytes, horizon } = this.#task;
		const buffer = this.#buffer;
		const length = Math.min(chunkBytes - this.#carry, range.end - this.#position);
		const got = length > 0 ? readSync(this.#fd, buffer, this.#carry, length, this.#position) : 0;
		this.#position += got;
		let total = this.#carry + got;
		this.done = this.#position >= range.end || got === 0;
		if (this.done && total === 0) return true;
		if (this.done && buffer[total - 1] !== 10) buffer[total++] = 10;
		const end = this.done ? total : buffer.lastIndexOf(10, total - 1) + 1;
		if (end === 0) {
			const line = this.state.lineOffset + this.state.lines + 1;
			throw new PopulationError(line, `the line is longer than ${chunkBytes} bytes`);
		}
		parsePopulationLines(buffer, { start: 0, end }, columns, this.state, horizon);
		buffer.copyWithin(0, end, total);
		this.#carry = total - end;
		this.readAndParseMs += performance.now() - started;
		return true;
	}

	close(): void {
		closeSync(this.#fd);
	}
}

/** Runs the rules over batches of learners once the laws are there, and sums up what they give. */
class BatchRunner {
	firstLearnerId = 0;
	lastLearnerId = 0;
	computeMs = 0;
	readonly #hooks: RangeHooks;
	readonly #rowCapacity: number;
	readonly #pending: PopulationColumns[] = [];
	readonly #pool: PopulationColumns[] = [];
	readonly #outFd: number | undefined;
	readonly #out: CsvWriter | undefined;
	#run: LawRun | undefined;

	constructor(task: RangeTask, hooks: RangeHooks) {
		this.#hooks = hooks;
		// A chunk's rows, and the rows of a learner carried over from the chunk before.
		this.#rowCapacity =
			Math.ceil(task.chunkBytes / shortestPopulationLineBytes) + mostRowsPerLearner;
		this.#outFd = task.outPath === undefined ? undefined : openSync(task.outPath, "w");
		this.#out = this.#outFd === undefined ? undefined : new CsvWriter(this.#outFd);
	}

	freshColumns(): PopulationColumns {
		const columns = this.#pool.pop() ?? createPopulationColumns(this.#rowCapacity);
		clearPopulationColumns(columns);
		return columns;
	}

	/** Queues a batch of whole learners, and runs the queue when the laws are there. */
	add(columns: PopulationColumns, state: PopulationParseState): void {
		this.#pending.push(columns);
		if (this.#run === undefined) {
			const laws = this.#hooks.takeLaws(this.#pending.length >= maxPendingBatches);
			if (laws !== undefined) this.#run = new LawRun(laws);
		}
		if (this.#run !== undefined) this.#runPending(this.#run, state);
	}

	/** Waits for the laws if they are not there yet, and runs what is queued. */
	finish(state: PopulationParseState): void {
		this.#run ??= new LawRun(this.#hooks.takeLaws(true) as SimulationLaws);
		this.#runPending(this.#run, state);
	}

	result(lines: number, readAndParseMs: number): RangeResult {
		const run = this.#run as LawRun;
		return {
			lines,
			firstLearnerId: this.firstLearnerId,
			lastLearnerId: this.lastLearnerId,
			baseline: run.baseline,
			reform: run.reform,
			difference: run.difference,
			computeMs: this.computeMs,
			readAndParseMs,
		};
	}

	close(): void {
		if (this.#outFd === undefined) return;
		this.#out?.flush();
		closeSync(this.#outFd);
	}

	#runPending(run: LawRun, state: PopulationParseState): void {
		const { firstYear } = run.laws.baseline;
		if (state.earliestYear < firstYear) {
			throw new PopulationError(
				state.earliestYearLine,
				`academic year ${state.earliestYear} is before ${firstYear}, the first in which the leerkrediet law is in force`,
			);
		}
		for (const columns of this.#pending) {
			if (columns.learnerCount > 0) this.#runBatch(run, columns);
			this.#pool.push(columns);
		}
		this.#pending.length = 0;
	}

	#runBatch(run: LawRun, columns: PopulationColumns): void {
		if (this.firstLearnerId === 0) this.firstLearnerId = columns.learnerIds[0] as number;
		this.lastLearnerId = columns.learnerIds[columns.learnerCount - 1] as number;
		const started = performance.now();
		const balances = run.simulate(columns, this.#out !== undefined);
		this.computeMs += performance.now() - started;
		if (balances !== undefined) this.#out?.writeLearners({ columns, laws: run.laws, ...balances });
	}
}

/** The tallies under each law, and the balances of the batch at hand when they are needed. */
class LawRun {
	readonly laws: SimulationLaws;
	readonly baseline: PopulationTally;
	readonly reform: PopulationTally | undefined;
	readonly difference: DifferenceTally | undefined;
	#baselineBalances = noBalances;
	#reformBalances = noBalances;

	constructor(laws: SimulationLaws) {
		this.laws = laws;
		this.baseline = createTally(laws.baseline);
		this.reform = laws.reform && createTally(laws.reform);
		this.difference = laws.reform && createDifferenceTally(laws.reform);
	}

	/** Runs the batch under each law; returns the balances when they are kept (for a reform or `--out`). */
	simulate(
		columns: PopulationColumns,
		keepBalances: boolean,
	): { baseline: BatchBalances; reform: BatchBalances | undefined } | undefined {
		const learners = columns.learnerCount;
		const { baseline, reform } = this.laws;
		if (!keepBalances && reform === undefined) {
			simulatePopulation({ columns, learners, law: baseline, tally: this.baseline });
			return undefined;
		}
		this.#baselineBalances = sized(this.#baselineBalances, columns, baseline);
		const baselineBalances = this.#baselineBalances;
		simulatePopulation({
			columns,
			learners,
			law: baseline,
			tally: this.baseline,
			...baselineBalances,
		});
		if (reform === undefined || this.reform === undefined || this.difference === undefined) {
			return { baseline: baselineBalances, reform: undefined };
		}
		this.#reformBalances = sized(this.#reformBalances, columns, reform);
		const reformBalances = this.#reformBalances;
		simulatePopulation({ columns, learners, law: reform, tally: this.reform, ...reformBalances });
		comparePopulation({
			columns,
			learners,
			law: reform,
			baseline: baselineBalances,
			reform: reformBalances,
			difference: this.difference,
		});
		return { baseline: baselineBalances, reform: reformBalances };
	}
}

const noBalances: BatchBalances = {
	finalBalances: new Int32Array(0),
	yearBalances: new Int32Array(0),
};

/** Balance arrays with room for the learners of `columns`, reused while they are large enough. */
function sized(
	balances: BatchBalances,
	columns: PopulationColumns,
	law: PopulationLaw,
): BatchBalances {
	if (balances.finalBalances.length >= columns.learnerCount) return balances;
	const learners = columns.learnerIds.length;
	return {
		finalBalances: new Int32Array(learners),
		yearBalances: new Int32Array(learners * yearSpanOf(law)),
	};
}
