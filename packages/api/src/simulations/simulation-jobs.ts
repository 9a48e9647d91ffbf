import { randomUUID } from "node:crypto";
import {
	createWriteStream,
	linkSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Worker } from "node:worker_threads";
import type { IsoDate, Parameters } from "@rugzak/rules";
import type { Logger } from "../logger.ts";
import { ApiError, type Problem, problem, problemFor } from "../problem.ts";
import { reformsFolder } from "../repository-files.ts";
import { demoPopulation } from "./demo-population.ts";
import type { FileInput, SimulationDocument, SimulationFailure } from "./population-simulation.ts";
import {
	type FormChanges,
	type FormParameter,
	formErrors,
	formParametersAt,
	formReformDocument,
	formReformName,
	type ShippedReform,
	shippedReforms,
} from "./reform-form.ts";
import type { SimulationWorkerData, SimulationWorkerMessage } from "./simulation-worker.ts";

/** What to simulate, as `POST /api/simulations` takes it. */
export interface SimulationRequest {
	/** `demo`, or the id of an uploaded population. */
	readonly population: string;
	readonly horizon: number;
	/** A shipped reform file, parameters changed in the form, or none (the law alone). */
	readonly reform: { readonly file: string } | { readonly parameters: FormChanges } | null;
}

type JobStatus = "queued" | "running" | "done" | "failed";

/** A simulation running off the API's thread, kept in memory for a while once done. */
export interface SimulationJob {
	readonly id: string;
	readonly request: SimulationRequest;
	readonly createdAt: number;
	readonly folder: string;
	/** The population file, once the laws hold, and where its rows go. */
	file: FileInput;
	/** The size of the population file; `progress[0]` of it has been read. */
	bytes: number;
	readonly progress: Float64Array;
	status: JobStatus;
	finishedAt: number | undefined;
	result: SimulationDocument | undefined;
	failure: SimulationFailure | "crashed" | undefined;
	worker: Worker | undefined;
}

/** A population file sent with `POST /api/populations`, kept for a while to simulate. */
interface Upload {
	readonly id: string;
	readonly name: string;
	readonly path: string;
	readonly bytes: number;
	readonly createdAt: number;
}

/** How much the service keeps, and how long. */
export interface SimulationLimits {
	/** Jobs kept, finished ones included; the oldest finished one goes first. */
	readonly jobsKept: number;
	/** Jobs queued or running at once; more are refused (429). */
	readonly jobsActive: number;
	/** Jobs simulating at once: each takes a processor. */
	readonly jobsRunning: number;
	/** How long a finished job or an upload is kept. */
	readonly keptMs: number;
	readonly uploadsKept: number;
	readonly uploadBytes: number;
}

const defaultSimulationLimits: SimulationLimits = {
	jobsKept: 16,
	jobsActive: 4,
	jobsRunning: 1,
	keptMs: 60 * 60 * 1000,
	uploadsKept: 4,
	uploadBytes: 256 * 1024 * 1024,
};

export interface SimulationOptions {
	/** The law as shipped: the baseline, and what the form starts from. */
	readonly parameters: Parameters;
	readonly today: () => IsoDate;
	readonly logger: Logger;
	/** Where the demo population is kept once made, and its size. */
	readonly demo: { readonly folder: string; readonly learners?: number; readonly seed?: number };
	readonly reformsFolder?: string | undefined;
	readonly limits?: Partial<SimulationLimits> | undefined;
	/** The clock jobs and uploads are kept by, in milliseconds; `Date.now` by default. */
	readonly now?: (() => number) | undefined;
}

// The compiled worker: Node 20 runs no TypeScript, so from the sources (tests) it is dist's, run
// on the built packages: without the test runner's options (its "source" condition).
const fromSource = import.meta.url.endsWith(".ts");
const workerUrl = new URL(
	fromSource ? "../../dist/simulations/simulation-worker.js" : "./simulation-worker.js",
	import.meta.url,
);

// The service's folder in the temporary folder is named by its process, so that one left by a
// process that stopped without closing is known for whose it was (see removeStaleFolders).
const folderPrefix = "rugzak-simulations-";

/**
 * How often expired jobs and uploads are dropped without waiting for a request: at most a minute
 * after their time on a quiet server, sooner when they are kept less than a minute.
 */
function sweepIntervalMs(keptMs: number): number {
	return Math.max(100, Math.min(keptMs, 60_000));
}

