import {
	createDifferenceTally,
	type DifferenceTally,
	mergeDifferences,
	type RunBalances,
} from "./compare-population.ts";
import type { LearnerRange, PopulationColumns } from "./population-columns.ts";
import { type SimulationLaws, yearSpanOf } from "./population-law.ts";
import { createTally, mergeTallies, type PopulationTally } from "./population-tally.ts";
import { simulateComparison, simulatePopulation } from "./simulate-population.ts";

/** What a simulation counts: under the law as shipped, and with a reform under it too, and how they differ. */
export interface SimulationTallies {
	readonly baseline: PopulationTally;
	readonly reform: PopulationTally | undefined;
	readonly difference: DifferenceTally | undefined;
}

/** Empty tallies for a simulation under `laws`. */
export function createSimulationTallies(laws: SimulationLaws): SimulationTallies {
	return {
		baseline: createTally(laws.baseline),
		reform: laws.reform && createTally(laws.reform),
		difference: laws.reform && createDifferenceTally(laws.reform),
	};
}

/** Adds the tallies of a part of a population to those of the whole. */
export function mergeSimulationTallies(into: SimulationTallies, part: SimulationTallies): void {
	mergeTallies(into.baseline, part.baseline);
	if (into.reform && part.reform) mergeTallies(into.reform, part.reform);
	if (into.difference && part.difference) mergeDifferences(into.difference, part.difference);
}

/** A batch's balances under each law of a simulation (the reform's only with a reform). */
export interface SimulationBalances {
	readonly baseline: RunBalances;
	readonly reform: RunBalances | undefined;
}

/** Balances for `learners` learners under each law of a simulation. */
export function createSimulationBalances(
	laws: SimulationLaws,
	learners: number,
): SimulationBalances {
	const span = yearSpanOf(laws.baseline);
	const balances = () => ({
		finalBalances: new Int32Array(learners),
		yearBalances: new Int32Array(learners * span),
	});
	return { baseline: balances(), reform: laws.reform && balances() };
}

/**
 * Simulates learners under the laws of a simulation: under the law as shipped, and with a reform
 * under the reform too, compared learner by learner (`simulateComparison`). Fills `balances`,
 * when given, as `simulatePopulation` does.
 */
export function simulateUnderLaws(run: {
	readonly columns: PopulationColumns;
	readonly learners: LearnerRange;
	readonly laws: SimulationLaws;
	readonly tallies: SimulationTallies;
	readonly balances?: SimulationBalances | undefined;
}): void {
	const { columns, learners, laws, tallies, balances } = run;
	const { baseline, reform, difference } = tallies;
	if (laws.reform === undefined || reform === undefined || difference === undefined) {
		simulatePopulation({
			columns,
			learners,
			law: laws.baseline,
			tally: baseline,
			...balances?.baseline,
		});
		return;
	}
	simulateComparison({
		columns,
		learners,
		laws: { baseline: laws.baseline, reform: laws.reform },
		tallies: { baseline, reform, difference },
		balances: balances?.reform && { baseline: balances.baseline, reform: balances.reform },
	});
}
