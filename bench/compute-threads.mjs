// "Compute alone" on two threads, as `rugzak simulate` runs it on this 2-core machine: each
// thread holds the columns of the whole file, parsed before timing starts, and simulates one
// half of the learners; a round's time runs from the moment both are released together until
// the slower one is done. The tallies of the halves are merged and checked like every figure.
import { readFileSync } from "node:fs";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { createTally, mergeTallies, parsePopulation, simulatePopulation } from "@rugzak/rules";

const horizon = 2025;

/** Runs `rounds` timed rounds (after one warm-up) of the compute split over `threads` threads. */
export async function computeOnThreads({ file, law, threads, rounds }) {
	const signal = new Int32Array(new SharedArrayBuffer(8 * threads + 8));
	const workers = Array.from(
		{ length: threads },
		(_, part) =>
			new Worker(new URL(import.meta.url), {
				workerData: { file, law, part, threads, rounds, signal },
			}),
	);
	const results = workers.map(
		(worker) =>
			new Promise((resolve, reject) => {
				worker.once("message", resolve);
				worker.once("error", reject);
			}),
	);
	const samples = [];
	for (let round = 0; round <= rounds; round++) {
		// Wait until every thread is ready (parsed, or done with the last round), then release them.
		for (let part = 0; part < threads; part++) {
			while (Atomics.load(signal, 2 + part) !== round + 1)
				Atomics.wait(signal, 2 + part, round, 10);
		}
		const started = performance.now();
		Atomics.store(signal, 0, round + 1);
		Atomics.notify(signal, 0);
		for (let part = 0; part < threads; part++) {
			while (Atomics.load(signal, 2 + threads + part) !== round + 1) {
				Atomics.wait(signal, 2 + threads + part, round);
			}
		}
		if (round > 0) samples.push(performance.now() - started);
	}
	const tallies = await Promise.all(results);
	const tally = createTally(law);
	for (const part of tallies) mergeTallies(tally, part);
	await Promise.all(workers.map((worker) => worker.terminate()));
	return { samples, figures: tally };
}

if (!isMainThread) {
	const { file, law, part, threads, rounds, signal } = workerData;
	const columns = parsePopulation(readFileSync(file), horizon);
	const learners = {
		from: Math.floor((columns.learnerCount * part) / threads),
		to: Math.floor((columns.learnerCount * (part + 1)) / threads),
	};
	let tally;
	for (let round = 0; round <= rounds; round++) {
		Atomics.store(signal, 2 + part, round + 1);
		Atomics.notify(signal, 2 + part);
		Atomics.wait(signal, 0, round);
		tally = createTally(law);
		simulatePopulation({ columns, learners, law, tally });
		Atomics.store(signal, 2 + threads + part, round + 1);
		Atomics.notify(signal, 2 + threads + part);
	}
	parentPort.postMessage(tally);
}
