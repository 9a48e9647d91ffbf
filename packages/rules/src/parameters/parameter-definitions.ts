import { z } from "zod";
import { isMonthDay } from "../calendar/date-text.ts";
import { contracts, programmeKinds, roundings } from "../programme.ts";

/** The units a parameter can have, each with the schema its values must pass. */
export const parameterUnits = {
	credits: z.number().int().nonnegative(),
	"eur-cents": z.number().int().nonnegative(),
	years: z.number().int().nonnegative(),
	percent: z.number().int().min(0).max(100),
	"month-day": z.string().refine(isMonthDay, "expected a day of the year as MM-DD"),
	boolean: z.boolean(),
	"programme-kinds": z.array(z.enum(programmeKinds)),
	contracts: z.array(z.enum(contracts)),
	rounding: z.enum(roundings),
} as const;
export type ParameterUnit = keyof typeof parameterUnits;
type UnitValue = { [U in ParameterUnit]: z.infer<(typeof parameterUnits)[U]> };

/**
 * Every parameter the rules read, by path (the file `parameters/<path>.yaml`), with its unit.
 * The values themselves, with their dates and sources, live only in those files.
 */
export const parameterDefinitions = {
	"academic-year/first-day": "month-day",
	"academic-year/last-day": "month-day",
	"academic-year/enrolment-opens": "month-day",
	"leerkrediet/initial": "credits",
	"leerkrediet/scope/contracts": "contracts",
	"leerkrediet/scope/programme-kinds": "programme-kinds",
	"leerkrediet/scope/any-programme-contracts": "contracts",
	"leerkrediet/bonus": "credits",
	"leerkrediet/bonus-contracts": "contracts",
	"leerkrediet/refund-contracts": "contracts",
	"leerkrediet/master-deduction": "credits",
	"leerkrediet/master-deduction-first-only": "boolean",
	"leerkrediet/rebuild/increment": "credits",
	"leerkrediet/rebuild/ceiling": "credits",
	"leerkrediet/rebuild/once": "boolean",
	"leerkrediet/rebuild/forfeits-bonus": "boolean",
	"leerkrediet/rebuild/waiting-years-after-stopping": "years",
	"leerkrediet/rebuild/waiting-years-after-master": "years",
	"leerkrediet/graduaat-top-up": "credits",
	"leerkrediet/generation-student/full-refund-last-day": "month-day",
	"leerkrediet/generation-student/half-refund-last-day": "month-day",
	"leerkrediet/generation-student/half-refund-percent": "percent",
	"leerkrediet/generation-student/half-refund-rounding": "rounding",
	"leerkrediet/surcharge-maximum-per-credit": "eur-cents",
	"studiegeld/fixed": "eur-cents",
	"studiegeld/per-credit": "eur-cents",
	"studiegeld/per-credit-near-scholarship": "eur-cents",
	"studiegeld/scholarship": "eur-cents",
} as const satisfies Record<string, ParameterUnit>;

export type ParameterName = keyof typeof parameterDefinitions;
export type ParameterValue<TName extends ParameterName> =
	UnitValue[(typeof parameterDefinitions)[TName]];

export const parameterNames = Object.keys(parameterDefinitions) as ParameterName[];

/** Whether `name` is a parameter the rules know. */
export function isParameterName(name: string): name is ParameterName {
	return Object.hasOwn(parameterDefinitions, name);
}
