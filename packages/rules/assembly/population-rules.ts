// The leerkrediet rules over a population in columns, in AssemblyScript, compiled to WebAssembly
// by `npm run build:wasm -w @rugzak/rules` into `src/population/population-rules-wasm.ts`, with
// the rule functions of `src/leerkrediet/yearly-rules.ts`: the very file the single-learner engine
// runs, compiled here too. `simulatePopulation` (src/population/simulate-population.ts) runs it.
//
// This is the one loop of the population simulation: it applies the rules to each learner's
// yearly totals, year by year from the first row to the horizon, with the rule functions the
// engine applies: the initial credit (R2), investing and earning back (R3, R4), the bonus (R5),
// the master deduction (R7) and the rebuild (R18). Rows must hold years the law covers.
//
// WebAssembly, because the loop then runs on 32-bit integers with no check of a value's type and
// no optimisation or deoptimisation at run time: about twice as fast as the same loop in
// JavaScript, from its first learner on.
//
// Memory is the caller's (imported): the columns where `placeColumns` put them (as the parser
// fills them, population-columns.ts), and the law, the tally and the balances where
// `simulate` is told.
import {
	bonusFor,
	masterDeductionFor,
	rebuildEpisodeAfter,
	rebuildIncrementFor,
	rebuildNotStarted,
} from "../src/leerkrediet/yearly-rules";
import {
	contractsAt,
	degreesAt,
	earnedAt,
	learnerIdsAt,
	learnerRowStartsAt,
	masterDegree,
	registeredAt,
	yearsAt,
} from "./population-columns";

export { placeColumns } from "./population-columns";

// The law of one academic year, as 32-bit fields of `lawYearBytes` bytes from `lawAt + year *
// lawYearBytes` (`population-rules.ts` writes them from a `YearLaw`).
const lawYearBytes: usize = 64;
const initialField: usize = 0;
const bonusField: usize = 4;
/** Bit `contract` set when credits earned under that contract get the bonus. */
const earnsBonusField: usize = 8;
const masterDeductionField: usize = 12;
const masterDeductionFirstOnlyField: usize = 16;
const rebuildIncrementField: usize = 20;
const rebuildCeilingField: usize = 24;
const rebuildOnceField: usize = 28;
const rebuildForfeitsBonusField: usize = 32;
const waitingYearsAfterStoppingField: usize = 36;
const waitingYearsAfterMasterField: usize = 40;

// The tally the learners are added to, from `tallyAt`: the counts below as 64-bit floats, then
// (see `placeTallyParts`) the learners by final balance, and from `yearsField` four counts for each
// academic year in turn: learners who started in it, were enrolled in it, had no credit left at
// its end, and the sum of their balances at its end.
const bonusCreditsCount = 0;
const learnersWithBonusCount = 1;
const masterDeductionsCount = 2;
const masterDeductionCreditsCount = 3;
const rebuildIncrementsCount = 4;
const rebuildCreditsCount = 5;
const learnersRebuiltCount = 6;
// (`ruleCounts` of population-tally.ts, in this order; then these two.)
const sumOfFinalBalancesCount = 7;
/** The checksum of the final balances, as a 32-bit integer in the 64 bits of its slot. */
const checksumCount = 8;
const startedCount = 0;
const enrolledCount = 1;
const exhaustedCount = 2;
const balanceSumCount = 3;

// A tally also counts the learners by final balance, in 32 bits for each value from
// `histogramLowest` to `histogramLowest + histogramSize - 1`, from `histogramField`; a learner whose
// final balance falls outside is listed instead, by its index from `from`, from `outliersAt`. The
// counts by academic year follow, from `yearsField`. `population-rules.ts` lays them out.
let histogramField: usize = 0;
let histogramLowest: i32 = 0;
let histogramSize: i32 = 0;
let yearsField: usize = 0;
let outliersAt: usize = 0;

/** Where the parts of a tally are, and where learners outside its histogram are listed. */
export function placeTallyParts(
	histogram: usize,
	lowest: i32,
	size: i32,
	years: usize,
	outliers: usize,
): void {
	histogramField = histogram;
	histogramLowest = lowest;
	histogramSize = size;
	yearsField = years;
	outliersAt = outliers;
}

// The checksum's offset keeps small negative balances from weighing as large unsigned numbers.
const checksumOffset = 1000;

