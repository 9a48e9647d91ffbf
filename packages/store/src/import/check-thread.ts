import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { InputError, type InputIssue, type IsoDate } from "@rugzak/rules";
import type { Law } from "../law/load-law.ts";
import type { ImportFormat, ImportIssue } from "./batch.ts";
import type { FoundLog, LearnerCheck } from "./check-learner.ts";
import type { ImportSource } from "./read-lines.ts";

/** What the worker is started with. */
export interface CheckWorkerData {
	readonly law: Law;
	readonly today: IsoDate;
	readonly format: ImportFormat;
	readonly batchSize: number;
	/** Batches it may check ahead of those the writer has taken. */
	readonly batchesAhead: number;
}

/** A batch as the worker hands it over: where it lies in the file, and its learners checked. */
export interface CheckedBatch {
	readonly id: number;
	readonly firstLine: number;
	readonly lastLine: number;
	readonly size: number;
	/** Lines of the file read when it was handed over, for progress. */
	readonly linesRead: number;
	/** The rows that failed the schema. */
	readonly issues: readonly ImportIssue[];
	/**
	 * Each learner with rows that passed the schema, in file order, checked as if the log had no
	 * facts yet.
	 */
	readonly checks: readonly (readonly [string, LearnerCheck])[];
}

export type ToWorker =
	| { readonly type: "chunk"; readonly chunk: Uint8Array | string | undefined }
	| {
			readonly type: "check";
			readonly request: number;
			readonly batch: number;
			readonly logs: readonly FoundLog[];
	  }
	| { readonly type: "release"; readonly batch: number }
	| { readonly type: "credit" };

export type FromWorker =
	| { readonly type: "read" }
	| { readonly type: "batch"; readonly batch: CheckedBatch }
	| {
			readonly type: "checked";
			readonly request: number;
			readonly checks: readonly (readonly [string, LearnerCheck])[];
	  }
	| { readonly type: "end"; readonly linesRead: number }
	| {
			readonly type: "failed";
			readonly error: { readonly name: string; readonly message: string; readonly issues: unknown };
	  };

// Built, this module sits beside check-worker.js. Run from source (the tests), the built worker
// runs, on the built packages: without the test runner's options (its "source" condition).
const fromSource = import.meta.url.endsWith(".ts");
const workerUrl = new URL(
	fromSource ? "../../dist/import/check-worker.js" : "./check-worker.js",
	import.meta.url,
);

const gatheredBytes = 1 << 20;

type Handed =
	| { readonly type: "batch"; readonly batch: CheckedBatch }
	| { readonly type: "end"; readonly linesRead: number }
	| { readonly type: "failed"; readonly error: Error };

/**
 * A worker thread that reads, parses and checks an import's batches, so that the importing
 * thread only talks to the database. It checks each batch ahead as if its learners had no
 * facts yet (a first import); `check` asks it again for learners whose log is not empty.
 */
export class CheckThread {
	readonly #worker: Worker;
	readonly #source: AsyncIterator<Uint8Array | string> | Iterator<Uint8Array | string>;
	readonly #onBytes: (bytes: number) => void;
	readonly #handed: Handed[] = [];
	#wake: (() => void) | undefined;
	readonly #requests = new Map<
		number,
		{ resolve: (checks: Map<string, LearnerCheck>) => void; reject: (error: Error) => void }
	>();
	#nextRequest = 0;
	#closing = false;
	/** A chunk read ahead, of the other kind than those gathered with it. */
	#next: IteratorResult<Uint8Array | string> | undefined;

