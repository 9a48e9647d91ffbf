import { type AcademicYear, dateInAcademicYear } from "../calendar/academic-year.ts";
import { addDays, type IsoDate } from "../calendar/iso-date.ts";
import type { PolicyVersion } from "../policies/institution-policy.ts";
import type { Rounding } from "../programme.ts";
import { borderDateFor } from "./border-date.ts";
import type { RegistrationEntry } from "./index-facts.ts";
import type { LeerkredietLaw } from "./law.ts";
import type { CourseUnitRef, LineInput } from "./ledger.ts";

/** A course unit being dropped, and where and when. */
export interface Drop {
	readonly law: LeerkredietLaw;
	readonly policy: PolicyVersion;
	readonly unit: { readonly entry: RegistrationEntry; readonly unit: CourseUnitRef };
	readonly year: AcademicYear;
	readonly date: IsoDate;
	readonly factIds: readonly string[];
}

function line(
	drop: Drop,
	credits: number,
	rule: LineInput["rule"],
	reason: LineInput["reason"],
	parameters: LineInput["parameters"],
): LineInput {
	return {
		date: drop.date,
		kind: credits > 0 ? "refunded" : "noted",
		credits,
		rule,
		parameters,
		factIds: drop.factIds,
		reason,
	};
}

function borderDate(drop: Drop): IsoDate {
	return borderDateFor(
		drop.policy.borderDate,
		drop.unit.entry.fact,
		drop.year,
		drop.law.yearFirstDay.value,
	);
}

/**
 * R9, R12: deregistering on or before the institution's border date gives the credits back,
 * except under a credit contract; later, they are lost.
 */
export function applyDeregistration(drop: Drop): LineInput {
	const { law, unit } = drop;
	if (!law.refundContracts.value.includes(unit.entry.enrolment.fact.data.contract)) {
		return line(drop, 0, "R9", { type: "lost-credit-contract", unit: unit.unit }, [
			law.refundContracts,
		]);
	}
	const border = borderDate(drop);
	if (drop.date <= border) {
		return line(
			drop,
			unit.unit.credits,
			"R12",
			{ type: "refund-border-date", unit: unit.unit, borderDate: border },
			[law.refundContracts],
		);
	}
	return line(drop, 0, "R12", { type: "lost-border-date", unit: unit.unit, borderDate: border }, [
		law.refundContracts,
	]);
}

function half(credits: number, percent: number, rounding: Rounding): number {
	const share = (credits * percent) / 100;
	return rounding === "floor" ? Math.floor(share) : Math.ceil(share);
}

/**
 * R13 on top of R12 (E5, E7): a generation student who changes programme gets every unexamined
 * course unit back up to 30 November, and half of those past their border date up to 15 March.
 */
export function applyChange(drop: Drop, generationStudent: boolean): LineInput {
	const regular = applyDeregistration(drop);
	if (!generationStudent || regular.credits > 0 || regular.rule === "R9") return regular;
	const { law, unit, year, date } = drop;
	const firstDay = law.yearFirstDay.value;
	const fullLastDay = dateInAcademicYear(law.generationFullRefundLastDay.value, year, firstDay);
	const halfLastDay = dateInAcademicYear(law.generationHalfRefundLastDay.value, year, firstDay);
	if (date <= fullLastDay) {
		const reason = {
			type: "refund-generation-full" as const,
			unit: unit.unit,
			lastDay: fullLastDay,
		};
		return line(drop, unit.unit.credits, "R13", reason, [law.generationFullRefundLastDay]);
	}
	if (date <= halfLastDay) {
		const credits = half(
			unit.unit.credits,
			law.generationHalfRefundPercent.value,
			law.generationHalfRefundRounding.value,
		);
		const reason = {
			type: "refund-generation-half" as const,
			unit: unit.unit,
			firstDay: addDays(fullLastDay, 1),
			lastDay: halfLastDay,
		};
		return line(drop, credits, "R13", reason, [
			law.generationFullRefundLastDay,
			law.generationHalfRefundLastDay,
			law.generationHalfRefundPercent,
			law.generationHalfRefundRounding,
		]);
	}
	return line(drop, 0, "R13", { type: "lost-generation", unit: unit.unit, lastDay: halfLastDay }, [
		law.generationHalfRefundLastDay,
	]);
}
