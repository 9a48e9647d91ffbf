import type { LearnerRange, PopulationColumns } from "./population-columns.ts";
import { type PopulationLaw, yearSpanOf } from "./population-law.ts";
import { addYears } from "./population-tally.ts";
import {
	countValue,
	createValueHistogram,
	mergeHistograms,
	type ValueHistogram,
} from "./value-histogram.ts";

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

/**
 * Compares two runs over the same learners, by learner and by year from each learner's first
 * row; `law` gives the years both runs cover.
 */
export function comparePopulation(comparison: {
	readonly columns: PopulationColumns;
	readonly learners: LearnerRange;
	readonly law: PopulationLaw;
	readonly baseline: RunBalances;
	readonly reform: RunBalances;
	readonly difference: DifferenceTally;
}): void {
	const { columns, law, baseline, reform, difference } = comparison;
	const span = yearSpanOf(law);
	const { from, to } = comparison.learners;
	for (let learner = from; learner < to; learner++) {
		const i = learner - from;
		const change = (reform.finalBalances[i] as number) - (baseline.finalBalances[i] as number);
		countValue(difference.finalDifferences, change);
		if (change > 0) {
			difference.learnersGaining++;
			difference.creditsGained += change;
		} else if (change < 0) {
			difference.learnersLosing++;
			difference.creditsLost -= change;
		}
		const firstRow = columns.learnerRowStarts[learner] as number;
		const base = i * span;
		for (let index = (columns.years[firstRow] as number) - law.firstYear; index < span; index++) {
			const yearChange =
				(reform.yearBalances[base + index] as number) -
				(baseline.yearBalances[base + index] as number);
			if (yearChange > 0) {
				difference.yearGaining[index] = (difference.yearGaining[index] as number) + 1;
				difference.yearCreditsGained[index] =
					(difference.yearCreditsGained[index] as number) + yearChange;
			} else if (yearChange < 0) {
				difference.yearLosing[index] = (difference.yearLosing[index] as number) + 1;
				difference.yearCreditsLost[index] =
					(difference.yearCreditsLost[index] as number) - yearChange;
			}
		}
	}
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
