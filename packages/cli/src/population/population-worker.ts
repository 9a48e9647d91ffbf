// The entry of a worker thread of `rugzak simulate`: it simulates one byte range of the file.
// It imports only @rugzak/rules/population, so that a worker starts in a few milliseconds.
import {
	type MessagePort,
	parentPort,
	receiveMessageOnPort,
	workerData,
} from "node:worker_threads";
import { PopulationError } from "@rugzak/rules/population";
import { type RangeTask, type SimulationLaws, simulateRange } from "./simulate-range.ts";

/** What the main thread gives a worker. */
export interface WorkerData {
	readonly task: RangeTask;
	readonly index: number;
	/** Where the laws come, once the main thread has read them; `lawSignal[0]` turns 1 then. */
	readonly lawPort: MessagePort;
	readonly lawSignal: Int32Array;
	/** `progress[index]`: bytes of the range done. */
	readonly progress: Float64Array;
}

/** What a worker answers. */
export type WorkerMessage =
	| { readonly type: "done"; readonly result: ReturnType<typeof simulateRange> }
	| { readonly type: "invalid"; readonly line: number; readonly reason: string }
	| { readonly type: "failed"; readonly message: string };

/** The laws, or a request to stop because the main thread could not read them. */
export type LawMessage = SimulationLaws | { readonly cancelled: true };

const data = workerData as WorkerData;
const port = parentPort as MessagePort;

function takeLaws(wait: boolean): SimulationLaws | undefined {
	if (wait) Atomics.wait(data.lawSignal, 0, 0);
	const message = receiveMessageOnPort(data.lawPort)?.message as LawMessage | undefined;
	if (message !== undefined && "cancelled" in message) throw new Cancelled();
	return message;
}

class Cancelled extends Error {}

try {
	const result = simulateRange(data.task, {
		takeLaws,
		progress: (bytesDone) => {
			data.progress[data.index] = bytesDone;
		},
	});
	port.postMessage({ type: "done", result } satisfies WorkerMessage);
} catch (error) {
	if (error instanceof PopulationError) {
		port.postMessage({
			type: "invalid",
			line: error.line,
			reason: error.reason,
		} satisfies WorkerMessage);
	} else if (!(error instanceof Cancelled)) {
		const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
		port.postMessage({ type: "failed", message } satisfies WorkerMessage);
	}
}
