import { Temporal } from "temporal-polyfill";

/** A civil date as `YYYY-MM-DD`; ISO strings compare correctly with `<` and `>`. */
export type IsoDate = string;

/** A day of the year as `MM-DD`, as the law states border dates ("1 december", "15 maart"). */
export type MonthDay = string;

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const monthDayPattern = /^\d{2}-\d{2}$/;

/** Days in a month of the proleptic Gregorian calendar, as Temporal counts them. */
function daysInMonth(year: number, month: number): number {
	if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether `text` is a real calendar date in `YYYY-MM-DD` form (so `2017-02-30` is not). */
export function isIsoDate(text: string): boolean {
	// Arithmetic, not Temporal: this runs for every date of every fact an import checks.
	if (!isoDatePattern.test(text)) return false;
	const month = Number(text.slice(5, 7));
	const day = Number(text.slice(8, 10));
	return (
		month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(text.slice(0, 4)), month)
	);
}

/** Whether `text` is a day of the year in `MM-DD` form that exists in a leap year. */
export function isMonthDay(text: string): boolean {
	return monthDayPattern.test(text) && isIsoDate(`2000-${text}`);
}

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
