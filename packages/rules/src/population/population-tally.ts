import { type PopulationLaw, yearSpanOf } from "./population-law.ts";
import { createValueHistogram, mergeHistograms, type ValueHistogram } from "./value-histogram.ts";

/**
 * What the simulation counts under one law, summed over learners; tallies of parts of a
 * population add up (`mergeTallies`) to the tally of the whole, in any order.
 */
export interface PopulationTally {
	learners: number;
	learnerYears: number;
	sumOfFinalBalances: number;
	/**
	 * Sum over learners of `Math.imul(learner_id, final balance + 1000)` modulo 2^32 (counted by
	 * `assembly/population-rules.ts`, with the final balances), kept as a
	 * signed 32-bit number: a small integer for V8 (an unsigned one above 2^31 is not, and would
	 * change the tally's shape and deoptimise the loops that count into it). `>>> 0` reads it
	 * unsigned, as the summary gives it.
	 */
	checksum: number;
	bonusCredits: number;
	learnersWithBonus: number;
	masterDeductions: number;
	masterDeductionCredits: number;
	rebuildIncrements: number;
	rebuildCredits: number;
	learnersRebuilt: number;
	/** Learners by final balance. */
	readonly finalBalances: ValueHistogram;
	/** By academic year (`year - law.firstYear`): learners whose first row is in that year. */
	readonly yearStarted: Float64Array;
	readonly yearEnrolled: Float64Array;
	/** Learners whose balance is 0 or less at the end of the year. */
	readonly yearExhausted: Float64Array;
	readonly yearBalanceSums: Float64Array;
}

/** An empty tally for the years of `law`. */
export function createTally(law: PopulationLaw): PopulationTally {
	const span = yearSpanOf(law);
	return {
		learners: 0,
		learnerYears: 0,
		sumOfFinalBalances: 0,
		checksum: 0,
		bonusCredits: 0,
		learnersWithBonus: 0,
		masterDeductions: 0,
		masterDeductionCredits: 0,
		rebuildIncrements: 0,
		rebuildCredits: 0,
		learnersRebuilt: 0,
		finalBalances: createValueHistogram(),
		yearStarted: new Float64Array(span),
		yearEnrolled: new Float64Array(span),
		yearExhausted: new Float64Array(span),
		yearBalanceSums: new Float64Array(span),
	};
}

/** Adds the counts of `part` to `into`; both must be for the same years. */
export function mergeTallies(into: PopulationTally, part: PopulationTally): void {
	for (const key of scalarKeys) into[key] += part[key];
	into.checksum = (into.checksum + part.checksum) | 0;
	mergeHistograms(into.finalBalances, part.finalBalances);
	for (const key of yearKeys) addYears(into[key], part[key]);
}

/** Adds a by-year count to another. */
export function addYears(into: Float64Array, part: Float64Array): void {
	part.forEach((value, i) => {
		into[i] = (into[i] as number) + value;
	});
}

/** What the rules count besides the learners and their balances, in the order they count it. */
export const ruleCounts = [
	"bonusCredits",
	"learnersWithBonus",
	"masterDeductions",
	"masterDeductionCredits",
	"rebuildIncrements",
	"rebuildCredits",
	"learnersRebuilt",
] as const;

const scalarKeys = ["learners", "learnerYears", "sumOfFinalBalances", ...ruleCounts] as const;

const yearKeys = ["yearStarted", "yearEnrolled", "yearExhausted", "yearBalanceSums"] as const;
