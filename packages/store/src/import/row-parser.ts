import type { SourceLine } from "./read-lines.ts";

/** A row as read from the file, not yet checked: a learner id and a fact, or why it is unreadable. */
export type RawRow =
	| { readonly line: number; readonly learnerId: unknown; readonly fact: unknown }
	| {
			readonly line: number;
			readonly problem: { readonly field: string; readonly message: string };
	  };

/** Turns the lines of one format into rows; undefined for lines that hold no row (blank, header). */
export interface RowParser {
	row(source: SourceLine): RawRow | undefined;
	/** What is left at the end of the file: a record still open, or nothing. */
	end(): RawRow | undefined;
}

/** NDJSON: one JSON object per line, `{ "learnerId": …, "id": …, "type": …, "date": …, "data": … }`. */
export function ndjsonRows(): RowParser {
	const row = ({ line, text }: SourceLine): RawRow | undefined => {
		if (text.trim() === "") return undefined;
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (error) {
			return {
				line,
				problem: { field: "(line)", message: `not JSON: ${(error as Error).message}` },
			};
		}
		if (value === null || typeof value !== "object" || Array.isArray(value)) {
			const message = "expected a JSON object with learnerId, id, type, date and data";
			return { line, problem: { field: "(line)", message } };
		}
		const { learnerId, ...fact } = value as Record<string, unknown>;
		return { line, learnerId, fact };
	};
	return { row, end: () => undefined };
}