/**
 * Simulates the learners `from` (included) to `to` (excluded) of the columns under the law at
 * `lawAt`, which covers `span` academic years from `firstYear`; adds them to the tally at
 * `tallyAt` (with the sum of their final balances and their checksum: the sum of
 * `learner_id × (final balance + 1000)`, modulo 2³²) and to the histogram, writes the final
 * balance of learner `from + i` at `finalsAt` + 4i, and, unless `yearBalancesAt` is 0, its
 * balance at the end of each year at `yearBalancesAt` + 4(i * span + year - firstYear), 0 for
 * the years before its first row. Returns how many learners it listed as outliers.
 */
export function simulate(
	from: i32,
	to: i32,
	firstYear: i32,
	span: i32,
	lawAt: usize,
	tallyAt: usize,
	finalsAt: usize,
	yearBalancesAt: usize,
): i32 {
	const rowStarts = learnerRowStartsAt;
	const years = yearsAt;
	const contracts = contractsAt;
	const registered = registeredAt;
	const earned = earnedAt;
	const degrees = degreesAt;
	const yearTallies = tallyAt + yearsField;
	let bonusCredits: f64 = 0;
	let learnersWithBonus: i32 = 0;
	let learnersRebuilt: i32 = 0;
	let sumOfFinalBalances: i64 = 0;
	let checksum: i32 = load<i32>(tallyAt + ((<usize>checksumCount) << 3));
	let outliers: i32 = 0;
	const histogram = tallyAt + histogramField;
	const lowest = histogramLowest;
	const buckets = <u32>histogramSize;
	const learnerIds = learnerIdsAt;
	const outliersList = outliersAt;
	let row = load<i32>(rowStarts + ((<usize>from) << 2));
	for (let learner = from; learner < to; learner++) {
		const endRow = load<i32>(rowStarts + ((<usize>(learner + 1)) << 2));
		const start = <i32>load<i16>(years + ((<usize>row) << 1)) - firstYear;
		// R2: the account opens at the first enrolment.
		let balance = load<i32>(lawAt + <usize>start * lawYearBytes, initialField);
		let bonusRemaining = load<i32>(lawAt + <usize>start * lawYearBytes, bonusField);
		let episode = rebuildNotStarted;
		let yearsWithoutEnrolment = 0;
		let lastEnrolled = start;
		let firstMaster = -1;
		let bonused = false;
		let rebuilt = false;
		const balancesAt = yearBalancesAt + ((<usize>(learner - from) * <usize>span) << 2);
		if (yearBalancesAt !== 0) memory.fill(balancesAt, 0, (<usize>start) << 2);
		for (let at = start; at < span; at++) {
			const law = lawAt + <usize>at * lawYearBytes;
			const enrolled =
				row < endRow && <i32>load<i16>(years + ((<usize>row) << 1)) - firstYear === at;
			// R18: the rebuild comes at the start of every academic year after the first enrolment.
			if (at > start) {
				yearsWithoutEnrolment = enrolled ? 0 : yearsWithoutEnrolment + 1;
				const afterFirstMaster = firstMaster >= 0 && lastEnrolled === firstMaster;
				const increment = rebuildIncrementFor(
					load<i32>(law, rebuildIncrementField),
					load<i32>(law, rebuildCeilingField),
					load<i32>(law, waitingYearsAfterStoppingField),
					load<i32>(law, waitingYearsAfterMasterField),
					balance,
					yearsWithoutEnrolment,
					afterFirstMaster,
					episode,
				);
				if (increment > 0) {
					if (episode === rebuildNotStarted && load<i32>(law, rebuildForfeitsBonusField) !== 0)
						bonusRemaining = 0;
					balance += increment;
					rebuilt = true;
					count(tallyAt, rebuildIncrementsCount, 1);
					count(tallyAt, rebuildCreditsCount, increment);
				}
				episode = rebuildEpisodeAfter(
					load<i32>(law, rebuildOnceField) !== 0,
					episode,
					increment,
					enrolled,
				);
			}
			// R3, R4, R5: an enrolled year invests the registered credits and earns back, with the bonus.
			if (enrolled) {
				const passed = <i32>load<i16>(earned + ((<usize>row) << 1));
				const contract = <i32>load<u8>(contracts + <usize>row);
				const contractEarnsBonus = ((load<i32>(law, earnsBonusField) >> contract) & 1) !== 0;
				const bonus = bonusFor(passed, bonusRemaining, contractEarnsBonus);
				balance += passed - <i32>load<i16>(registered + ((<usize>row) << 1)) + bonus;
				bonusRemaining -= bonus;
				if (bonus > 0) bonused = true;
				bonusCredits += bonus;
				// R7: the (first) master degree takes credits.
				if (load<u8>(degrees + <usize>row) === masterDegree) {
					const deduction = masterDeductionFor(
						load<i32>(law, masterDeductionField),
						load<i32>(law, masterDeductionFirstOnlyField) !== 0,
						firstMaster >= 0,
					);
					balance -= deduction;
					if (deduction > 0) {
						count(tallyAt, masterDeductionsCount, 1);
						count(tallyAt, masterDeductionCreditsCount, deduction);
						if (firstMaster < 0) firstMaster = at;
					}
				}
				lastEnrolled = at;
				row++;
				count(yearTallies, (at << 2) + enrolledCount, 1);
			}
			if (balance <= 0) count(yearTallies, (at << 2) + exhaustedCount, 1);
			count(yearTallies, (at << 2) + balanceSumCount, balance);
			if (yearBalancesAt !== 0) store<i32>(balancesAt + ((<usize>at) << 2), balance);
		}
		count(yearTallies, (start << 2) + startedCount, 1);
		if (bonused) learnersWithBonus++;
		if (rebuilt) learnersRebuilt++;
		store<i32>(finalsAt + ((<usize>(learner - from)) << 2), balance);
		sumOfFinalBalances += balance;
		const learnerId = load<i32>(learnerIds + ((<usize>learner) << 2));
		checksum += learnerId * (balance + checksumOffset);
		const bucket = balance - lowest;
		if (<u32>bucket < buckets) {
			const at = histogram + ((<usize>bucket) << 2);
			store<i32>(at, load<i32>(at) + 1);
		} else {
			store<i32>(outliersList + ((<usize>outliers) << 2), learner - from);
			outliers++;
		}
	}
	count(tallyAt, bonusCreditsCount, bonusCredits);
	count(tallyAt, learnersWithBonusCount, learnersWithBonus);
	count(tallyAt, learnersRebuiltCount, learnersRebuilt);
	count(tallyAt, sumOfFinalBalancesCount, <f64>sumOfFinalBalances);
	store<i32>(tallyAt + ((<usize>checksumCount) << 3), checksum);
	return outliers;
}

