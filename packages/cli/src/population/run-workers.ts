import { MessageChannel } from "node:worker_threads";
import type { PopulationRun } from "./population-run.ts";
import type { LawMessage, WorkerData } from "./population-worker.ts";
import type { RangeOutcome, SimulationLaws } from "./simulate-range.ts";
import { type PopulationWorker, spawnPopulationWorker } from "./spawn-workers.ts";

/** Worker threads simulating the regions of a file; they read and parse while the laws load. */
export interface PopulationWorkers {
	/** Hands every worker the laws; until then they parse ahead. */
	sendLaws(laws: SimulationLaws): void;
	/** Stops every worker, e.g. when the laws could not be read. */
	cancel(): Promise<void>;
	/** The outcome of each worker's range, undefined for a worker that read nothing. */
	readonly outcomes: Promise<(RangeOutcome | undefined)[]>;
}

/**
 * Sets a worker thread to work on each of the first `count` regions of the queue: the workers
 * `spawned` early first (those not needed are stopped), then new ones.
 */
export function startPopulationWorkers(
	run: PopulationRun,
	count: number,
	spawned: readonly PopulationWorker[] = [],
): PopulationWorkers {
	for (const { worker } of spawned.slice(count)) void worker.terminate();
	const lawSignal = new Int32Array(new SharedArrayBuffer(4));
	const started = Array.from({ length: count }, (_, region) => {
		const channel = new MessageChannel();
		const data: WorkerData = { ...run, region, lawPort: channel.port2, lawSignal };
		const { worker, outcome } = spawned[region] ?? spawnPopulationWorker();
		worker.postMessage(data, [channel.port2]);
		return { worker, lawPort: channel.port1, outcome };
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
	};
}
