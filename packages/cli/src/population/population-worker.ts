// The entry of a worker thread of `rugzak simulate`: it simulates the pieces of one region of
// the file. It imports only @rugzak/rules/population, so that a worker starts in a few milliseconds.
import { type MessagePort, parentPort, receiveMessageOnPort } from "node:worker_threads";
import { frontRange, type PopulationRun, progressOf } from "./population-run.ts";
import { type RangeOutcome, type SimulationLaws, tryRange } from "./simulate-range.ts";

/** What the main thread gives a worker: the run, and the region whose pieces it takes. */
export interface WorkerData extends PopulationRun {
	readonly region: number;
	/** Where the laws come, once the main thread has read them; `lawSignal[0]` turns 1 then. */
	readonly lawPort: MessagePort;
	readonly lawSignal: Int32Array;
}

/** What a worker answers. */
export type WorkerMessage =
	/** The outcome of the worker's range; none when the main thread took all its pieces. */
	| { readonly type: "done"; readonly outcome: RangeOutcome | undefined }
	| { readonly type: "failed"; readonly message: string };

/** The laws, or a request to stop because the main thread could not read them. */
export type LawMessage = SimulationLaws | { readonly cancelled: true };

const port = parentPort as MessagePort;

/** Simulates the region the main thread names, and answers with its outcome. */
function simulateRegion(data: WorkerData): void {
	const takeLaws = (wait: boolean): SimulationLaws | undefined => {
		if (wait) Atomics.wait(data.lawSignal, 0, 0);
		const message = receiveMessageOnPort(data.lawPort)?.message as LawMessage | undefined;
		if (message !== undefined && "cancelled" in message) throw new Cancelled();
		return message;
	};
	try {
		const range = frontRange(data, data.region);
		const outcome =
			range &&
			tryRange(range.task, {
				nextPiece: range.nextPiece,
				takeLaws,
				progress: progressOf(data, data.region),
			});
		port.postMessage({ type: "done", outcome } satisfies WorkerMessage);
	} catch (error) {
		if (!(error instanceof Cancelled)) {
			const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
			port.postMessage({ type: "failed", message } satisfies WorkerMessage);
		}
	}
}

class Cancelled extends Error {}

// The worker may start before the main thread has cut the file: its part comes as a message.
port.once("message", simulateRegion);
