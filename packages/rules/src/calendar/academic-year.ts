import type { IsoDate, MonthDay } from "./iso-date.ts";

/**
 * An academic year (academiejaar), named by the calendar year in which it starts: 2016 is 2016-2017.
 * The Codex Hoger Onderwijs (art. I.3) defines it as twelve months starting between 1 and 30 September.
 */
export type AcademicYear = number;

const labelPattern = /^(\d{4})-(\d{4})$/;

/** The label used in documents and files, e.g. `2016-2017`. */
export function formatAcademicYear(year: AcademicYear): string {
	return `${year}-${year + 1}`;
}

/** Parses `2016-2017` into 2016, or returns undefined when the label is not two consecutive years. */
export function parseAcademicYear(label: string): AcademicYear | undefined {
	const match = labelPattern.exec(label);
	if (!match) return undefined;
	const first = Number(match[1]);
	return Number(match[2]) === first + 1 ? first : undefined;
}

/**
 * The date on which `monthDay` falls within academic year `year`: days from `yearStart` onward
 * fall in the starting calendar year, earlier days in the next one.
 * @example dateInAcademicYear("03-15", 2016, "09-01") === "2017-03-15"
 */
export function dateInAcademicYear(
	monthDay: MonthDay,
	year: AcademicYear,
	yearStart: MonthDay,
): IsoDate {
	const calendarYear = monthDay >= yearStart ? year : year + 1;
	return `${calendarYear}-${monthDay}`;
}
