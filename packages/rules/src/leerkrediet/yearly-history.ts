import { formatAcademicYear } from "../calendar/academic-year.ts";
import type { Fact } from "./facts.ts";

/** One enrolled academic year as the population files give it (bench/gen-population.mjs). */
export interface YearlyTotals {
	readonly academicYear: number;
	readonly contract: "diploma" | "credit";
	readonly registered: number;
	readonly earned: number;
	readonly degree: "" | "bachelor" | "master";
}

/**
 * The facts of a learner whose history is known only as yearly totals: per year an enrolment, a
 * course unit with the credits passed and one with the rest, their results, and the degree. Before
 * the bachelor degree the programme is a bachelor, after it a master. Dates are fixed points in the
 * year: enrolment on 15 September, results on 1 July, degrees on 10 July.
 */
export function factsFromYearlyTotals(
	learnerId: string,
	years: readonly YearlyTotals[],
	institution: string,
): Fact[] {
	const facts: Fact[] = [];
	let bachelor = false;
	for (const year of years) {
		const y = year.academicYear;
		const prefix = `${learnerId}-${y}`;
		const enrolmentId = `${prefix}-e`;
		facts.push({
			id: enrolmentId,
			type: "LearnerEnrolled",
			date: `${y}-09-15`,
			data: {
				academicYear: formatAcademicYear(y),
				institution,
				programme: { kind: bachelor ? "master" : "bachelor" },
				contract: year.contract,
			},
		});
		const parts = [
			{ key: "p", credits: year.earned, outcome: "passed" as const },
			{ key: "f", credits: year.registered - year.earned, outcome: "failed" as const },
		];
		for (const part of parts.filter((p) => p.credits > 0)) {
			facts.push({
				id: `${prefix}-${part.key}`,
				type: "CourseUnitRegistered",
				date: `${y}-09-15`,
				data: {
					enrolmentId,
					courseUnit: { credits: part.credits },
					period: "year",
					periodStartDate: `${y}-09-22`,
				},
			});
			facts.push({
				id: `${prefix}-${part.key}r`,
				type: "ResultRecorded",
				date: `${y + 1}-07-01`,
				data: { registrationId: `${prefix}-${part.key}`, outcome: part.outcome },
			});
		}
		if (year.degree !== "")
			facts.push({
				id: `${prefix}-d`,
				type: "DegreeAwarded",
				date: `${y + 1}-07-10`,
				data: { enrolmentId },
			});
		if (year.degree === "bachelor") bachelor = true;
	}
	return facts;
}
