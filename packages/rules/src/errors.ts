/** What went wrong with one input value: which fact (or file), which field, which rule, and why. */
export interface InputIssue {
	/** The fact's id, or the file's name when the problem is with the file itself. */
	readonly factId: string | undefined;
	/** Dotted path to the field, e.g. `data.courseUnit.credits`. */
	readonly field: string;
	/** The rule the input breaks: a rule id such as `R4`, or `V2` for a validation rule. */
	readonly rule: string;
	readonly code: InputIssueCode;
	readonly message: string;
}

export type InputIssueCode =
	| "malformed"
	| "invalid-value"
	| "duplicate-id"
	| "unknown-reference"
	| "reference-in-the-future"
	| "date-outside-academic-year"
	| "after-result"
	| "after-exam"
	| "after-deregistration"
	| "duplicate-outcome"
	| "not-in-programme"
	| "unknown-institution"
	| "not-allowed";

/** Input that breaks a rule: no answer is computed, and every issue found is listed. */
export class InputError extends Error {
	override readonly name = "InputError";
	readonly code = "invalid-input";
	readonly issues: readonly InputIssue[];

	constructor(issues: readonly InputIssue[]) {
		const first = issues[0];
		const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
		super(
			first === undefined
				? "invalid input"
				: `${first.factId ?? "input"}: ${first.field}: ${first.message} [${first.rule}]${more}`,
		);
		this.issues = issues;
	}
}

/** No value of a parameter is in force on the date asked (not yet enacted, repealed, or not known). */
export class ParameterNotInForce extends Error {
	override readonly name = "ParameterNotInForce";
	readonly code = "parameter-not-in-force";
	readonly parameter: string;
	readonly date: string;

	constructor(parameter: string, date: string, why: string) {
		super(`Parameter ${parameter} has no value in force on ${date}: ${why}`);
		this.parameter = parameter;
		this.date = date;
	}
}

/** A parameter, reform or policy file that does not have the documented shape. */
export class LawFileError extends Error {
	override readonly name = "LawFileError";
	readonly code = "invalid-law-file";
	readonly file: string;
	readonly problems: readonly string[];

	constructor(file: string, problems: readonly string[]) {
		super(`${file}: ${problems.join("; ")}`);
		this.file = file;
		this.problems = problems;
	}
}
