// The entry of a simulation's worker thread: it loads the laws (YAML and zod take a while), says
// whether they hold, waits for its turn, and then simulates, so the API's own thread stays free.
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import {
	type FileInput,
	failureOf,
	type LawInput,
	loadLaws,
	type SimulationDocument,
	type SimulationFailure,
	simulateFile,
} from "./population-simulation.ts";

/** What the API gives a worker: the laws, and where to put the bytes read so far. */
export interface SimulationWorkerData {
	readonly laws: LawInput;
	/** `progress[0]`: bytes of the population file read. */
	readonly progress: Float64Array;
}

/** What a worker answers: the laws hold (then it waits for the file to run), its result, or why not. */
export type SimulationWorkerMessage =
	| { readonly type: "ready" }
	| { readonly type: "done"; readonly result: SimulationDocument }
	| { readonly type: "failed"; readonly failure: SimulationFailure };

const data = workerData as SimulationWorkerData;
const port = parentPort as MessagePort;
const post = (message: SimulationWorkerMessage) => port.postMessage(message);

/** Runs `work` and posts its failure; a bug is thrown on, so the worker stops with an error. */
function answering(work: () => void): void {
	try {
		work();
	} catch (error) {
		const failure = failureOf(error);
		if (failure === undefined) throw error;
		post({ type: "failed", failure });
	}
}

answering(() => {
	const laws = loadLaws(data.laws);
	post({ type: "ready" });
	port.once("message", (file: FileInput) =>
		answering(() => {
			const result = simulateFile({ ...file, ...data.laws }, laws, (bytes) => {
				data.progress[0] = bytes;
			});
			post({ type: "done", result });
		}),
	);
});
