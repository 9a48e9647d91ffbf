import { InputError, type InputIssue, LawFileError, ParameterNotInForce } from "@rugzak/rules";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";

/** Errors the API itself raises: not allowed, not found, conflicts. */
export class ApiError extends Error {
	override readonly name = "ApiError";
	readonly code: ProblemCode;
	readonly errors: readonly ProblemFieldError[] | undefined;

	constructor(code: ProblemCode, detail: string, errors?: readonly ProblemFieldError[]) {
		super(detail);
		this.code = code;
		this.errors = errors;
	}
}

export interface ProblemFieldError {
	readonly path: string;
	readonly message: string;
	readonly rule?: string | undefined;
	readonly factId?: string | undefined;
	/** The line of an uploaded file the message is about (the header is line 1). */
	readonly line?: number | undefined;
}

/** The only table from error code to HTTP status and title (compare tRPC's JSONRPC2_TO_HTTP_CODE). */
export const problemTypes = {
	"invalid-request": { status: 400, title: "Invalid request" },
	unauthenticated: { status: 401, title: "Authentication required" },
	forbidden: { status: 403, title: "Not allowed" },
	"not-found": { status: 404, title: "Not found" },
	conflict: { status: 409, title: "Conflict" },
	"too-large": { status: 413, title: "Request too large" },
	"unsupported-media-type": { status: 415, title: "Unsupported media type" },
	"invalid-input": { status: 422, title: "Invalid input" },
	"invalid-population": { status: 422, title: "Invalid population file" },
	"parameter-not-in-force": { status: 422, title: "No law value in force" },
	"too-many-requests": { status: 429, title: "Too many requests" },
	"not-ready": { status: 503, title: "Not ready" },
	internal: { status: 500, title: "Internal error" },
} as const;
export type ProblemCode = keyof typeof problemTypes;

/** The RFC 9457 problem document for an error. */
export interface Problem {
	readonly type: string;
	readonly title: string;
	readonly status: number;
	readonly detail: string;
	readonly instance: string;
	readonly errors?: readonly ProblemFieldError[];
}

export const problemTypeBase = "https://rugzak.dev/problems/";

export function problem(
	code: ProblemCode,
	detail: string,
	instance: string,
	errors?: readonly ProblemFieldError[],
): Problem {
	const { status, title } = problemTypes[code];
	return {
		type: `${problemTypeBase}${code}`,
		title,
		status,
		detail,
		instance,
		...(errors ? { errors } : {}),
	};
}

/** Where an input issue's field is in the request body; by default `<factId>.<field>`. */
export type IssueLocator = (issue: InputIssue) => string;

const byFactId: IssueLocator = (issue) =>
	issue.factId === undefined ? issue.field : `${issue.factId}.${issue.field}`;

/** Maps any error to a problem; unknown errors become a 500 with a generic detail. */
export function problemFor(
	error: unknown,
	instance: string,
	locate: IssueLocator = byFactId,
): Problem {
	if (error instanceof ApiError) return problem(error.code, error.message, instance, error.errors);
	if (error instanceof InputError) {
		const errors = error.issues.map((issue) => ({
			path: locate(issue),
			message: issue.message,
			rule: issue.rule,
			factId: issue.factId,
		}));
		return problem("invalid-input", error.message, instance, errors);
	}
	if (error instanceof HTTPException) {
		// Hono's own refusals, such as a body that is not JSON.
		const code =
			(Object.keys(problemTypes) as ProblemCode[]).find(
				(key) => problemTypes[key].status === error.status,
			) ?? "invalid-request";
		return problem(code, error.message || problemTypes[code].title, instance);
	}
	if (error instanceof ParameterNotInForce)
		return problem("parameter-not-in-force", error.message, instance);
	if (error instanceof LawFileError)
		return problem("internal", "The law files could not be read", instance);
	return problem(
		"internal",
		"An unexpected error occurred; it has been logged with the request id",
		instance,
	);
}

/** Answers with a problem document and its content type. */
export function respondProblem(c: Context, body: Problem): Response {
	return c.json(body, body.status as 400, { "Content-Type": "application/problem+json" });
}
