import {
	bonusFor,
	masterDeductionFor,
	type RebuildEpisode,
	rebuildEpisodeAfter,
	rebuildIncrementFor,
	rebuildNotStarted,
} from "../leerkrediet/yearly-rules.ts";
import type { LearnerRange, PopulationColumns } from "./population-columns.ts";
import { masterDegree, type PopulationLaw, type YearLaw, yearSpanOf } from "./population-law.ts";
import { countFinalBalance, type PopulationTally } from "./population-tally.ts";

/** One run of the rules over a batch of learners under one law. */
export interface PopulationRun {
	readonly columns: PopulationColumns;
	/** Which learners of the columns to simulate. */
	readonly learners: LearnerRange;
	readonly law: PopulationLaw;
	readonly tally: PopulationTally;
	/** Filled, when given, with the final balance of learner `from + i` at `i`. */
	readonly finalBalances?: Int32Array | undefined;
	/**
	 * Filled, when given, with the balance of learner `from + i` at the end of each academic year,
	 * at `i * yearSpanOf(law) + year - law.firstYear`; years before the first row stay as they are.
	 */
	readonly yearBalances?: Int32Array | undefined;
}

/**
 * Applies the leerkrediet rules to each learner's yearly totals, year by year from the first
 * row to the horizon, with the same rule functions as the single-learner engine: the initial
 * credit (R2), investing and earning back (R3, R4), the bonus (R5), the master deduction (R7)
 * and the rebuild (R18). Rows must hold years the law covers (`law.firstYear` to the horizon).
 */
export function simulatePopulation(run: PopulationRun): void {
	const { columns, tally, finalBalances } = run;
	const { learnerIds, learnerRowStarts } = columns;
	const { from, to } = run.learners;
	for (let learner = from; learner < to; learner++) {
		const balance = simulateLearner(run, learner);
		countFinalBalance(tally, learnerIds[learner] as number, balance);
		if (finalBalances) finalBalances[learner - from] = balance;
	}
	tally.learnerYears += (learnerRowStarts[to] as number) - (learnerRowStarts[from] as number);
}

// One function keeps the learner's state in locals, which is what makes a million learners fast.
// Typed-array reads are cast: the loops stay within the columns, which tsc cannot see.
function simulateLearner(run: PopulationRun, learner: number): number {
	const { columns, law, tally, yearBalances } = run;
	let row = columns.learnerRowStarts[learner] as number;
	const endRow = columns.learnerRowStarts[learner + 1] as number;
	const firstYear = columns.years[row] as number;
	const first = law.years[firstYear - law.firstYear] as YearLaw;
	// R2: the account opens at the first enrolment.
	let balance = first.initial;
	let bonusRemaining = first.bonus;
	let episode: RebuildEpisode = rebuildNotStarted;
	let yearsWithoutEnrolment = 0;
	let lastEnrolledYear = firstYear;
	let firstMasterYear = -1;
	let bonused = false;
	let rebuilt = false;
	for (let year = firstYear; year <= law.horizon; year++) {
		const yearLaw = law.years[year - law.firstYear] as YearLaw;
		const enrolled = row < endRow && columns.years[row] === year;
		// R18: the rebuild comes at the start of every academic year after the first enrolment.
		if (year > firstYear) {
			const rebuild = yearLaw.rebuild;
			yearsWithoutEnrolment = enrolled ? 0 : yearsWithoutEnrolment + 1;
			const afterFirstMaster = firstMasterYear >= 0 && lastEnrolledYear === firstMasterYear;
			const increment = rebuildIncrementFor(
				rebuild,
				balance,
				yearsWithoutEnrolment,
				afterFirstMaster,
				episode,
			);
			if (increment > 0) {
				if (episode === rebuildNotStarted && rebuild.forfeitsBonus) bonusRemaining = 0;
				balance += increment;
				rebuilt = true;
				countRebuild(tally, increment);
			}
			episode = rebuildEpisodeAfter(rebuild, episode, increment, enrolled);
		}
		// R3, R4, R5: an enrolled year invests the registered credits and earns back, with the bonus.
		if (enrolled) {
			const earned = columns.earned[row] as number;
			const earnsBonus = yearLaw.contractEarnsBonus[columns.contracts[row] as number] as boolean;
			const bonus = bonusFor(earned, bonusRemaining, earnsBonus);
			balance += earned - (columns.registered[row] as number) + bonus;
			bonusRemaining -= bonus;
			bonused ||= bonus > 0;
			tally.bonusCredits += bonus;
			// R7: the (first) master degree takes credits.
			if (columns.degrees[row] === masterDegree) {
				const deduction = masterDeductionFor(
					yearLaw.masterDeduction,
					yearLaw.masterDeductionFirstOnly,
					firstMasterYear >= 0,
				);
				balance -= deduction;
				if (deduction > 0) countMasterDeduction(tally, deduction);
				if (deduction > 0 && firstMasterYear < 0) firstMasterYear = year;
			}
			lastEnrolledYear = year;
			row++;
		}
		const at = year - law.firstYear;
		if (enrolled) tally.yearEnrolled[at] = (tally.yearEnrolled[at] as number) + 1;
		if (balance <= 0) tally.yearExhausted[at] = (tally.yearExhausted[at] as number) + 1;
		tally.yearBalanceSums[at] = (tally.yearBalanceSums[at] as number) + balance;
		if (yearBalances) yearBalances[(learner - run.learners.from) * yearSpanOf(law) + at] = balance;
	}
	countLearner(tally, { startIndex: firstYear - law.firstYear, bonused, rebuilt });
	return balance;
}

function countRebuild(tally: PopulationTally, increment: number): void {
	tally.rebuildIncrements++;
	tally.rebuildCredits += increment;
}

function countMasterDeduction(tally: PopulationTally, deduction: number): void {
	tally.masterDeductions++;
	tally.masterDeductionCredits += deduction;
}

function countLearner(
	tally: PopulationTally,
	learner: { readonly startIndex: number; readonly bonused: boolean; readonly rebuilt: boolean },
): void {
	tally.yearStarted[learner.startIndex] = (tally.yearStarted[learner.startIndex] as number) + 1;
	if (learner.bonused) tally.learnersWithBonus++;
	if (learner.rebuilt) tally.learnersRebuilt++;
}
