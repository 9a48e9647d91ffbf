// Whether a text is a date or a day of the year: what the law files' schemas check, with no
// calendar library, so that reading the law loads none.
const monthDayPattern = /^\d{2}-\d{2}$/;

const dash = 45;
const zero = 48;
const digitPositions = [0, 1, 2, 3, 5, 6, 8, 9];
/** The longest each month can be, February as in a leap year. */
const longestMonths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `text` is a real calendar date in `YYYY-MM-DD` form (so `2017-02-30` is not). */
export function isIsoDate(text: string): boolean {
	// Checked by counting, not by Temporal, which was a third of an import's schema check and
	// takes a while to load; only 29 February depends on the year. Read by character codes: a
	// pattern with groups made four strings per date, and an import checks two dates a fact.
	if (text.length !== 10 || text.charCodeAt(4) !== dash || text.charCodeAt(7) !== dash)
		return false;
	for (const i of digitPositions) {
		const code = text.charCodeAt(i);
		if (code < zero || code > zero + 9) return false;
	}
	const number = (from: number, to: number) => {
		let value = 0;
		for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - zero;
		return value;
	};
	const month = number(5, 7);
	const day = number(8, 10);
	const longest = longestMonths[month - 1];
	if (longest === undefined || day < 1 || day > longest) return false;
	return month !== 2 || day !== longest || isLeapYear(number(0, 4));
}

/** Whether `text` is a day of the year in `MM-DD` form that exists in a leap year. */
export function isMonthDay(text: string): boolean {
	return monthDayPattern.test(text) && isIsoDate(`2000-${text}`);
}

/** Whether `year` has a 29 February in the proleptic Gregorian calendar, as ISO 8601 and Temporal count. */
function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