	constructor(
		source: ImportSource,
		options: Omit<CheckWorkerData, "batchesAhead"> & { readonly onBytes: (bytes: number) => void },
	) {
		// Run from source, a missing build would otherwise surface as the worker failing to load.
		if (fromSource && !existsSync(workerUrl)) {
			throw new Error(
				`the import's checking thread runs the compiled ${fileURLToPath(workerUrl)}, which is missing: run \`npm run build\` first`,
			);
		}
		const { onBytes, ...data } = options;
		this.#onBytes = onBytes;
		this.#source =
			Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
		const workerData: CheckWorkerData = { ...data, batchesAhead: 2 };
		// A young generation of 192 MB (semi-spaces of 64 MB): a batch's rows live until it is
		// written, and with the default 16 MB every scavenge copied them, half of the worker's time.
		const resourceLimits = { maxYoungGenerationSizeMb: 192 };
		this.#worker = new Worker(workerUrl, {
			workerData,
			resourceLimits,
			...(fromSource ? { execArgv: [] } : {}),
		});
		this.#worker.on("message", (message: FromWorker) => this.#receive(message));
		this.#worker.on("error", (error) => this.#fail(error));
		this.#worker.on("exit", (code) => {
			if (!this.#closing)
				this.#fail(new Error(`the import's checking thread stopped with exit code ${code}`));
		});
	}

	#receive(message: FromWorker): void {
		switch (message.type) {
			case "read":
				void this.#read();
				break;
			case "checked":
				this.#requests.get(message.request)?.resolve(new Map(message.checks));
				this.#requests.delete(message.request);
				break;
			case "batch":
			case "end":
				this.#hand(message);
				break;
			case "failed": {
				const { name, message: text, issues } = message.error;
				const error =
					name === "InputError"
						? new InputError(issues as InputIssue[])
						: new Error(`the import's checking thread failed: ${text}`);
				this.#hand({ type: "failed", error });
				break;
			}
			default: {
				const _: never = message;
				throw new Error(`unknown message ${JSON.stringify(_)}`);
			}
		}
	}

	/** Ends the batches with the error, and every check still asked for. */
	#fail(error: Error): void {
		this.#hand({ type: "failed", error });
		for (const { reject } of this.#requests.values()) reject(error);
		this.#requests.clear();
	}

	#hand(handed: Handed): void {
		this.#handed.push(handed);
		this.#wake?.();
	}

	#post(message: ToWorker, transfer: ArrayBuffer[] = []): void {
		this.#worker.postMessage(message, transfer);
	}

	async #read(): Promise<void> {
		try {
			// Chunks gathered up to 1 MiB: a message to the worker costs more than the bytes in it.
			const texts: string[] = [];
			const parts: Uint8Array[] = [];
			let size = 0;
			while (size < gatheredBytes) {
				const next = this.#next ?? (await this.#source.next());
				this.#next = undefined;
				if (next.done) break;
				const chunk = next.value;
				// A source gives text or bytes; should it change, the other kind waits for the next read.
				if ((typeof chunk === "string" ? parts : texts).length > 0) {
					this.#next = next;
					break;
				}
				const bytes = typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
				this.#onBytes(bytes);
				size += bytes;
				if (typeof chunk === "string") texts.push(chunk);
				else parts.push(chunk);
			}
			if (texts.length > 0) return this.#post({ type: "chunk", chunk: texts.join("") });
			if (parts.length === 0) return this.#post({ type: "chunk", chunk: undefined });
			// A buffer of its own to move over: a chunk may be a view of a larger, shared buffer.
			const own = Buffer.allocUnsafeSlow(size);
			let offset = 0;
			for (const part of parts) {
				own.set(part, offset);
				offset += part.byteLength;
			}
			this.#post({ type: "chunk", chunk: own }, [own.buffer as ArrayBuffer]);
		} catch (error) {
			this.#fail(error as Error);
		}
	}

	/** The batches in file order; the worker checks the next ones while the caller writes. */
	async *batches(): AsyncGenerator<CheckedBatch, number> {
		for (;;) {
			while (this.#handed.length === 0) {
				await new Promise<void>((resolve) => (this.#wake = resolve));
			}
			const handed = this.#handed.shift() as Handed;
			if (handed.type === "failed") throw handed.error;
			if (handed.type === "end") return handed.linesRead;
			yield handed.batch;
			this.#post({ type: "credit" });
		}
	}

	/** Checks learners of a handed-over batch again, against the logs found. */
	check(batch: number, logs: readonly FoundLog[]): Promise<Map<string, LearnerCheck>> {
		const request = this.#nextRequest++;
		return new Promise((resolve, reject) => {
			this.#requests.set(request, { resolve, reject });
			this.#post({ type: "check", request, batch, logs });
		});
	}

	/** Tells the worker a batch is written or rejected, so that it may forget its rows. */
	release(batch: number): void {
		this.#post({ type: "release", batch });
	}

	async close(): Promise<void> {
		this.#closing = true;
		await this.#worker.terminate();
		// Read no further: ending the source closes a file stream that a failed import left open.
		// Not awaited, as it waits for a read in progress, which a stalled request body may never end.
		Promise.resolve(this.#source.return?.()).catch(() => {});
	}
}
