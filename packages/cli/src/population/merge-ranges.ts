import {
	createDifferenceTally,
	createTally,
	type DifferenceTally,
	learnerOutOfOrder,
	mergeDifferences,
	mergeTallies,
	PopulationError,
	type PopulationTally,
} from "@rugzak/rules/population";
import type { RangeOutcome } from "./run-workers.ts";
import type { SimulationLaws } from "./simulate-range.ts";

/** The tallies of a whole file, with what it took to make them. */
export interface MergedRanges {
	readonly lines: number;
	readonly baseline: PopulationTally;
	readonly reform: PopulationTally | undefined;
	readonly difference: DifferenceTally | undefined;
	/** The longest any one thread spent computing, and reading and parsing. */
	readonly computeMs: number;
	readonly readAndParseMs: number;
}

/**
 * Adds up the ranges of a file in order, or throws PopulationError for the first invalid line,
 * numbered in the whole file (the header is line 1): a range's lines follow those before it.
 */
export function mergeRanges(outcomes: readonly RangeOutcome[], laws: SimulationLaws): MergedRanges {
	const baseline = createTally(laws.baseline);
	const reform = laws.reform && createTally(laws.reform);
	const difference = laws.reform && createDifferenceTally(laws.reform);
	let lines = 1;
	let lastLearnerId = 0;
	let computeMs = 0;
	let readAndParseMs = 0;
	for (const outcome of outcomes) {
		if (!outcome.valid) throw new PopulationError(lines + outcome.line, outcome.reason);
		const { result } = outcome;
		if (result.firstLearnerId !== 0 && result.firstLearnerId <= lastLearnerId) {
			throw new PopulationError(lines + 1, learnerOutOfOrder(result.firstLearnerId, lastLearnerId));
		}
		if (result.lastLearnerId !== 0) lastLearnerId = result.lastLearnerId;
		lines += result.lines;
		mergeTallies(baseline, result.baseline);
		if (reform && result.reform) mergeTallies(reform, result.reform);
		if (difference && result.difference) mergeDifferences(difference, result.difference);
		computeMs = Math.max(computeMs, result.computeMs);
		readAndParseMs = Math.max(readAndParseMs, result.readAndParseMs);
	}
	return { lines: lines - 1, baseline, reform, difference, computeMs, readAndParseMs };
}
