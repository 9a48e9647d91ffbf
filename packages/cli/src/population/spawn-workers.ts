import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/** The entry of a simulation worker thread (population-worker.ts). */
export const populationWorkerUrl = new URL("./population-worker.js", import.meta.url);

/**
 * Worker threads for `rugzak simulate`, started before the rest of the command loads: a worker
 * takes 50 to 70 ms to start and load its modules, and does that while the main thread loads its
 * own. Each waits for its part of the run (`startPopulationWorkers`), which the main thread sends
 * once it has cut the file; those that are not needed are stopped.
 */
export function spawnPopulationWorkers(count = availableParallelism() - 1): Worker[] {
	return Array.from({ length: Math.max(0, count) }, () => new Worker(populationWorkerUrl));
}
