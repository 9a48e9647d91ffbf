import { Temporal } from "temporal-polyfill";

/** A civil date as `YYYY-MM-DD`; ISO strings compare correctly with `<` and `>`. */
export type IsoDate = string;

/** A day of the year as `MM-DD`, as the law states border dates ("1 december", "15 maart"). */
export type MonthDay = string;

const monthDayPattern = /^\d{2}-\d{2}$/;

const dash = 45;
const zero = 48;
const digitPositions = [0, 1, 2, 3, 5, 6, 8, 9];
/** The longest each month can be, February as in a leap year. */
const longestMonths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `text` is a real calendar date in `YYYY-MM-DD` form (so `2017-02-30` is not). */
export function isIsoDate(text: string): boolean {
	// Checked by counting, not by Temporal, which was a third of an import's schema check; only
	// 29 February depends on the year, and Temporal decides that one. Read by character codes: a
	// pattern with groups made four strings per date, and an import checks two dates a fact.
	if (text.length !== 10 || text.charCodeAt(4) !== dash || text.charCodeAt(7) !== dash)
		return false;
	for (const i of digitPositions) {
		const code = text.charCodeAt(i);
		if (code < zero || code > zero + 9) return false;
	}
	const digit = (i: number) => text.charCodeAt(i) - zero;
	const month = digit(5) * 10 + digit(6);
	const day = digit(8) * 10 + digit(9);
	const longest = longestMonths[month - 1];
	if (longest === undefined || day < 1 || day > longest) return false;
	if (month !== 2 || day !== longest) return true;
	try {
		return Temporal.PlainDate.from(text, { overflow: "reject" }).toString() === text;
	} catch {
		return false;
	}
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
