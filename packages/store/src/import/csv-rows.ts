import { InputError } from "@rugzak/rules";
import type { SourceLine } from "./read-lines.ts";
import type { RawRow, RowParser } from "./row-parser.ts";

type Kind = "text" | "number" | "boolean" | "list";

/** The CSV columns and the fact field each fills (docs/import.md); an empty cell fills nothing. */
export const csvColumns: Readonly<
	Record<string, { readonly path: readonly string[]; readonly kind: Kind }>
> = {
	learner_id: { path: ["learnerId"], kind: "text" },
	fact_id: { path: ["id"], kind: "text" },
	type: { path: ["type"], kind: "text" },
	date: { path: ["date"], kind: "text" },
	academic_year: { path: ["data", "academicYear"], kind: "text" },
	institution: { path: ["data", "institution"], kind: "text" },
	programme_id: { path: ["data", "programme", "id"], kind: "text" },
	programme_name: { path: ["data", "programme", "name"], kind: "text" },
	programme_kind: { path: ["data", "programme", "kind"], kind: "text" },
	contract: { path: ["data", "contract"], kind: "text" },
	enrolment_id: { path: ["data", "enrolmentId"], kind: "text" },
	course_unit_id: { path: ["data", "courseUnit", "id"], kind: "text" },
	course_unit_name: { path: ["data", "courseUnit", "name"], kind: "text" },
	credits: { path: ["data", "courseUnit", "credits"], kind: "number" },
	period: { path: ["data", "period"], kind: "text" },
	period_start_date: { path: ["data", "periodStartDate"], kind: "text" },
	first_partial_track: { path: ["data", "firstPartialTrack"], kind: "boolean" },
	registration_id: { path: ["data", "registrationId"], kind: "text" },
	outcome: { path: ["data", "outcome"], kind: "text" },
	session: { path: ["data", "session"], kind: "number" },
	from_enrolment_id: { path: ["data", "fromEnrolmentId"], kind: "text" },
	to_enrolment_id: { path: ["data", "toEnrolmentId"], kind: "text" },
	registration_ids: { path: ["data", "registrationIds"], kind: "list" },
	reason: { path: ["data", "reason"], kind: "text" },
	decision: { path: ["data", "decision"], kind: "text" },
};

const requiredColumns = ["learner_id", "fact_id", "type", "date"];
const numberPattern = /^-?\d+(\.\d+)?$/;
const maxRecordLength = 1_000_000;

/** A cell's value; text that is not of the column's kind is kept, so the schema names the problem. */
function cellValue(text: string, kind: Kind): unknown {
	if (kind === "number") return numberPattern.test(text) ? Number(text) : text;
	if (kind === "boolean") return text === "true" ? true : text === "false" ? false : text;
	if (kind === "list") return text.split(";").map((item) => item.trim());
	return text;
}

type Split = { readonly fields: string[] } | { readonly open: true } | { readonly error: string };

/** Splits one CSV record (RFC 4180: `"` quotes, `""` is a quote); open when a quote is not closed. */
function splitRecord(text: string): Split {
	const fields: string[] = [];
	let i = 0;
	for (;;) {
		if (text[i] === '"') {
			let value = "";
			let from = i + 1;
			for (;;) {
				const quote = text.indexOf('"', from);
				if (quote === -1) return { open: true };
				value += text.slice(from, quote);
				if (text[quote + 1] !== '"') {
					i = quote + 1;
					break;
				}
				value += '"';
				from = quote + 2;
			}
			fields.push(value);
			if (i === text.length) return { fields };
			if (text[i] !== ",")
				return { error: `a quoted cell must be followed by a comma (field ${fields.length})` };
			i++;
		} else {
			const comma = text.indexOf(",", i);
			fields.push(text.slice(i, comma === -1 ? text.length : comma));
			if (comma === -1) return { fields };
			i = comma + 1;
		}
	}
}

function headerError(message: string): InputError {
	return new InputError([
		{ factId: undefined, field: "(header)", rule: "V2", code: "malformed", message },
	]);
}

function checkHeader(names: readonly string[]): void {
	const unknown = names.filter((name) => !Object.hasOwn(csvColumns, name));
	if (unknown.length > 0) {
		throw headerError(
			`line 1: unknown column ${unknown.join(", ")}; known: ${Object.keys(csvColumns).join(", ")}`,
		);
	}
	const missing = requiredColumns.filter((name) => !names.includes(name));
	if (missing.length > 0) throw headerError(`line 1: missing column ${missing.join(", ")}`);
	const repeated = names.filter((name, i) => names.indexOf(name) !== i);
	if (repeated.length > 0) throw headerError(`line 1: column ${repeated.join(", ")} appears twice`);
}

/** A row's cells as a learner id and a fact, with `data` present so that missing fields are named. */
function rowOf(line: number, header: readonly string[], cells: readonly string[]): RawRow {
	const row: Record<string, unknown> = { data: {} };
	header.forEach((name, i) => {
		const cell = cells[i] ?? "";
		if (cell === "") return;
		const column = csvColumns[name] as (typeof csvColumns)[string];
		let target = row;
		for (const key of column.path.slice(0, -1)) {
			target[key] ??= {};
			target = target[key] as Record<string, unknown>;
		}
		target[column.path.at(-1) as string] = cellValue(cell, column.kind);
	});
	const { learnerId, ...fact } = row;
	return { line, learnerId, fact };
}

/** CSV with a header row naming columns of `csvColumns`, in any order (docs/import.md). */
export function csvRows(): RowParser {
	let header: string[] | undefined;
	let pending: SourceLine | undefined;
	const unclosed = (line: number): RawRow => ({
		line,
		problem: { field: "(line)", message: "a quoted cell is never closed" },
	});
	const row = (source: SourceLine): RawRow | undefined => {
		const record = pending
			? { line: pending.line, text: `${pending.text}\n${source.text}` }
			: source;
		pending = undefined;
		if (header === undefined && record.text.trim() === "") return undefined;
		const split = splitRecord(record.text);
		if ("open" in split) {
			if (record.text.length < maxRecordLength) {
				pending = record;
				return undefined;
			}
			return unclosed(record.line);
		}
		if ("error" in split)
			return { line: record.line, problem: { field: "(line)", message: split.error } };
		if (header === undefined) {
			checkHeader(split.fields);
			header = split.fields;
			return undefined;
		}
		if (split.fields.length === 1 && split.fields[0] === "") return undefined;
		if (split.fields.length !== header.length) {
			const message = `expected ${header.length} cells as in the header, found ${split.fields.length}`;
			return { line: record.line, problem: { field: "(line)", message } };
		}
		return rowOf(record.line, header, split.fields);
	};
	return { row, end: () => (pending === undefined ? undefined : unclosed(pending.line)) };
}
