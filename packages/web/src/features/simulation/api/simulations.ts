import type { SimulationDocument } from "@rugzak/rules/population";
import { api, authHeaders, readResponse } from "../../../lib/api-client.ts";
import type { Problem } from "../../../lib/problem.ts";
import { uploadFile } from "../../../lib/upload.ts";

/** A reform file rugzak ships, as `GET /api/reforms` lists it. */
export interface ShippedReform {
	readonly id: string;
	readonly description: string;
	readonly reference: string | null;
	readonly parameters: readonly string[];
}

/** A parameter the form may change, with the law's value today. */
export interface FormParameter {
	readonly field: string;
	readonly name: string;
	readonly unit: string;
	readonly description: string;
	readonly value: number | boolean;
}

export interface ReformsAnswer {
	readonly reforms: readonly ShippedReform[];
	readonly parameters: readonly FormParameter[];
	/** The horizon a simulation takes when none is given: that of the demo population. */
	readonly horizon: number;
}

/** A shipped reform, or parameters changed in the form. */
type ReformChoice =
	| { readonly file: string }
	| { readonly parameters: Readonly<Record<string, number | boolean | null>> };

/** What to simulate, as `POST /api/simulations` takes it. */
export interface SimulationRequest {
	readonly population: string;
	readonly horizon: number | null;
	readonly reform: ReformChoice;
}

/** `GET /api/simulations/{id}`: progress, then the summary or the problem that stopped it. */
export interface SimulationJob {
	readonly id: string;
	readonly status: "queued" | "running" | "done" | "failed";
	readonly progress: number;
	/** The reform asked for, as sent; null for the law alone. */
	readonly reform: ReformChoice | null;
	readonly result: SimulationDocument | null;
	readonly problem: Problem | null;
	readonly learnersCsv: string | null;
}

export function fetchReforms(signal: AbortSignal): Promise<ReformsAnswer> {
	return api<ReformsAnswer>("/api/reforms", { signal });
}

/** Sends a population file; answers its id for `startSimulation`. */
export async function uploadPopulation(
	file: File,
	onProgress: (sent: number) => void,
): Promise<string> {
	const path = `/api/populations?name=${encodeURIComponent(file.name)}`;
	const answer = await uploadFile<{ id: string }>(path, file, {
		contentType: "text/csv",
		onProgress,
	});
	return answer.id;
}

export function startSimulation(request: SimulationRequest): Promise<SimulationJob> {
	return api<SimulationJob>("/api/simulations", { json: request });
}

function fetchSimulation(id: string, signal?: AbortSignal): Promise<SimulationJob> {
	return api<SimulationJob>(`/api/simulations/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

// Answers come this often while a simulation runs: often enough for a moving bar, seldom
// enough to leave the server alone.
const pollMs = 250;

/** Polls a job until it has finished, telling each answer; stops when `signal` aborts. */
export async function followSimulation(
	job: SimulationJob,
	onUpdate: (job: SimulationJob) => void,
	signal: AbortSignal,
): Promise<SimulationJob> {
	let current = job;
	while (current.status === "queued" || current.status === "running") {
		await new Promise((resolve) => setTimeout(resolve, pollMs));
		current = await fetchSimulation(current.id, signal);
		onUpdate(current);
	}
	return current;
}

/**
 * Fetches the per-learner CSV with the bearer token (a plain link cannot send it) and hands it to
 * the browser as a download.
 */
export async function downloadLearners(job: SimulationJob): Promise<void> {
	if (job.learnersCsv === null) return;
	const response = await fetch(job.learnersCsv, { headers: authHeaders() });
	if (!response.ok) await readResponse(response);
	const url = URL.createObjectURL(await response.blob());
	const link = document.createElement("a");
	link.href = url;
	link.download = `simulation-${job.id}-learners.csv`;
	document.body.append(link);
	link.click();
	link.remove();
	// The browser has taken the file once the click is handled.
	setTimeout(() => URL.revokeObjectURL(url), 0);
}
