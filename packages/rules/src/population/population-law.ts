import type { RebuildLaw } from "../leerkrediet/law.ts";

/** The contracts a population row can name; a row keeps the index into this list. */
export const populationContracts = ["diploma", "credit"] as const;
export type PopulationContract = (typeof populationContracts)[number];

/** The degrees a population row can name (`""` for none); a row keeps the index into this list. */
export const populationDegrees = ["", "bachelor", "master"] as const;
export type PopulationDegree = (typeof populationDegrees)[number];

export const diplomaContract = 0;
export const creditContract = 1;
export const noDegree = 0;
export const bachelorDegree = 1;
export const masterDegree = 2;

/**
 * The leerkrediet law of one academic year as plain values, resolved from the parameters on the
 * first day of that year, so that a worker thread can apply it without the parameter machinery.
 */
export interface YearLaw {
	readonly initial: number;
	readonly bonus: number;
	/** By contract index: whether credits earned under the contract get the bonus and use it up. */
	readonly contractEarnsBonus: readonly boolean[];
	readonly masterDeduction: number;
	readonly masterDeductionFirstOnly: boolean;
	readonly rebuild: RebuildLaw;
}

/** The law for every academic year a population can hold, from the first year it is in force to the horizon. */
export interface PopulationLaw {
	/** The reform applied, or undefined for the law as rugzak ships it. */
	readonly reform: string | undefined;
	/** The first academic year in which every leerkrediet parameter is in force. */
	readonly firstYear: number;
	/** The last academic year simulated (`--until`): every learner is followed up to and including it. */
	readonly horizon: number;
	/** `years[year - firstYear]` is the law of that academic year. */
	readonly years: readonly YearLaw[];
}

/**
 * The last academic year simulated when none is named: the horizon of the population generator
 * (`bench/gen-population.mjs`), so that its populations reproduce the published figures.
 */
export const defaultPopulationHorizon = 2025;

/** The laws of one simulation: the law as shipped, and the reform beside it when one is named. */
export interface SimulationLaws {
	readonly baseline: PopulationLaw;
	readonly reform: PopulationLaw | undefined;
}

/** How many academic years a population law covers. */
export function yearSpanOf(law: PopulationLaw): number {
	return law.horizon - law.firstYear + 1;
}

/** The same law from `firstYear` on (which must be within it): two laws compared must cover the same years. */
export function populationLawFrom(law: PopulationLaw, firstYear: number): PopulationLaw {
	return { ...law, firstYear, years: law.years.slice(firstYear - law.firstYear) };
}