/** Adds `value` to the 64-bit float at index `index` from `at`. */
function count(at: usize, index: i32, value: f64): void {
	const address = at + ((<usize>index) << 3);
	store<f64>(address, load<f64>(address) + value);
}

// The difference tally, as 64-bit floats from `differenceAt`: four counts (learners who gain,
// who lose, the credits gained, the credits lost) on the final balances, then the same four for
// each academic year in turn from `yearsField`, on the balances at its end.
const gainingCount = 0;
const losingCount = 1;
const gainedCount = 2;
const lostCount = 3;

/**
 * Compares the balances of `learners` learners under two laws of `span` academic years, as
 * `simulate` wrote them (finals at `baselineFinalsAt` and `reformFinalsAt`, balances by year at
 * `baselineYearsAt` and `reformYearsAt`): adds how many gain or lose, and how much, to the
 * difference tally at `differenceAt`, in all and by year, and writes the change in each final
 * balance (the reform's minus the baseline's) at `changesAt` + 4i. Years before a learner's first
 * row hold 0 under both laws, and so count as no change.
 */
export function compare(
	learners: i32,
	span: i32,
	baselineFinalsAt: usize,
	reformFinalsAt: usize,
	baselineYearsAt: usize,
	reformYearsAt: usize,
	differenceAt: usize,
	changesAt: usize,
): void {
	const yearTallies = differenceAt + yearsField;
	for (let i = 0; i < learners; i++) {
		const offset = (<usize>i) << 2;
		const change = load<i32>(reformFinalsAt + offset) - load<i32>(baselineFinalsAt + offset);
		store<i32>(changesAt + offset, change);
		countChange(differenceAt, change);
		const yearsAt = (<usize>i * <usize>span) << 2;
		for (let year = 0; year < span; year++) {
			const at = yearsAt + ((<usize>year) << 2);
			const yearChange = load<i32>(reformYearsAt + at) - load<i32>(baselineYearsAt + at);
			countChange(yearTallies + ((<usize>year) << 5), yearChange);
		}
	}
}

/** Counts a change in a balance in the four counts from `at`: a gain or a loss, and its size. */
function countChange(at: usize, change: i32): void {
	if (change > 0) {
		count(at, gainingCount, 1);
		count(at, gainedCount, change);
	} else if (change < 0) {
		count(at, losingCount, 1);
		count(at, lostCount, -change);
	}
}
