import type { IsoDate } from "../calendar/iso-date.ts";
import type { ParameterName, ParameterValue } from "../parameters/parameter-definitions.ts";
import { type Parameters, type ResolvedValue, valueAt } from "../parameters/parameters.ts";

/** The parameters the leerkrediet rules read, by the name the rules give each. */
export const leerkredietParameters = {
	initial: "leerkrediet/initial",
	scopeContracts: "leerkrediet/scope/contracts",
	scopeProgrammeKinds: "leerkrediet/scope/programme-kinds",
	anyProgrammeContracts: "leerkrediet/scope/any-programme-contracts",
	bonus: "leerkrediet/bonus",
	bonusContracts: "leerkrediet/bonus-contracts",
	refundContracts: "leerkrediet/refund-contracts",
	masterDeduction: "leerkrediet/master-deduction",
	masterDeductionFirstOnly: "leerkrediet/master-deduction-first-only",
	rebuildIncrement: "leerkrediet/rebuild/increment",
	rebuildCeiling: "leerkrediet/rebuild/ceiling",
	rebuildOnce: "leerkrediet/rebuild/once",
	rebuildForfeitsBonus: "leerkrediet/rebuild/forfeits-bonus",
	rebuildWaitingAfterStopping: "leerkrediet/rebuild/waiting-years-after-stopping",
	rebuildWaitingAfterMaster: "leerkrediet/rebuild/waiting-years-after-master",
	graduaatTopUp: "leerkrediet/graduaat-top-up",
	generationFullRefundLastDay: "leerkrediet/generation-student/full-refund-last-day",
	generationHalfRefundLastDay: "leerkrediet/generation-student/half-refund-last-day",
	generationHalfRefundPercent: "leerkrediet/generation-student/half-refund-percent",
	generationHalfRefundRounding: "leerkrediet/generation-student/half-refund-rounding",
	yearFirstDay: "academic-year/first-day",
	yearLastDay: "academic-year/last-day",
	enrolmentOpens: "academic-year/enrolment-opens",
} as const satisfies Record<string, ParameterName>;

type LawKeys = typeof leerkredietParameters;

/** Every leerkrediet parameter resolved at one date, each with its provenance. */
export type LeerkredietLaw = {
	readonly [TKey in keyof LawKeys]: ResolvedValue<ParameterValue<LawKeys[TKey]>>;
};

const resolved = new WeakMap<Parameters, Map<IsoDate, LeerkredietLaw>>();

/** The leerkrediet law in force on `date`; throws ParameterNotInForce if any value is missing. */
export function leerkredietLawAt(parameters: Parameters, date: IsoDate): LeerkredietLaw {
	// Resolved once per set of parameters and date: a population or an import asks for the same
	// few dates for every learner. Parameters are frozen, so the answer cannot go stale.
	let byDate = resolved.get(parameters);
	if (byDate === undefined) {
		byDate = new Map();
		resolved.set(parameters, byDate);
	}
	let law = byDate.get(date);
	if (law === undefined) {
		const values: Record<string, ResolvedValue<unknown>> = {};
		for (const [key, name] of Object.entries(leerkredietParameters)) {
			values[key] = valueAt(parameters, name, date);
		}
		law = Object.freeze(values) as LeerkredietLaw;
		byDate.set(date, law);
	}
	return law;
}

/** The rebuild law (R18) of one academic year as plain values, for the shared yearly rules. */
export interface RebuildLaw {
	readonly increment: number;
	readonly ceiling: number;
	readonly once: boolean;
	readonly forfeitsBonus: boolean;
	readonly waitingYearsAfterStopping: number;
	readonly waitingYearsAfterMaster: number;
}

/** The rebuild part of the law as plain values, for the shared yearly rules. */
export function rebuildLawOf(law: LeerkredietLaw): RebuildLaw {
	return {
		increment: law.rebuildIncrement.value,
		ceiling: law.rebuildCeiling.value,
		once: law.rebuildOnce.value,
		forfeitsBonus: law.rebuildForfeitsBonus.value,
		waitingYearsAfterStopping: law.rebuildWaitingAfterStopping.value,
		waitingYearsAfterMaster: law.rebuildWaitingAfterMaster.value,
	};
}
