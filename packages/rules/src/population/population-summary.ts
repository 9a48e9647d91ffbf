import { formatAcademicYear } from "../calendar/academic-year.ts";
import type { DifferenceTally } from "./compare-population.ts";
import type { PopulationLaw } from "./population-law.ts";
import type { PopulationTally } from "./population-tally.ts";
import {
	bucketHistogram,
	type HistogramBucket,
	histogramRange,
	type ValueHistogram,
} from "./value-histogram.ts";

/** A distribution of credits over learners, in buckets of `bucketWidth` credits. */
export interface CreditDistribution {
	/** The lowest and highest value, null when there are no learners. */
	readonly lowest: number | null;
	readonly highest: number | null;
	readonly bucketWidth: number;
	readonly buckets: readonly HistogramBucket[];
}

/** One academic year of a simulation: the balances at its end. */
export interface YearSummary {
	readonly academicYear: string;
	/** Learners with an account: first enrolled in this year or before. */
	readonly learners: number;
	readonly enrolled: number;
	/** Learners with no credit left (a balance of 0 or less). */
	readonly exhausted: number;
	readonly sumOfBalances: number;
}

/** The outcome of a simulation under one law, as `rugzak simulate --json` prints it. */
export interface PopulationSummary {
	readonly learners: number;
	readonly learnerYears: number;
	readonly sumOfFinalBalances: number;
	readonly checksum: number;
	readonly finalBalances: CreditDistribution;
	readonly bonusCredits: number;
	readonly learnersWithBonus: number;
	readonly masterDeductions: number;
	readonly masterDeductionCredits: number;
	readonly rebuildIncrements: number;
	readonly rebuildCredits: number;
	readonly learnersRebuilt: number;
	/** From the first year any learner enrolled to the horizon. */
	readonly years: readonly YearSummary[];
}

/** One academic year of a comparison, on the balances at its end. */
export interface YearDifference {
	readonly academicYear: string;
	readonly learnersGaining: number;
	readonly learnersLosing: number;
	readonly creditsGained: number;
	readonly creditsLost: number;
	/** Learners with no credit left under the reform, minus under the baseline. */
	readonly exhausted: number;
}

/** How a reform changes the outcome compared with the baseline. */
export interface DifferenceSummary {
	readonly learnersGaining: number;
	readonly learnersLosing: number;
	readonly learnersUnchanged: number;
	readonly creditsGained: number;
	readonly creditsLost: number;
	/** Reform minus baseline. */
	readonly sumOfFinalBalances: number;
	/** Learners by the change in their final balance. */
	readonly finalDifferences: CreditDistribution;
	readonly years: readonly YearDifference[];
}

function distribution(histogram: ValueHistogram, bucketWidth: number): CreditDistribution {
	const range = histogramRange(histogram);
	return {
		lowest: range?.lowest ?? null,
		highest: range?.highest ?? null,
		bucketWidth,
		buckets: bucketHistogram(histogram, bucketWidth),
	};
}

/** The academic years from the first one with learners to the horizon, by index into the law's years. */
function yearIndexes(tally: PopulationTally): number[] {
	const first = tally.yearStarted.findIndex((learners) => learners > 0);
	if (first < 0) return [];
	return Array.from({ length: tally.yearStarted.length - first }, (_, i) => first + i);
}

/** By year: the learners who started in that year or before. */
function learnersByYear(tally: PopulationTally): number[] {
	let learners = 0;
	return Array.from(tally.yearStarted, (started) => {
		learners += started;
		return learners;
	});
}

/** The summary of a tally, with final balances in buckets of `bucketWidth` credits. */
export function summarizeTally(
	tally: PopulationTally,
	law: PopulationLaw,
	bucketWidth: number,
): PopulationSummary {
	const { finalBalances, yearStarted, yearEnrolled, yearExhausted, yearBalanceSums, ...counts } =
		tally;
	const yearLearners = learnersByYear(tally);
	return {
		...counts,
		checksum: counts.checksum >>> 0,
		finalBalances: distribution(finalBalances, bucketWidth),
		years: yearIndexes(tally).map((index) => ({
			academicYear: formatAcademicYear(law.firstYear + index),
			learners: yearLearners[index] as number,
			enrolled: yearEnrolled[index] as number,
			exhausted: yearExhausted[index] as number,
			sumOfBalances: yearBalanceSums[index] as number,
		})),
	};
}

/** The summary of a comparison of `reform` with `baseline` over the same learners. */
export function summarizeDifference(
	runs: { readonly baseline: PopulationTally; readonly reform: PopulationTally },
	difference: DifferenceTally,
	options: { readonly law: PopulationLaw; readonly bucketWidth: number },
): DifferenceSummary {
	const { baseline, reform } = runs;
	return {
		learnersGaining: difference.learnersGaining,
		learnersLosing: difference.learnersLosing,
		learnersUnchanged: reform.learners - difference.learnersGaining - difference.learnersLosing,
		creditsGained: difference.creditsGained,
		creditsLost: difference.creditsLost,
		sumOfFinalBalances: reform.sumOfFinalBalances - baseline.sumOfFinalBalances,
		finalDifferences: distribution(difference.finalDifferences, options.bucketWidth),
		years: yearIndexes(reform).map((index) => ({
			academicYear: formatAcademicYear(options.law.firstYear + index),
			learnersGaining: difference.yearGaining[index] as number,
			learnersLosing: difference.yearLosing[index] as number,
			creditsGained: difference.yearCreditsGained[index] as number,
			creditsLost: difference.yearCreditsLost[index] as number,
			exhausted:
				(reform.yearExhausted[index] as number) - (baseline.yearExhausted[index] as number),
		})),
	};
}
