import type { WhatIfYear } from "@rugzak/rules";

/** One row of the what-if table: the balance at the end of the year without and with the plan. */
export interface WhatIfRow {
	readonly academicYear: string;
	readonly before: number;
	readonly after: number;
	readonly change: number;
}

/**
 * The rows to show: a year missing from one side has no ledger lines there, so its balance is the
 * one the year before ended with (not 0); the years before the first change, but the last, are left out.
 */
export function whatIfRows(years: readonly WhatIfYear[]): WhatIfRow[] {
	let before = 0;
	let after = 0;
	const rows = years.map((year) => {
		before = year.before?.end ?? before;
		after = year.after?.end ?? after;
		return { academicYear: year.academicYear, before, after, change: after - before };
	});
	const firstChange = rows.findIndex((row) => row.change !== 0);
	return firstChange < 0 ? rows.slice(-1) : rows.slice(Math.max(0, firstChange - 1));
}
