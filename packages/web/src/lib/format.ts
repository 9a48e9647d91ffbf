import type { Language } from "./i18n/dictionaries.ts";

const locales: Record<Language, string> = { nl: "nl-BE", en: "en-GB" };

/** Euro cents as money, e.g. `€ 1.116,00` (nl) or `€1,116.00` (en); cents must be a safe integer. */
export function formatEuro(cents: number, language: Language): string {
	if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be an integer: ${cents}`);
	return new Intl.NumberFormat(locales[language], { style: "currency", currency: "EUR" }).format(
		cents / 100,
	);
}

/** A count of learners or credits with the language's thousands separator: `100.000` (nl), `100,000` (en). */
export function formatCount(value: number, language: Language): string {
	return new Intl.NumberFormat(locales[language]).format(value);
}

/** A signed change of a count, grouped as `formatCount` does: `+93.961`, `−12`, `0`. */
export function formatSignedCount(value: number, language: Language): string {
	if (value === 0) return "0";
	return `${value > 0 ? "+" : "\u2212"}${formatCount(Math.abs(value), language)}`;
}

/** A signed change of credits as the source tables print it: `+36`, `−60` (a real minus), `0`. */
export function formatSignedCredits(credits: number): string {
	if (credits === 0) return "0";
	return credits > 0 ? `+${credits}` : `\u2212${Math.abs(credits)}`;
}

/** A balance, with a real minus sign when negative. */
export function formatCredits(credits: number): string {
	return credits < 0 ? `\u2212${Math.abs(credits)}` : String(credits);
}

/** An ISO civil date (`YYYY-MM-DD`) in the language's style, without time zones. */
export function formatDate(isoDate: string, language: Language): string {
	const [year, month, day] = isoDate.split("-").map(Number);
	if (year === undefined || month === undefined || day === undefined) return isoDate;
	const date = new Date(Date.UTC(year, month - 1, day));
	return new Intl.DateTimeFormat(locales[language], {
		day: "numeric",
		month: "short",
		year: "numeric",
		timeZone: "UTC",
	}).format(date);
}
