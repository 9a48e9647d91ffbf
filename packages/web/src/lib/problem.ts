/** An RFC 9457 problem document as the API answers it (docs/api.md). */
export interface Problem {
	readonly type?: string;
	readonly title?: string;
	readonly status?: number;
	readonly detail?: string;
	readonly instance?: string;
	readonly errors?: readonly ProblemError[];
}

export interface ProblemError {
	readonly path: string;
	readonly message: string;
	readonly rule?: string;
	readonly factId?: string;
}

/** Messages per form field, and the ones that match no field (shown in the form's alert). */
export interface FieldErrors {
	readonly byField: Readonly<Record<string, string>>;
	readonly unmatched: readonly string[];
}

/**
 * Maps a problem's `errors[].path` onto form fields: `prefix` is stripped (`facts.0.` for a form that
 * sends one fact), and a path belongs to the longest field name it equals or starts with.
 * @example fieldErrors(problem, ["data.courseUnit.credits"], "facts.0.")
 */
export function fieldErrors(problem: Problem, fields: readonly string[], prefix = ""): FieldErrors {
	const byField: Record<string, string> = {};
	const unmatched: string[] = [];
	const longestFirst = [...fields].sort((a, b) => b.length - a.length);
	for (const error of problem.errors ?? []) {
		const path = error.path.startsWith(prefix) ? error.path.slice(prefix.length) : error.path;
		const field = longestFirst.find((name) => path === name || path.startsWith(`${name}.`));
		if (field === undefined) {
			unmatched.push(error.path === "" ? error.message : `${error.path}: ${error.message}`);
		} else {
			byField[field] =
				byField[field] === undefined ? error.message : `${byField[field]}; ${error.message}`;
		}
	}
	return { byField, unmatched };
}

/**
 * The message to show beside a field: ours, in the portal's language, when the field was left empty
 * (the API's words for a missing value help no one), else the API's own.
 */
export function messageFor(
	errors: FieldErrors | undefined,
	field: { readonly name: string; readonly value: string | undefined },
	required: string,
): string | undefined {
	const message = errors?.byField[field.name];
	if (message === undefined) return undefined;
	return (field.value ?? "").trim() === "" ? required : message;
}
