import assert from "node:assert/strict";
import {
	createSimulationTallies,
	learnerOutOfOrder,
	mergeSimulationTallies,
	PopulationError,
	type SimulationTallies,
} from "@rugzak/rules/population";
import type { RangeOutcome, SimulationLaws } from "./simulate-range.ts";
import type { ByteRange } from "./split-by-learner.ts";

/** The tallies of a whole file, with what it took to make them. */
export interface MergedRanges extends SimulationTallies {
	/** The ranges read, in file order. */
	readonly ranges: readonly ByteRange[];
	readonly lines: number;
	/** The most any one thread spent computing, and reading and parsing. */
	readonly computeMs: number;
	readonly readAndParseMs: number;
}

/** A range's outcome, with the thread that made it (to add up the time each thread took). */
export interface ThreadOutcome {
	readonly thread: number;
	readonly outcome: RangeOutcome;
}

const startOf = ({ outcome }: ThreadOutcome) =>
	outcome.valid ? outcome.result.range.start : outcome.start;

/**
 * Adds up the ranges of a file in file order, or throws PopulationError for the first invalid
 * line, numbered in the whole file (the header is line 1): a range's lines follow those before it.
 */
export function mergeRanges(
	outcomes: readonly ThreadOutcome[],
	laws: SimulationLaws,
): MergedRanges {
	const tallies = createSimulationTallies(laws);
	const computeMs: number[] = [];
	const readAndParseMs: number[] = [];
	let lines = 1;
	let lastLearnerId = 0;
	let end: number | undefined;
	const ranges: ByteRange[] = [];
	for (const made of [...outcomes].sort((a, b) => startOf(a) - startOf(b))) {
		// Every range before the first invalid line was read: threads stop only at one.
		assert.ok(end === undefined || startOf(made) === end, "the ranges cover the file");
		const { outcome, thread } = made;
		if (!outcome.valid) throw new PopulationError(lines + outcome.line, outcome.reason);
		const { result } = outcome;
		if (result.firstLearnerId !== 0 && result.firstLearnerId <= lastLearnerId) {
			throw new PopulationError(lines + 1, learnerOutOfOrder(result.firstLearnerId, lastLearnerId));
		}
		if (result.lastLearnerId !== 0) lastLearnerId = result.lastLearnerId;
		lines += result.lines;
		end = result.range.end;
		ranges.push(result.range);
		mergeSimulationTallies(tallies, result);
		computeMs[thread] = (computeMs[thread] ?? 0) + result.computeMs;
		readAndParseMs[thread] = (readAndParseMs[thread] ?? 0) + result.readAndParseMs;
	}
	return {
		ranges,
		lines: lines - 1,
		...tallies,
		computeMs: Math.max(0, ...computeMs.filter((ms) => ms !== undefined)),
		readAndParseMs: Math.max(0, ...readAndParseMs.filter((ms) => ms !== undefined)),
	};
}
