import { InputError } from "@rugzak/rules";

// rugzak's own learner ids: letters, digits and . _ : @ -, so they are safe in URLs, logs and COPY.
const learnerIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/;

/** What is wrong with a learner id, or undefined when it is a valid one. */
export function learnerIdProblem(learnerId: unknown): string | undefined {
	if (typeof learnerId !== "string") return "a learner id is required, as a string";
	if (!learnerIdPattern.test(learnerId)) {
		return "a learner id has 1 to 200 letters, digits or . _ : @ -, and starts with a letter or digit";
	}
	return undefined;
}

/** Throws InputError when `learnerId` is not a valid learner id. */
export function checkLearnerId(learnerId: string): void {
	const message = learnerIdProblem(learnerId);
	if (message !== undefined) {
		throw new InputError([
			{ factId: undefined, field: "learnerId", rule: "V2", code: "invalid-value", message },
		]);
	}
}
