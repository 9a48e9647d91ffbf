import { MessageChannel, Worker } from "node:worker_threads";
import type { LawMessage, WorkerData, WorkerMessage } from "./population-worker.ts";
import type { RangeResult, RangeTask, SimulationLaws } from "./simulate-range.ts";

/** How a range ended: with its result, or at an invalid line (counted from the range's start). */
export type RangeOutcome =
	| { readonly valid: true; readonly result: RangeResult }
	| { readonly valid: false; readonly line: number; readonly reason: string };

/** Worker threads simulating the ranges of a file; they read and parse while the laws load. */
export interface PopulationWorkers {
	/** Hands every worker the laws; until then they parse ahead. */
	sendLaws(laws: SimulationLaws): void;
	/** Stops every worker, e.g. when the laws could not be read. */
	cancel(): Promise<void>;
	/** The outcome of each range, in the order of the ranges. */
	readonly outcomes: Promise<RangeOutcome[]>;
	/** Bytes done so far, over all ranges. */
	bytesDone(): number;
}

const workerUrl = new URL("./population-worker.js", import.meta.url);

/** Starts one worker thread per task. */
export function startPopulationWorkers(tasks: readonly RangeTask[]): PopulationWorkers {
	const progress = new Float64Array(new SharedArrayBuffer(8 * Math.max(tasks.length, 1)));
	const lawSignal = new Int32Array(new SharedArrayBuffer(4));
	const started = tasks.map((task, index) => {
		const channel = new MessageChannel();
		const data: WorkerData = { task, index, lawPort: channel.port2, lawSignal, progress };
		const worker = new Worker(workerUrl, { workerData: data, transferList: [channel.port2] });
		return { worker, lawPort: channel.port1, outcome: outcomeOf(worker) };
	});
	const post = (message: LawMessage) => {
		for (const { lawPort } of started) lawPort.postMessage(message);
		Atomics.store(lawSignal, 0, 1);
		Atomics.notify(lawSignal, 0);
	};
	const outcomes = Promise.all(started.map(({ outcome }) => outcome));
	// Cancelled workers reject too; whoever awaits `outcomes` still sees the first rejection.
	outcomes.catch(() => undefined);
	return {
		sendLaws: post,
		async cancel() {
			post({ cancelled: true });
			await Promise.all(started.map(({ worker }) => worker.terminate()));
		},
		outcomes,
		bytesDone: () => progress.reduce((sum, bytes) => sum + bytes, 0),
	};
}

function outcomeOf(worker: Worker): Promise<RangeOutcome> {
	return new Promise((resolve, reject) => {
		worker.once("message", (message: WorkerMessage) => {
			if (message.type === "done") resolve({ valid: true, result: message.result });
			else if (message.type === "invalid") {
				resolve({ valid: false, line: message.line, reason: message.reason });
			} else reject(new Error(`a simulation worker failed: ${message.message}`));
		});
		worker.once("error", reject);
		worker.once("exit", (code) => {
			reject(new Error(`a simulation worker stopped with exit code ${code}`));
		});
	});
}
