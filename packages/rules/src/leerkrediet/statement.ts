import { formatAcademicYear, parseAcademicYear } from "../calendar/academic-year.ts";
import type { LedgerLine, LineKind } from "./ledger.ts";

/**
 * One academic year of the statement, in the shape of the source document's tables: each column
 * is the signed change of that kind, so `start + invested + earned + bonus + refunded + deducted
 * + rebuilt = end`. The initial 140 is part of `start` in the year it is granted.
 */
export interface YearStatement {
	readonly academicYear: string;
	readonly start: number;
	readonly invested: number;
	readonly earned: number;
	readonly bonus: number;
	readonly refunded: number;
	readonly deducted: number;
	readonly rebuilt: number;
	readonly end: number;
}

type Column = Exclude<keyof YearStatement, "academicYear" | "start" | "end">;
const columnOf: Record<LineKind, Column | "start" | undefined> = {
	initial: "start",
	invested: "invested",
	earned: "earned",
	bonus: "bonus",
	refunded: "refunded",
	deducted: "deducted",
	rebuilt: "rebuilt",
	noted: undefined,
};

/**
 * Sums the ledger into one statement row per academic year, from the year the leerkrediet starts
 * to the last year with a line, with years between as rows of zeros.
 */
export function buildYearStatements(ledger: readonly LedgerLine[]): YearStatement[] {
	const startsAt = ledger.findIndex((line) => line.kind !== "noted");
	if (startsAt < 0) return [];
	const lines = ledger.slice(startsAt);
	const years = lines.map((line) => parseAcademicYear(line.academicYear) as number);
	const first = Math.min(...years);
	const last = Math.max(...years);
	const rows: YearStatement[] = [];
	let balance = 0;
	for (let year = first; year <= last; year++) {
		const label = formatAcademicYear(year);
		const row = {
			academicYear: label,
			start: balance,
			invested: 0,
			earned: 0,
			bonus: 0,
			refunded: 0,
			deducted: 0,
			rebuilt: 0,
			end: 0,
		};
		for (const line of lines) {
			if (line.academicYear !== label) continue;
			const column = columnOf[line.kind];
			if (column !== undefined) row[column] += line.credits;
		}
		row.end =
			row.start + row.invested + row.earned + row.bonus + row.refunded + row.deducted + row.rebuilt;
		balance = row.end;
		rows.push(row);
	}
	return rows;
}
