// The entry of the worker thread of an import (check-thread.ts): it reads the file's chunks as
// the importing thread hands them over, parses and checks each batch, and hands back what to write.
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { type Batch, batchesOf } from "./batch.ts";
import { checkBatch, type LearnerCheck } from "./check-learner.ts";
import type { CheckWorkerData, FromWorker, ToWorker } from "./check-thread.ts";

const data = workerData as CheckWorkerData;
const port = parentPort as MessagePort;
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) =>
	port.postMessage(message, transfer);

/** Batches handed out and not yet written or rejected: the writer may ask to check them again. */
const kept = new Map<number, Batch>();
let chunkWaiter: ((chunk: Uint8Array | string | undefined) => void) | undefined;
let credit = data.batchesAhead;
let creditWaiter: (() => void) | undefined;

const context = { law: data.law, today: data.today };

/**
 * The checks with their COPY rows as UTF-8 in one buffer that moves to the importing thread
 * without a copy: cheaper for both threads than handing over the rows as strings.
 */
function withRowsAsBytes(checks: [string, LearnerCheck][]): {
	checks: [string, LearnerCheck][];
	transfer: ArrayBuffer[];
} {
	let total = 0;
	for (const [, check] of checks) {
		if (typeof check.write?.copyRows === "string") total += Buffer.byteLength(check.write.copyRows);
	}
	const bytes = Buffer.allocUnsafeSlow(total);
	let offset = 0;
	const moved = checks.map(([learnerId, check]): [string, LearnerCheck] => {
		if (typeof check.write?.copyRows !== "string") return [learnerId, check];
		const end = offset + bytes.write(check.write.copyRows, offset);
		const write = { ...check.write, copyRows: bytes.subarray(offset, end) };
		offset = end;
		return [learnerId, { ...check, write }];
	});
	return { checks: moved, transfer: [bytes.buffer as ArrayBuffer] };
}

port.on("message", (message: ToWorker) => {
	switch (message.type) {
		case "chunk":
			chunkWaiter?.(message.chunk);
			break;
		case "check": {
			const batch = kept.get(message.batch);
			if (batch === undefined) throw new Error(`batch ${message.batch} was released`);
			const { checks, transfer } = withRowsAsBytes(checkBatch(batch, message.logs, context));
			post({ type: "checked", request: message.request, checks }, transfer);
			break;
		}
		case "release":
			kept.delete(message.batch);
			break;
		case "credit":
			credit++;
			creditWaiter?.();
			break;
		default: {
			const _: never = message;
			throw new Error(`unknown message ${JSON.stringify(_)}`);
		}
	}
});

async function* chunks(): AsyncGenerator<Uint8Array | string> {
	for (;;) {
		const chunk = await new Promise<Uint8Array | string | undefined>((resolve) => {
			chunkWaiter = resolve;
			post({ type: "read" });
		});
		if (chunk === undefined) return;
		yield chunk;
	}
}

try {
	let id = 0;
	let linesRead = 0;
	const options = {
		format: data.format,
		batchSize: data.batchSize,
		onBytes: () => {},
		onLines: (lines: number) => {
			linesRead = lines;
		},
	};
	for await (const batch of batchesOf(chunks(), options)) {
		while (credit === 0) await new Promise<void>((resolve) => (creditWaiter = resolve));
		credit--;
		kept.set(id, batch);
		// Checked as if the learners had no facts yet, as in a first import; the writer asks again
		// for those whose log it finds is not empty.
		const empty = [...batch.byLearner.keys()].map((learnerId) => ({
			learnerId,
			version: 0,
			facts: [],
		}));
		const { checks, transfer } = withRowsAsBytes(checkBatch(batch, empty, context));
		const { firstLine, lastLine, size, issues } = batch;
		const handed = { id, firstLine, lastLine, size, linesRead, issues, checks };
		post({ type: "batch", batch: handed }, transfer);
		id++;
	}
	post({ type: "end", linesRead });
} catch (error) {
	const { name, message, issues } = error as Error & { issues?: unknown };
	post({ type: "failed", error: { name, message, issues } });
}
