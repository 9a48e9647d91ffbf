import { pieceRange, takeBackPiece } from "./piece-queue.ts";
import { frontRange, type PopulationRun, progressOf, taskAt } from "./population-run.ts";
import {
	createRangeParser,
	type RangeHooks,
	type RangeOutcome,
	type SimulationLaws,
	tryRange,
} from "./simulate-range.ts";
import type { ByteRange } from "./split-by-learner.ts";

/**
 * What the main thread does once it has loaded the law: the pieces at the back of the regions
 * that have most left, one range each, or, when there is no worker, the whole file as one range.
 */
export function runMainThread(
	run: PopulationRun,
	context: {
		readonly laws: SimulationLaws;
		readonly workerCount: number;
		/** Called as reading goes on, e.g. to redraw a progress bar while this thread is busy. */
		readonly tick: () => void;
	},
): RangeOutcome[] {
	const { queue } = run;
	const parser = createRangeParser(run.chunkBytes);
	const count = progressOf(run, context.workerCount);
	const hooks = (nextPiece: () => ByteRange | undefined): RangeHooks => ({
		nextPiece,
		takeLaws: () => context.laws,
		progress: (bytes) => {
			count(bytes);
			context.tick();
		},
	});
	if (context.workerCount === 0) {
		const range = frontRange(run, 0);
		return range === undefined ? [] : [tryRange(range.task, hooks(range.nextPiece), parser)];
	}
	const outcomes: RangeOutcome[] = [];
	for (let piece = takeBackPiece(queue); piece !== undefined; piece = takeBackPiece(queue)) {
		const range = pieceRange(queue, piece);
		let pending: ByteRange | undefined = range;
		const once = () => {
			const next = pending;
			pending = undefined;
			return next;
		};
		const outcome = tryRange(taskAt(run, range.start), hooks(once), parser);
		outcomes.push(outcome);
		// Pieces after an invalid line need not be read: the error names the first one.
		if (!outcome.valid) break;
	}
	return outcomes;
}
