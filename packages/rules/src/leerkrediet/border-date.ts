import { type AcademicYear, dateInAcademicYear } from "../calendar/academic-year.ts";
import { addDays, addWeeks, type IsoDate, type MonthDay } from "../calendar/iso-date.ts";
import type { BorderDateRule } from "../policies/institution-policy.ts";
import type { FactOf } from "./facts.ts";

const firstSemesterPeriods = new Set(["year", "semester-1"]);

/**
 * The last day on which deregistering from a course unit gives its credits back (rule R12, E17):
 * the institution sets it, either a number of weeks into the teaching period (KdG) or a fixed day.
 */
export function borderDateFor(
	rule: BorderDateRule,
	registration: FactOf<"CourseUnitRegistered">,
	year: AcademicYear,
	yearFirstDay: MonthDay,
): IsoDate {
	const { period, periodStartDate, firstPartialTrack } = registration.data;
	switch (rule.rule) {
		case "weeks-after-period-start": {
			const longer = firstPartialTrack === true && firstSemesterPeriods.has(period);
			// "within the first 2 weeks": the last allowed day is the day before 2 weeks have passed.
			return addDays(
				addWeeks(periodStartDate, longer ? rule.firstPartialTrackWeeks : rule.weeks),
				-1,
			);
		}
		case "fixed-days":
			return dateInAcademicYear(rule.lastDay[period], year, yearFirstDay);
		default: {
			const _: never = rule;
			return _;
		}
	}
}
