import type { LearnerRange, PopulationColumns } from "./population-columns.ts";
import { type PopulationLaw, yearSpanOf } from "./population-law.ts";
import { addYears, type PopulationTally } from "./population-tally.ts";
import { createValueHistogram, mergeHistograms, type ValueHistogram } from "./value-histogram.ts";

/** How a reform changes the learners' balances compared with a baseline, summed over learners. */
export interface DifferenceTally {
	learnersGaining: number;
	learnersLosing: number;
	creditsGained: number;
	creditsLost: number;
	/** Learners by the change in their final balance (reform minus baseline). */
	readonly finalDifferences: ValueHistogram;
	/** By academic year (`year - law.firstYear`), on the balances at the end of the year. */
	readonly yearGaining: Float64Array;
	readonly yearLosing: Float64Array;
	readonly yearCreditsGained: Float64Array;
	readonly yearCreditsLost: Float64Array;
}

export function createDifferenceTally(law: PopulationLaw): DifferenceTally {
	const span = yearSpanOf(law);
	return {
		learnersGaining: 0,
		learnersLosing: 0,
		creditsGained: 0,
		creditsLost: 0,
		finalDifferences: createValueHistogram(),
		yearGaining: new Float64Array(span),
		yearLosing: new Float64Array(span),
		yearCreditsGained: new Float64Array(span),
		yearCreditsLost: new Float64Array(span),
	};
}

/** The balances of one run, as `simulatePopulation` fills them: `[i]` for learner `from + i`. */
export interface RunBalances {
	readonly finalBalances: Int32Array;
	readonly yearBalances: Int32Array;
}

/** Learners simulated under two laws and compared, as `simulateComparison` takes them. */
export interface ComparisonRun {
	readonly columns: PopulationColumns;
	readonly learners: LearnerRange;
	/** Two laws of the same academic years: the law as shipped, and the reform. */
	readonly laws: { readonly baseline: PopulationLaw; readonly reform: PopulationLaw };
	readonly tallies: {
		readonly baseline: PopulationTally;
		readonly reform: PopulationTally;
		readonly difference: DifferenceTally;
	};
	/** Filled, when given, as `simulatePopulation` fills them, under each law. */
	readonly balances?: { readonly baseline: RunBalances; readonly reform: RunBalances } | undefined;
}

/** Adds the counts of `part` to `into`; both must be for the same years. */
export function mergeDifferences(into: DifferenceTally, part: DifferenceTally): void {
	into.learnersGaining += part.learnersGaining;
	into.learnersLosing += part.learnersLosing;
	into.creditsGained += part.creditsGained;
	into.creditsLost += part.creditsLost;
	mergeHistograms(into.finalDifferences, part.finalDifferences);
	addYears(into.yearGaining, part.yearGaining);
	addYears(into.yearLosing, part.yearLosing);
	addYears(into.yearCreditsGained, part.yearCreditsGained);
	addYears(into.yearCreditsLost, part.yearCreditsLost);
}
