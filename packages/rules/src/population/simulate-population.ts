import {
	bonusFor,
	masterDeductionFor,
	type RebuildEpisode,
	type RebuildLaw,
	rebuildEpisodeAfter,
	rebuildIncrementFor,
	rebuildNotStarted,
} from "../leerkrediet/yearly-rules.ts";
import type { LearnerRange, PopulationColumns } from "./population-columns.ts";
import {
	masterDegree,
	type PopulationLaw,
	populationContracts,
	type YearLaw,
	yearSpanOf,
} from "./population-law.ts";
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
	const { columns, tally, finalBalances, yearBalances } = run;
	const { learnerIds, learnerRowStarts, years, contracts, registered, earned, degrees } = columns;
	const { yearStarted, yearEnrolled, yearExhausted, yearBalanceSums } = tally;
	const law = lawTableOf(run.law);
	// The law's arrays in locals, so that the loop reads them without a property lookup.
	const {
		span,
		initial,
		bonus: bonusAt,
		earnsBonus,
		masterDeduction,
		masterDeductionFirstOnly,
	} = law;
	const rebuildAt = law.rebuild;
	const firstYear = run.law.firstYear;
	const { from, to } = run.learners;
	let bonusCredits = 0;
	let learnersWithBonus = 0;
	let masterDeductions = 0;
	let masterDeductionCredits = 0;
	let rebuildIncrements = 0;
	let rebuildCredits = 0;
	let learnersRebuilt = 0;
	// One loop over learners and their years, with the learner's state and the counts in locals
	// and the law in typed arrays by year: it runs millions of times, and a call that is not
	// inlined, an object per learner or a property read per year would cost as much as the rules.
	let row = learnerRowStarts[from] as number;
	for (let learner = from; learner < to; learner++) {
		const endRow = learnerRowStarts[learner + 1] as number;
		const start = (years[row] as number) - firstYear;
		// R2: the account opens at the first enrolment.
		let balance = initial[start] as number;
		let bonusRemaining = bonusAt[start] as number;
		let episode: RebuildEpisode = rebuildNotStarted;
		let yearsWithoutEnrolment = 0;
		let lastEnrolled = start;
		let firstMaster = -1;
		let bonused = false;
		let rebuilt = false;
		const balancesAt = (learner - from) * span;
		for (let at = start; at < span; at++) {
			const enrolled = row < endRow && (years[row] as number) - firstYear === at;
			// R18: the rebuild comes at the start of every academic year after the first enrolment.
			if (at > start) {
				const rebuild = rebuildAt[at] as RebuildLaw;
				yearsWithoutEnrolment = enrolled ? 0 : yearsWithoutEnrolment + 1;
				const afterFirstMaster = firstMaster >= 0 && lastEnrolled === firstMaster;
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
					rebuildIncrements++;
					rebuildCredits += increment;
				}
				episode = rebuildEpisodeAfter(rebuild, episode, increment, enrolled);
			}
			// R3, R4, R5: an enrolled year invests the registered credits and earns back, with the bonus.
			if (enrolled) {
				const passed = earned[row] as number;
				const contractEarnsBonus =
					earnsBonus[at * contractCount + (contracts[row] as number)] === 1;
				const bonus = bonusFor(passed, bonusRemaining, contractEarnsBonus);
				balance += passed - (registered[row] as number) + bonus;
				bonusRemaining -= bonus;
				if (bonus > 0) bonused = true;
				bonusCredits += bonus;
				// R7: the (first) master degree takes credits.
				if (degrees[row] === masterDegree) {
					const deduction = masterDeductionFor(
						masterDeduction[at] as number,
						masterDeductionFirstOnly[at] === 1,
						firstMaster >= 0,
					);
					balance -= deduction;
					if (deduction > 0) {
						masterDeductions++;
						masterDeductionCredits += deduction;
						if (firstMaster < 0) firstMaster = at;
					}
				}
				lastEnrolled = at;
				row++;
				yearEnrolled[at] = (yearEnrolled[at] as number) + 1;
			}
			if (balance <= 0) yearExhausted[at] = (yearExhausted[at] as number) + 1;
			yearBalanceSums[at] = (yearBalanceSums[at] as number) + balance;
			if (yearBalances) yearBalances[balancesAt + at] = balance;
		}
		yearStarted[start] = (yearStarted[start] as number) + 1;
		if (bonused) learnersWithBonus++;
		if (rebuilt) learnersRebuilt++;
		countFinalBalance(tally, learnerIds[learner] as number, balance);
		if (finalBalances) finalBalances[learner - from] = balance;
	}
	tally.learnerYears += (learnerRowStarts[to] as number) - (learnerRowStarts[from] as number);
	tally.bonusCredits += bonusCredits;
	tally.learnersWithBonus += learnersWithBonus;
	tally.masterDeductions += masterDeductions;
	tally.masterDeductionCredits += masterDeductionCredits;
	tally.rebuildIncrements += rebuildIncrements;
	tally.rebuildCredits += rebuildCredits;
	tally.learnersRebuilt += learnersRebuilt;
}

const contractCount = populationContracts.length;

/** A population law by academic year in typed arrays, as the loop of `simulatePopulation` reads it. */
interface LawTable {
	readonly span: number;
	readonly initial: Int32Array;
	readonly bonus: Int32Array;
	/** At `year * contractCount + contract`: 1 when credits earned under the contract get the bonus. */
	readonly earnsBonus: Uint8Array;
	readonly masterDeduction: Int32Array;
	readonly masterDeductionFirstOnly: Uint8Array;
	readonly rebuild: readonly RebuildLaw[];
}

// A batch asks for the table of the same law again and again: build it once per law.
const lawTables = new WeakMap<PopulationLaw, LawTable>();

function lawTableOf(law: PopulationLaw): LawTable {
	let table = lawTables.get(law);
	if (table !== undefined) return table;
	const span = yearSpanOf(law);
	const years = law.years as readonly YearLaw[];
	const flag = (value: boolean | undefined) => (value === true ? 1 : 0);
	table = {
		span,
		initial: Int32Array.from(years, (year) => year.initial),
		bonus: Int32Array.from(years, (year) => year.bonus),
		earnsBonus: Uint8Array.from({ length: span * contractCount }, (_, i) =>
			flag(years[Math.floor(i / contractCount)]?.contractEarnsBonus[i % contractCount]),
		),
		masterDeduction: Int32Array.from(years, (year) => year.masterDeduction),
		masterDeductionFirstOnly: Uint8Array.from(years, (year) => flag(year.masterDeductionFirstOnly)),
		rebuild: years.map((year) => year.rebuild),
	};
	lawTables.set(law, table);
	return table;
}
