/**
 * The leerkrediet rules that both the single-learner engine and the population simulation apply,
 * written over plain numbers so that one definition serves a ledger line and a million learners.
 */

/** The rebuild law (R18) as plain values, resolved from the parameters for one academic year. */
export interface RebuildLaw {
	readonly increment: number;
	readonly ceiling: number;
	readonly once: boolean;
	readonly forfeitsBonus: boolean;
	readonly waitingYearsAfterStopping: number;
	readonly waitingYearsAfterMaster: number;
}

/** Where a learner stands in the once-only rebuild: not started, running, or ended for good. */
export const rebuildNotStarted = 0;
export const rebuildRunning = 1;
export const rebuildEnded = 2;
export type RebuildEpisode = typeof rebuildNotStarted | typeof rebuildRunning | typeof rebuildEnded;

/** The bonus a pass earns (R5): as many credits again, while any of the bonus is left. */
export function bonusFor(
	earned: number,
	bonusRemaining: number,
	contractEarnsBonus: boolean,
): number {
	return contractEarnsBonus ? Math.min(earned, bonusRemaining) : 0;
}

/** The credits a master degree takes (R7): the deduction, unless only the first master counts and this is not it. */
export function masterDeductionFor(
	deduction: number,
	firstOnly: boolean,
	firstMasterAlreadyObtained: boolean,
): number {
	return firstOnly && firstMasterAlreadyObtained ? 0 : deduction;
}

/**
 * The credits the rebuild adds at the start of an academic year (R18), 0 when none are due.
 * `yearsWithoutEnrolment` counts the years in a row without an enrolment that uses leerkrediet,
 * this one included; `afterFirstMaster` says that stretch began right after the first master degree.
 */
export function rebuildIncrementFor(
	law: RebuildLaw,
	balance: number,
	yearsWithoutEnrolment: number,
	afterFirstMaster: boolean,
	episode: RebuildEpisode,
): number {
	if (yearsWithoutEnrolment === 0 || episode === rebuildEnded || balance >= law.ceiling) return 0;
	if (episode === rebuildNotStarted) {
		const waiting = afterFirstMaster ? law.waitingYearsAfterMaster : law.waitingYearsAfterStopping;
		if (yearsWithoutEnrolment <= waiting) return 0;
	}
	return Math.min(law.increment, law.ceiling - balance);
}

/** The rebuild episode after a year: it starts with its first increment, and an enrolment ends it. */
export function rebuildEpisodeAfter(
	law: RebuildLaw,
	episode: RebuildEpisode,
	increment: number,
	enrolled: boolean,
): RebuildEpisode {
	if (increment > 0 && episode === rebuildNotStarted) return rebuildRunning;
	if (enrolled && episode === rebuildRunning) return law.once ? rebuildEnded : rebuildNotStarted;
	return episode;
}

/** The graduaat top-up (R19): what lifts the balance to the top-up level, 0 if it is there already. */
export function graduaatTopUpFor(balance: number, topUpTo: number): number {
	return balance < topUpTo ? topUpTo - balance : 0;
}
