// The leerkrediet rules that both the single-learner engine and the population simulation apply,
// written over plain integers so that one definition serves a ledger line and a million learners.
//
// Portable TypeScript: tsc compiles this file for the engine, and AssemblyScript compiles the
// very same file into the WebAssembly that simulates a population (assembly/population-rules.ts,
// built by `npm run build:wasm -w @rugzak/rules`, which leaves out the type import below, as
// AssemblyScript has `i32` and `bool` built in). So it holds only functions of integers and
// booleans: no objects, no union types, no `Math` (AssemblyScript's is for floating point).
import type { bool, i32 } from "../portable.ts";

/** Where a learner stands in the once-only rebuild: not started, running, or ended for good. */
export const rebuildNotStarted: i32 = 0;
export const rebuildRunning: i32 = 1;
export const rebuildEnded: i32 = 2;

/** The bonus a pass earns (R5): as many credits again, while any of the bonus is left. */
export function bonusFor(earned: i32, bonusRemaining: i32, contractEarnsBonus: bool): i32 {
	return contractEarnsBonus ? smaller(earned, bonusRemaining) : 0;
}

/** The credits a master degree takes (R7): the deduction, unless only the first master counts and this is not it. */
export function masterDeductionFor(
	deduction: i32,
	firstOnly: bool,
	firstMasterAlreadyObtained: bool,
): i32 {
	return firstOnly && firstMasterAlreadyObtained ? 0 : deduction;
}

/**
 * The credits the rebuild adds at the start of an academic year (R18), 0 when none are due, under
 * the rebuild law of that year (its increment, ceiling and waiting years, as `RebuildLaw` in
 * `law.ts` holds them). `yearsWithoutEnrolment` counts the years in a row without an enrolment
 * that uses leerkrediet, this one included; `afterFirstMaster` says that stretch began right
 * after the first master degree; `episode` is one of `rebuildNotStarted`, `rebuildRunning` and
 * `rebuildEnded`.
 */
export function rebuildIncrementFor(
	increment: i32,
	ceiling: i32,
	waitingYearsAfterStopping: i32,
	waitingYearsAfterMaster: i32,
	balance: i32,
	yearsWithoutEnrolment: i32,
	afterFirstMaster: bool,
	episode: i32,
): i32 {
	if (yearsWithoutEnrolment === 0 || episode === rebuildEnded || balance >= ceiling) return 0;
	if (episode === rebuildNotStarted) {
		const waiting = afterFirstMaster ? waitingYearsAfterMaster : waitingYearsAfterStopping;
		if (yearsWithoutEnrolment <= waiting) return 0;
	}
	return smaller(increment, ceiling - balance);
}

/**
 * The rebuild episode after a year: it starts with its first increment, and an enrolment ends it
 * (for good when the rebuild law grants it `once`).
 */
export function rebuildEpisodeAfter(once: bool, episode: i32, increment: i32, enrolled: bool): i32 {
	if (increment > 0 && episode === rebuildNotStarted) return rebuildRunning;
	if (enrolled && episode === rebuildRunning) return once ? rebuildEnded : rebuildNotStarted;
	return episode;
}

/** The graduaat top-up (R19): what lifts the balance to the top-up level, 0 if it is there already. */
export function graduaatTopUpFor(balance: i32, topUpTo: i32): i32 {
	return balance < topUpTo ? topUpTo - balance : 0;
}

function smaller(a: i32, b: i32): i32 {
	return a < b ? a : b;
}
