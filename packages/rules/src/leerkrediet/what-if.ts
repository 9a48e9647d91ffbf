import {
	type AcademicYear,
	dateInAcademicYear,
	formatAcademicYear,
} from "../calendar/academic-year.ts";
import { type IsoDate, laterOf } from "../calendar/iso-date.ts";
import { type Parameters, valueAt } from "../parameters/parameters.ts";
import type { Contract, ProgrammeKind } from "../programme.ts";
import {
	computeLeerkrediet,
	type LeerkredietAccount,
	type LeerkredietContext,
} from "./compute-account.ts";
import type { Fact, FactOf } from "./facts.ts";
import type { YearStatement } from "./statement.ts";

export interface WhatIfYear {
	readonly academicYear: string;
	readonly before: YearStatement | undefined;
	readonly after: YearStatement | undefined;
	/** How much higher (or, negative, lower) the year ends with the hypothetical facts. */
	readonly endChange: number;
}

/** The answers before and after adding hypothetical facts; the real facts are not changed. */
export interface WhatIf {
	readonly at: IsoDate;
	readonly before: LeerkredietAccount;
	readonly after: LeerkredietAccount;
	readonly balanceChange: number;
	readonly years: readonly WhatIfYear[];
}

/**
 * Computes the account with and without `hypothetical` facts, up to the later of `context.at` and
 * the last hypothetical fact. Hypothetical facts may refer to real ones; bad facts throw InputError.
 */
export function whatIf(
	facts: readonly Fact[],
	hypothetical: readonly Fact[],
	context: LeerkredietContext,
): WhatIf {
	const at = hypothetical.map((fact) => fact.date).reduce(laterOf, context.at);
	const before = computeLeerkrediet(facts, { ...context, at });
	const after = computeLeerkrediet([...facts, ...hypothetical], { ...context, at });
	const labels = [
		...new Set([...before.years, ...after.years].map((year) => year.academicYear)),
	].sort();
	const years = labels.map((academicYear) => {
		const was = before.years.find((year) => year.academicYear === academicYear);
		const will = after.years.find((year) => year.academicYear === academicYear);
		return {
			academicYear,
			before: was,
			after: will,
			endChange: (will?.end ?? 0) - (was?.end ?? 0),
		};
	});
	return { at, before, after, balanceChange: after.state.balance - before.state.balance, years };
}

/** A year a learner plans: how many credits to register for and how many of them to pass. */
export interface YearPlan {
	readonly academicYear: AcademicYear;
	readonly institution: string;
	readonly programmeKind: ProgrammeKind;
	readonly contract: Contract;
	readonly registered: number;
	readonly passed: number;
}

/**
 * The facts of a planned year, for `whatIf`: an enrolment on the first day of the academic year,
 * one course unit with the credits to pass and one with the rest, and their results on its last day.
 */
export function planYear(plan: YearPlan, parameters: Parameters, idPrefix = "plan"): Fact[] {
	const p = `${idPrefix}-${plan.academicYear}`;
	const inYear = `${plan.academicYear}-12-31`;
	const firstDay = valueAt(parameters, "academic-year/first-day", inYear).value;
	const start = `${plan.academicYear}-${firstDay}`;
	const lastDay = valueAt(parameters, "academic-year/last-day", inYear).value;
	const resultDate = dateInAcademicYear(lastDay, plan.academicYear + 1, firstDay);
	const enrolment: Fact = {
		id: `${p}-enrolment`,
		type: "LearnerEnrolled",
		date: start,
		data: {
			academicYear: formatAcademicYear(plan.academicYear),
			institution: plan.institution,
			programme: { kind: plan.programmeKind, name: "Plan" },
			contract: plan.contract,
		},
	};
	const parts = [
		{ key: "passed", credits: plan.passed, outcome: "passed" as const },
		{ key: "not-passed", credits: plan.registered - plan.passed, outcome: "failed" as const },
	].filter((part) => part.credits > 0);
	const units = parts.flatMap((part): Fact[] => [
		{
			id: `${p}-${part.key}`,
			type: "CourseUnitRegistered",
			date: start,
			data: {
				enrolmentId: enrolment.id,
				courseUnit: {
					name: part.key === "passed" ? "Planned, passed" : "Planned, not passed",
					credits: part.credits,
				},
				period: "year",
				periodStartDate: start,
			},
		},
		{
			id: `${p}-${part.key}-result`,
			type: "ResultRecorded",
			date: resultDate,
			data: { registrationId: `${p}-${part.key}`, outcome: part.outcome },
		},
	]);
	return [enrolment, ...units];
}

/** The institution of the learner's latest enrolment (by date, then id): where a plan is made by default. */
export function latestInstitution(facts: readonly Fact[]): string | undefined {
	let latest: FactOf<"LearnerEnrolled"> | undefined;
	for (const fact of facts) {
		if (fact.type !== "LearnerEnrolled") continue;
		if (!latest || fact.date > latest.date || (fact.date === latest.date && fact.id > latest.id))
			latest = fact;
	}
	return latest?.data.institution;
}