/** Population simulations for the agency: uploads, jobs in worker threads, their results. */
export class SimulationService {
	readonly limits: SimulationLimits;
	readonly #options: SimulationOptions;
	readonly #reforms: ShippedReform[];
	readonly #demo: () => Promise<string>;
	readonly #now: () => number;
	readonly #jobs = new Map<string, SimulationJob>();
	readonly #uploads = new Map<string, Upload>();
	readonly #sweeper: NodeJS.Timeout;
	#starting = 0;
	#root: string | undefined;

	constructor(options: SimulationOptions) {
		this.#options = options;
		this.limits = { ...defaultSimulationLimits, ...options.limits };
		this.#now = options.now ?? Date.now;
		this.#reforms = shippedReforms(options.reformsFolder ?? reformsFolder);
		this.#demo = demoPopulation({
			folder: options.demo.folder,
			learners: options.demo.learners ?? 100_000,
			seed: options.demo.seed ?? 1,
		});
		removeStaleFolders(this.limits.keptMs);
		this.#sweeper = setInterval(() => this.#sweep(), sweepIntervalMs(this.limits.keptMs));
		// A server closes the service; a process that only imports it must still be free to exit.
		this.#sweeper.unref();
	}

	/** The shipped reforms, and the form's parameters with the law's values today. */
	reforms(): { reforms: readonly ShippedReform[]; parameters: FormParameter[] } {
		return {
			reforms: this.#reforms,
			parameters: formParametersAt(this.#options.parameters, this.#options.today()),
		};
	}

	/** Streams a population file to a temporary file; refuses one larger than the limit. */
	async upload(
		body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
		name: string,
	): Promise<Upload> {
		this.#sweep();
		const id = randomUUID();
		const path = join(this.#folder(), `upload-${id}.csv`);
		const limit = this.limits.uploadBytes;
		let bytes = 0;
		const file = createWriteStream(path);
		try {
			await pipeline(
				body,
				async function* (chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
					for await (const chunk of chunks) {
						bytes += chunk.byteLength;
						if (bytes > limit) throw tooLarge(limit);
						yield chunk;
					}
				},
				file,
			);
		} catch (error) {
			// A refusal can come while the file is still being opened: removed before the stream has
			// closed, it would be made again, empty, and left behind.
			if (!file.closed) await new Promise<void>((resolve) => file.once("close", resolve));
			rmSync(path, { force: true });
			throw error;
		}
		const upload = { id, name, path, bytes, createdAt: this.#now() };
		this.#uploads.set(id, upload);
		for (const [oldest] of this.#uploads) {
			if (this.#uploads.size <= this.limits.uploadsKept) break;
			this.#dropUpload(oldest);
		}
		return upload;
	}

	/**
	 * Starts a simulation: its worker loads the laws, and once they hold (else a problem naming
	 * the field) the job waits for its turn to run.
	 */
	async start(request: SimulationRequest): Promise<SimulationJob> {
		this.#sweep();
		const active = [...this.#jobs.values()].filter((job) => job.finishedAt === undefined);
		if (active.length + this.#starting >= this.limits.jobsActive) {
			throw new ApiError(
				"too-many-requests",
				`${this.limits.jobsActive} simulations are queued or running; start this one when one has finished`,
			);
		}
		this.#starting++;
		const id = randomUUID();
		const folder = join(this.#folder(), id);
		mkdirSync(folder);
		try {
			const job = await this.#prepare(id, folder, request);
			this.#jobs.set(id, job);
			this.#evictOverLimit();
			this.#schedule();
			return job;
		} catch (error) {
			rmSync(folder, { recursive: true, force: true });
			throw error;
		} finally {
			this.#starting--;
		}
	}

	job(id: string): SimulationJob | undefined {
		this.#sweep();
		return this.#jobs.get(id);
	}

	/** Stops every worker and removes every file. */
	async close(): Promise<void> {
		clearInterval(this.#sweeper);
		const workers = [...this.#jobs.values()].flatMap((job) => (job.worker ? [job.worker] : []));
		this.#jobs.clear();
		this.#uploads.clear();
		await Promise.all(workers.map((worker) => worker.terminate()));
		if (this.#root !== undefined) rmSync(this.#root, { recursive: true, force: true });
		this.#root = undefined;
	}

	/** Checks the laws in the job's worker first, so that a form's error comes before the demo population is made. */
	async #prepare(id: string, folder: string, request: SimulationRequest): Promise<SimulationJob> {
		const laws = { horizon: request.horizon, reformPath: this.#reformPath(request.reform, folder) };
		const progress = new Float64Array(new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT));
		const data: SimulationWorkerData = { laws, progress };
		const worker = new Worker(workerUrl, {
			workerData: data,
			...(fromSource ? { execArgv: [] } : {}),
		});
		const job: SimulationJob = {
			id,
			request,
			createdAt: this.#now(),
			folder,
			file: { populationPath: "", populationName: "", outPath: join(folder, "learners.csv") },
			bytes: 0,
			progress,
			status: "queued",
			finishedAt: undefined,
			result: undefined,
			failure: undefined,
			worker,
		};
		try {
			await this.#ready(job, worker);
			const population = await this.#population(request.population, folder);
			job.file = { ...job.file, populationPath: population.path, populationName: population.name };
			job.bytes = population.bytes;
			return job;
		} catch (error) {
			void worker.terminate();
			throw error;
		}
	}

	async #population(
		population: string,
		folder: string,
	): Promise<{ path: string; name: string; bytes: number }> {
		if (population === "demo") {
			const path = await this.#demo();
			return { path, name: "demo", bytes: statSync(path).size };
		}
		const upload = this.#uploads.get(population);
		if (upload === undefined) {
			throw new ApiError("invalid-input", `No uploaded population ${population}`, [
				{
					path: "population",
					message: `no uploaded population ${population}: uploads are kept ${this.limits.keptMs / 60000} minutes; send it again`,
				},
			]);
		}
		// A link of its own, so that the upload may go while the job still waits for its turn.
		const path = join(folder, "population.csv");
		linkSync(upload.path, path);
		return { path, name: upload.name, bytes: upload.bytes };
	}

	#reformPath(reform: SimulationRequest["reform"], folder: string): string | undefined {
		if (reform === null) return undefined;
		if ("file" in reform) {
			const shipped = this.#reforms.find((candidate) => candidate.id === reform.file);
			if (shipped === undefined) {
				const known = this.#reforms.map((candidate) => candidate.id).join(", ");
				throw new ApiError("invalid-input", `No shipped reform ${reform.file}`, [
					{ path: "reform.file", message: `no shipped reform ${reform.file}; known: ${known}` },
				]);
			}
			return shipped.path;
		}
		// JSON is YAML: the document has the shape of reforms/*.yaml, for the same reform loader.
		const path = join(folder, `${formReformName}.yaml`);
		const document = formReformDocument(reform.parameters, this.#options.parameters);
		writeFileSync(path, JSON.stringify(document, null, 2));
		return path;
	}

	/** Waits for the worker's laws; refuses the request when they do not hold. */
	#ready(job: SimulationJob, worker: Worker): Promise<void> {
		return new Promise((resolve, reject) => {
			let ready = false;
			worker.on("message", (message: SimulationWorkerMessage) => {
				if (message.type === "ready") {
					ready = true;
					resolve();
				} else if (!ready && message.type === "failed") {
					reject(refusal(message.failure));
					void worker.terminate();
				} else this.#finish(job, message.type === "done" ? message.result : message.failure);
			});
			// A job that was refused, or dropped, is no one's to finish.
			const kept = () => this.#jobs.get(job.id) === job;
			worker.on("error", (error) => {
				if (!ready) reject(error);
				this.#options.logger.error("simulation-crashed", { job: job.id, error: String(error) });
				if (kept()) this.#finish(job, "crashed");
			});
			worker.on("exit", () => {
				job.worker = undefined;
				if (!ready) reject(new Error("the simulation worker stopped before it was ready"));
				if (kept()) this.#finish(job, "crashed");
			});
		});
	}

	#finish(job: SimulationJob, outcome: SimulationDocument | SimulationFailure | "crashed"): void {
		if (job.finishedAt !== undefined) return;
		job.finishedAt = this.#now();
		if (outcome === "crashed" || "code" in outcome) {
			job.status = "failed";
			job.failure = outcome;
		} else {
			job.status = "done";
			job.result = outcome;
		}
		// Counts only: no learner's data reaches the log.
		this.#options.logger.info("simulation", {
			job: job.id,
			status: job.status,
			bytes: job.bytes,
			learners: job.result?.learners,
			durationMs: job.finishedAt - job.createdAt,
		});
		this.#schedule();
	}

	/** Lets the oldest queued jobs run, as many as may at once. */
	#schedule(): void {
		const jobs = [...this.#jobs.values()];
		let running = jobs.filter((job) => job.status === "running").length;
		for (const job of jobs) {
			if (running >= this.limits.jobsRunning) break;
			if (job.status !== "queued" || job.worker === undefined) continue;
			job.status = "running";
			job.worker.postMessage(job.file);
			running++;
		}
	}

	/** Drops finished jobs and uploads kept longer than the limit. */
	#sweep(): void {
		const before = this.#now() - this.limits.keptMs;
		for (const job of this.#jobs.values())
			if (job.finishedAt !== undefined && job.finishedAt < before) this.#dropJob(job);
		for (const upload of this.#uploads.values())
			if (upload.createdAt < before) this.#dropUpload(upload.id);
	}

	#evictOverLimit(): void {
		for (const job of this.#jobs.values()) {
			if (this.#jobs.size <= this.limits.jobsKept) break;
			if (job.finishedAt !== undefined) this.#dropJob(job);
		}
	}

	#dropJob(job: SimulationJob): void {
		this.#jobs.delete(job.id);
		void job.worker?.terminate();
		rmSync(job.folder, { recursive: true, force: true });
	}

	#dropUpload(id: string): void {
		const upload = this.#uploads.get(id);
		this.#uploads.delete(id);
		if (upload) rmSync(upload.path, { force: true });
	}

	#folder(): string {
		this.#root ??= mkdtempSync(join(tmpdir(), `${folderPrefix}${process.pid}-`));
		return this.#root;
	}
}

