import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import type { WorkerMessage } from "./population-worker.ts";
import type { RangeOutcome } from "./simulate-range.ts";

/** The entry of a simulation worker thread (population-worker.ts). */
const populationWorkerUrl = new URL("./population-worker.js", import.meta.url);

/** The options of `rugzak simulate`, as `parseArgs` takes them. */
export const simulateArgs = {
	reform: { type: "string" },
	until: { type: "string" },
	threads: { type: "string" },
	json: { type: "boolean" },
	out: { type: "string" },
	timings: { type: "boolean" },
} as const;

/**
 * The threads `--threads` asks for: undefined when it is not given, NaN when it is not a whole
 * number from 1 to 99.
 */
export function askedThreads(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	return /^\d{1,2}$/.test(text) && Number(text) >= 1 ? Number(text) : Number.NaN;
}

// Without --threads, a thread gets at least this much of the file, so small files use fewer threads.
const minimumBytesPerThread = 4 << 20;

/** How many threads simulate a file of `size` bytes: as many as asked, else one per 4 MiB, up to the processors. */
export function threadsFor(size: number, asked: number | undefined): number {
	return (
		asked ?? Math.max(1, Math.min(availableParallelism(), Math.floor(size / minimumBytesPerThread)))
	);
}

/** A worker thread of `rugzak simulate`, and the outcome of its range, heard from its start on. */
export interface PopulationWorker {
	readonly worker: Worker;
	/** Rejects when the worker fails, stops, or is stopped before it answers. */
	readonly outcome: Promise<RangeOutcome | undefined>;
}

/** Starts a worker thread, which waits for its part of the run (`startPopulationWorkers`). */
export function spawnPopulationWorker(): PopulationWorker {
	const worker = new Worker(populationWorkerUrl);
	const outcome = new Promise<RangeOutcome | undefined>((resolve, reject) => {
		worker.once("message", (message: WorkerMessage) => {
			if (message.type === "done") resolve(message.outcome);
			else reject(new Error(`a simulation worker failed: ${message.message}`));
		});
		worker.once("error", reject);
		worker.once("exit", (code) => {
			reject(new Error(`a simulation worker stopped with exit code ${code}`));
		});
	});
	// A worker stopped unused rejects too; whoever awaits the outcome still sees it.
	outcome.catch(() => undefined);
	return { worker, outcome };
}

/**
 * The worker threads a `rugzak simulate` command line will use, started before the rest of the
 * command loads: a worker takes 50 to 70 ms to start and load its modules, and does that while
 * the main thread loads its own. None when the command line or the file is not right: the command
 * then says why. The command stops those it does not need.
 */
export function spawnPopulationWorkers(args: string[]): PopulationWorker[] {
	try {
		const { values, positionals } = parseArgs({
			args,
			options: simulateArgs,
			allowPositionals: true,
			strict: true,
		});
		const [path] = positionals;
		const asked = askedThreads(values.threads);
		if (path === undefined || Number.isNaN(asked)) return [];
		const workers = threadsFor(statSync(path).size, asked) - 1;
		return Array.from({ length: Math.max(0, workers) }, spawnPopulationWorker);
	} catch {
		return [];
	}
}
