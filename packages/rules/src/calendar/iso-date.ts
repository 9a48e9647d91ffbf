import { Temporal } from "temporal-polyfill";

/** A civil date as `YYYY-MM-DD`; ISO strings compare correctly with `<` and `>`. */
export type IsoDate = string;

/** A day of the year as `MM-DD`, as the law states border dates ("1 december", "15 maart"). */
export type MonthDay = string;

// Checked without Temporal, so that reading the law (parameter files) does not load it.
export { isIsoDate, isMonthDay } from "./date-text.ts";

/** The date `weeks` weeks after `date`. */
export function addWeeks(date: IsoDate, weeks: number): IsoDate {
	return Temporal.PlainDate.from(date).add({ weeks }).toString();
}

/** The date `days` days after `date` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
	return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** The date `months` months before `date`, clamped to the end of a shorter month. */
export function subtractMonths(date: IsoDate, months: number): IsoDate {
	return Temporal.PlainDate.from(date).subtract({ months }).toString();
}

/** The later of two dates. */
export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
	return a > b ? a : b;
}