/**
 * Removes the folders that services of processes which stopped without closing left in the
 * temporary folder. Only a folder this code made is touched: named with the prefix and the id of
 * a process that no longer runs, the user's own, and with nothing in it changed for longer than
 * jobs and uploads are kept, so that its service would have dropped all of it by now. A folder of
 * a running service, or of another user, is left alone; so is one that cannot be read.
 */
function removeStaleFolders(keptMs: number): void {
	const temporary = tmpdir();
	const before = Date.now() - keptMs;
	const named = new RegExp(`^${folderPrefix}(\\d+)-`);
	for (const name of readdirSync(temporary)) {
		const pid = named.exec(name)?.[1];
		if (pid === undefined || running(Number(pid))) continue;
		const folder = join(temporary, name);
		try {
			const stat = lstatSync(folder);
			if (!stat.isDirectory() || stat.uid !== process.getuid?.()) continue;
			const entries = readdirSync(folder, { recursive: true, encoding: "utf8" });
			const changed = entries.map((entry) => lstatSync(join(folder, entry)).mtimeMs);
			if (Math.max(stat.mtimeMs, ...changed) < before) rmSync(folder, { recursive: true });
		} catch {
			// Gone meanwhile, or not to be read: not this service's to remove.
		}
	}
}

/** Whether a process runs (one of another user's answers EPERM, and runs too). */
function running(pid: number): boolean {
	if (pid === process.pid) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === "EPERM";
	}
}

