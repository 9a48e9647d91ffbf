import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { defaultPopulationHorizon, simulationDocument } from "@rugzak/rules/population";
import type { Io } from "../io.ts";
import { joinParts, removeParts } from "../population/join-parts.ts";
import { cachedSimulationLaws, lawCacheFolder } from "../population/law-cache.ts";
import { type MergedRanges, mergeRanges } from "../population/merge-ranges.ts";
import { peakMemoryBytes } from "../population/peak-memory.ts";
import { createPieceQueue, mostPieces } from "../population/piece-queue.ts";
import type { PopulationRun } from "../population/population-run.ts";
import { runMainThread } from "../population/run-main-thread.ts";
import { type PopulationWorkers, startPopulationWorkers } from "../population/run-workers.ts";
import type { SimulationLaws } from "../population/simulate-range.ts";
import {
	askedThreads,
	type PopulationWorker,
	simulateArgs,
	threadsFor,
} from "../population/spawn-workers.ts";
import { type ByteRange, splitByLearner } from "../population/split-by-learner.ts";
import { startProgressBar } from "../render/progress-bar.ts";
import { UsageError } from "../usage-error.ts";

export const simulateUsage = `  rugzak simulate POPULATION.csv [--reform FILE] [--until YEAR] [--threads N] [--json]
                  [--out FILE.csv] [--timings]
                                   what the law, or a reform beside it, does to every learner`;

// Bytes a worker reads at a time: large enough to make a read cheap, small enough to stay in cache.
const chunkBytes = 1 << 20;
// Pieces of the file that threads take one by one: small enough to share the end of the work
// evenly, large enough that taking one costs nothing to speak of.
const pieceBytes = 4 << 20;

interface SimulateOptions {
	readonly path: string;
	readonly reform: string | undefined;
	readonly horizon: number;
	readonly threads: number | undefined;
	readonly json: boolean;
	readonly out: string | undefined;
	readonly timings: boolean;
}

function parseOptions(args: string[]): SimulateOptions {
	const { values, positionals } = parseArgs({
		args,
		options: simulateArgs,
		allowPositionals: true,
		strict: true,
	});
	const [path, ...rest] = positionals;
	if (path === undefined) throw new UsageError("a population file is required");
	if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
	const until = values.until;
	if (until !== undefined && !/^\d{4}$/.test(until)) {
		throw new UsageError(
			`--until must be an academic year's first calendar year, e.g. 2025, not ${until}`,
		);
	}
	const threads = askedThreads(values.threads);
	if (Number.isNaN(threads)) {
		throw new UsageError(`--threads must be a whole number from 1 to 99, not ${values.threads}`);
	}
	return {
		path,
		reform: values.reform,
		horizon: until === undefined ? defaultPopulationHorizon : Number(until),
		threads,
		json: values.json === true,
		out: values.out,
		timings: values.timings === true,
	};
}

/**
 * `rugzak simulate`: runs the rules over every learner of a population file, in worker threads,
 * those `spawned` early first (spawn-workers.ts).
 */
export async function simulateCommand(
	args: string[],
	io: Io,
	spawned: readonly PopulationWorker[] = [],
): Promise<void> {
	const options = parseOptions(args);
	const { pieces, threads } = cutFile(options);
	const workerCount = Math.min(threads - 1, pieces.length);
	const run: PopulationRun = {
		path: options.path,
		horizon: options.horizon,
		chunkBytes,
		outPrefix: options.out === undefined ? undefined : `${options.out}.part-`,
		queue: createPieceQueue(pieces, Math.max(workerCount, 1)),
		progress: new Float64Array(new SharedArrayBuffer(8 * (workerCount + 1))),
	};
	// The workers start reading and parsing before the law is loaded, which takes a while.
	const workers = startPopulationWorkers(run, workerCount, spawned);
	const total = pieces.reduce((sum, piece) => sum + piece.end - piece.start, 0);
	const done = () => run.progress.reduce((sum, bytes) => sum + bytes, 0);
	const bar =
		io.stderr.isTTY && !options.json
			? startProgressBar(io.stderr, { total, done, label: "simulating" })
			: undefined;
	try {
		const started = performance.now();
		const laws = await loadLaws(io, options, workers);
		const lawMs = performance.now() - started;
		workers.sendLaws(laws);
		const mine = runMainThread(run, { laws, workerCount, tick: () => bar?.tick() });
		const outcomes = [
			...(await workers.outcomes).flatMap((outcome, thread) =>
				outcome === undefined ? [] : [{ thread, outcome }],
			),
			...mine.map((outcome) => ({ thread: workerCount, outcome })),
		];
		const merged = mergeRanges(outcomes, laws);
		bar?.stop();
		if (options.out !== undefined) joinParts(options.out, run, { laws, ranges: merged.ranges });
		await write(io, options, { laws, merged });
		if (options.timings) writeTimings(io, { merged, lawMs, threads: workerCount + 1 });
	} finally {
		bar?.stop();
		removeParts(run);
	}
}

async function loadLaws(
	io: Io,
	options: SimulateOptions,
	workers: PopulationWorkers,
): Promise<SimulationLaws> {
	try {
		const { reform, horizon } = options;
		return await cachedSimulationLaws(
			{ reform, horizon, folder: lawCacheFolder(io.env) },
			async () => {
				const { loadSimulationLaws } = await import("@rugzak/store/simulation-law");
				return loadSimulationLaws({ reform, horizon });
			},
		);
	} catch (error) {
		await workers.cancel();
		throw error;
	}
}

/** Cuts the file into pieces at learners' first rows, and says how many threads to use. */
function cutFile(options: SimulateOptions): { pieces: ByteRange[]; threads: number } {
	let size: number;
	try {
		size = statSync(options.path).size;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? "error";
		throw new UsageError(`cannot read ${options.path}: ${code}`);
	}
	const threads = threadsFor(size, options.threads);
	const pieceCount = Math.min(mostPieces, Math.ceil(size / pieceBytes));
	return { pieces: splitByLearner(options.path, pieceCount), threads };
}

async function write(
	io: Io,
	options: SimulateOptions,
	run: { readonly laws: SimulationLaws; readonly merged: MergedRanges },
): Promise<void> {
	const { laws, merged } = run;
	const document = simulationDocument(
		{ population: options.path, horizon: options.horizon },
		laws,
		merged,
	);
	if (options.json) {
		io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
		return;
	}
	// Loaded only for text: its number formats take a while to set up.
	const { renderSimulation } = await import("../render/simulation.ts");
	io.stdout.write(renderSimulation(document));
}

const cpuMs = ({ user, system }: NodeJS.CpuUsage) => (user + system) / 1000;

function writeTimings(
	io: Io,
	run: { readonly merged: MergedRanges; readonly lawMs: number; readonly threads: number },
): void {
	const timings = {
		wallMs: Math.round(performance.now()),
		lawMs: Math.round(run.lawMs),
		readAndParseMs: Math.round(run.merged.readAndParseMs),
		computeMs: Math.round(run.merged.computeMs),
		threads: run.threads,
		cpuMs: Math.round(cpuMs(process.cpuUsage())),
		maxRssBytes: peakMemoryBytes(),
	};
	io.stderr.write(`timings: ${JSON.stringify(timings)}\n`);
}
