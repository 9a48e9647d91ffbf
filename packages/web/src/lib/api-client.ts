import type { Problem } from "./problem.ts";

/** A failed API call: the HTTP status and the RFC 9457 problem the API answered. */
export class ApiError extends Error {
	readonly status: number;
	readonly problem: Problem;
	constructor(status: number, problem: Problem) {
		super(problem.detail ?? problem.title ?? `HTTP ${status}`);
		this.name = "ApiError";
		this.status = status;
		this.problem = problem;
	}
}

export interface RequestOptions {
	readonly method?: "GET" | "POST";
	/** A value sent as JSON. */
	readonly json?: unknown;
	readonly headers?: Readonly<Record<string, string>>;
	readonly signal?: AbortSignal;
}

let bearer: string | undefined;
let onUnauthorized: () => void = () => {};

/** Sets the token every call sends and what to do when the API answers 401. */
export function configureApi(token: string | undefined, unauthorized: () => void): void {
	bearer = token;
	onUnauthorized = unauthorized;
}

/** The headers every call sends: the bearer token when logged in. */
export function authHeaders(): Record<string, string> {
	return bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` };
}

/** Turns a response into its JSON body, or throws ApiError with the problem document. */
export async function readResponse<TBody>(response: Response): Promise<TBody> {
	const text = await response.text();
	let body: unknown;
	try {
		body = text === "" ? undefined : JSON.parse(text);
	} catch {
		body = { detail: text.slice(0, 200) };
	}
	if (response.ok) return body as TBody;
	if (response.status === 401) onUnauthorized();
	const problem = typeof body === "object" && body !== null ? (body as Problem) : {};
	throw new ApiError(response.status, { status: response.status, ...problem });
}

/** Calls the API on this origin (`/api/...`) with the bearer token; throws ApiError on failure. */
export async function api<TBody>(path: string, options: RequestOptions = {}): Promise<TBody> {
	const headers: Record<string, string> = { Accept: "application/json", ...authHeaders() };
	if (options.json !== undefined) headers["Content-Type"] = "application/json";
	const init: RequestInit = {
		method: options.method ?? (options.json === undefined ? "GET" : "POST"),
		headers: { ...headers, ...options.headers },
	};
	if (options.json !== undefined) init.body = JSON.stringify(options.json);
	if (options.signal !== undefined) init.signal = options.signal;
	return readResponse<TBody>(await fetch(path, init));
}