/** The problem for a population file over the limit. */
export function tooLarge(limit: number): ApiError {
	const mib = limit / (1024 * 1024);
	return new ApiError("too-large", `The population file is larger than ${mib} MiB`, [
		{ path: "body", message: `at most ${mib} MiB` },
	]);
}

/**
 * The problem for laws that do not hold, naming the request's field; for a population file, its
 * first bad line (found only once the job runs).
 */
function refusal(failure: SimulationFailure): ApiError {
	switch (failure.code) {
		case "invalid-law-file": {
			const errors = formErrors(failure.problems);
			return new ApiError(
				"invalid-input",
				errors.map((e) => `${e.path}: ${e.message}`).join("; "),
				errors,
			);
		}
		case "parameter-not-in-force":
			return new ApiError("parameter-not-in-force", failure.message, [
				{ path: "horizon", message: failure.message },
			]);
		case "unsupported-law":
			return new ApiError("invalid-input", failure.message, [
				{ path: "reform", message: failure.message },
			]);
		case "invalid-population": {
			const detail = `line ${failure.line}: ${failure.reason}`;
			return new ApiError("invalid-population", detail, [
				{ path: "population", message: detail, line: failure.line },
			]);
		}
		default: {
			const _: never = failure;
			return _;
		}
	}
}

/** The problem a failed job answers with: the population's first bad line, or an internal error. */
export function jobProblem(job: SimulationJob, instance: string): Problem | undefined {
	const failure = job.failure;
	if (failure === undefined) return undefined;
	if (failure === "crashed")
		return problem("internal", "The simulation stopped unexpectedly; it has been logged", instance);
	return problemFor(refusal(failure), instance);
}
