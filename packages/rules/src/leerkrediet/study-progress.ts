import { formatAcademicYear, parseAcademicYear } from "../calendar/academic-year.ts";
import type { LedgerLine } from "./ledger.ts";

/**
 * Study progress in one academic year (R21): the credits taken that stayed on the record, those
 * earned, and the study efficiency (studierendement) of the year and of all years so far — the
 * figure institutions watch (KU Leuven's CSE, UAntwerpen's and VUB's 30 % rules). It is not a
 * leerkrediet rule and moves no balance.
 */
export interface StudyProgress {
	readonly academicYear: string;
	readonly takenCredits: number;
	readonly earnedCredits: number;
	/** Whole percent, rounded down; null when nothing was taken. */
	readonly efficiencyPercent: number | null;
	readonly cumulativeEfficiencyPercent: number | null;
}

const percent = (part: number, whole: number) =>
	whole === 0 ? null : Math.floor((part * 100) / whole);

/** Study progress per academic year with leerkrediet registrations, from the ledger. */
export function studyProgressFrom(ledger: readonly LedgerLine[]): StudyProgress[] {
	const perYear = new Map<number, { taken: number; earned: number }>();
	for (const line of ledger) {
		const year = parseAcademicYear(line.academicYear) as number;
		const entry = perYear.get(year) ?? { taken: 0, earned: 0 };
		// Credits given back on time (deregistration, exemption, restoration) were not taken.
		if (line.kind === "invested") entry.taken -= line.credits;
		if (line.kind === "refunded") entry.taken -= line.credits;
		if (line.kind === "earned") entry.earned += line.credits;
		if (line.kind === "invested" || line.kind === "refunded" || line.kind === "earned")
			perYear.set(year, entry);
	}
	let taken = 0;
	let earned = 0;
	return [...perYear.entries()]
		.sort(([a], [b]) => a - b)
		.map(([year, entry]) => {
			taken += entry.taken;
			earned += entry.earned;
			return {
				academicYear: formatAcademicYear(year),
				takenCredits: entry.taken,
				earnedCredits: entry.earned,
				efficiencyPercent: percent(entry.earned, entry.taken),
				cumulativeEfficiencyPercent: percent(earned, taken),
			};
		});
}
