import {
	type AcademicYear,
	formatAcademicYear,
	parseAcademicYear,
} from "../calendar/academic-year.ts";
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

type Sums = Record<Column | "start", number>;

/**
 * Sums lines into one statement row per academic year, from the year the leerkrediet starts (the
 * first line that moves the balance) to the last year with a line, with years between as rows of
 * zeros. The engine feeds it as it decides lines, with or without an explained ledger.
 */
export class StatementBuilder {
	readonly #sums = new Map<AcademicYear, Sums>();
	#first = Number.POSITIVE_INFINITY;
	#last = Number.NEGATIVE_INFINITY;

	add(year: AcademicYear, kind: LineKind, credits: number): void {
		// Noted lines before the leerkrediet starts are not part of the statement.
		if (this.#sums.size === 0 && kind === "noted") return;
		if (year < this.#first) this.#first = year;
		if (year > this.#last) this.#last = year;
		let sums = this.#sums.get(year);
		if (sums === undefined) {
			sums = { start: 0, invested: 0, earned: 0, bonus: 0, refunded: 0, deducted: 0, rebuilt: 0 };
			this.#sums.set(year, sums);
		}
		const column = columnOf[kind];
		if (column !== undefined) sums[column] += credits;
	}

	rows(): YearStatement[] {
		const rows: YearStatement[] = [];
		let balance = 0;
		for (let year = this.#first; year <= this.#last; year++) {
			const sums = this.#sums.get(year);
			const row = {
				academicYear: formatAcademicYear(year),
				start: balance + (sums?.start ?? 0),
				invested: sums?.invested ?? 0,
				earned: sums?.earned ?? 0,
				bonus: sums?.bonus ?? 0,
				refunded: sums?.refunded ?? 0,
				deducted: sums?.deducted ?? 0,
				rebuilt: sums?.rebuilt ?? 0,
				end: 0,
			};
			row.end =
				row.start +
				row.invested +
				row.earned +
				row.bonus +
				row.refunded +
				row.deducted +
				row.rebuilt;
			balance = row.end;
			rows.push(row);
		}
		return rows;
	}
}

/** The statement of an explained ledger: the same sums the engine keeps as it decides the lines. */
export function buildYearStatements(ledger: readonly LedgerLine[]): YearStatement[] {
	const statement = new StatementBuilder();
	for (const line of ledger) {
		statement.add(parseAcademicYear(line.academicYear) as AcademicYear, line.kind, line.credits);
	}
	return statement.rows();
}
