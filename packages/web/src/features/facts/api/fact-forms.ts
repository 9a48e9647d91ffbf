import type { FactType } from "@rugzak/rules";

/** What a staff member can record, with the fact type each becomes. */
export const factForms = {
	enrolment: "LearnerEnrolled",
	registration: "CourseUnitRegistered",
	result: "ResultRecorded",
	deregistration: "CourseUnitDeregistered",
	"programme-change": "ProgrammeChanged",
	degree: "DegreeAwarded",
} as const satisfies Record<string, FactType>;
export type FactForm = keyof typeof factForms;

/** Where a field's choices come from: a fixed list, or the learner's own facts and the institutions. */
export type FieldSource =
	| "text"
	| "number"
	| "date"
	| "institutions"
	| "enrolments"
	| "registrations"
	| "programme-kinds"
	| "contracts"
	| "periods"
	| "outcomes"
	| "sessions";

/** A form field, named by its path inside the fact (`data.courseUnit.credits`), as the API's errors name it. */
export interface FactField {
	readonly name: string;
	readonly source: FieldSource;
	readonly optional?: boolean;
}

const date: FactField = { name: "date", source: "date" };

export const fieldsOf: Record<FactForm, readonly FactField[]> = {
	enrolment: [
		date,
		{ name: "data.academicYear", source: "text" },
		{ name: "data.institution", source: "institutions" },
		{ name: "data.programme.kind", source: "programme-kinds" },
		{ name: "data.programme.name", source: "text", optional: true },
		{ name: "data.contract", source: "contracts" },
	],
	registration: [
		date,
		{ name: "data.enrolmentId", source: "enrolments" },
		{ name: "data.courseUnit.name", source: "text", optional: true },
		{ name: "data.courseUnit.credits", source: "number" },
		{ name: "data.period", source: "periods" },
		{ name: "data.periodStartDate", source: "date" },
	],
	result: [
		date,
		{ name: "data.registrationId", source: "registrations" },
		{ name: "data.outcome", source: "outcomes" },
		{ name: "data.session", source: "sessions", optional: true },
	],
	deregistration: [date, { name: "data.registrationId", source: "registrations" }],
	"programme-change": [
		date,
		{ name: "data.fromEnrolmentId", source: "enrolments" },
		{ name: "data.toEnrolmentId", source: "enrolments" },
	],
	degree: [date, { name: "data.enrolmentId", source: "enrolments" }],
};

/**
 * The fact a form's values make: numbers where the format has numbers, nested by the field paths,
 * and empty fields left out so that the API names what is missing rather than the portal guessing.
 */
export function buildFact(
	form: FactForm,
	values: Readonly<Record<string, string>>,
	id: string,
): Record<string, unknown> {
	const fact: Record<string, unknown> = { id, type: factForms[form], data: {} };
	for (const field of fieldsOf[form]) {
		const text = (values[field.name] ?? "").trim();
		if (text === "") continue;
		const numeric = field.source === "number" || field.source === "sessions";
		setPath(fact, field.name.split("."), numeric ? Number(text) : text);
	}
	return fact;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
	const [head, ...rest] = path;
	if (head === undefined) return;
	if (rest.length === 0) {
		target[head] = value;
		return;
	}
	const child = target[head];
	const next =
		typeof child === "object" && child !== null ? (child as Record<string, unknown>) : {};
	target[head] = next;
	setPath(next, rest, value);
}
