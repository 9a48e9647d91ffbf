import { type PieceQueue, pieceRange, takeFrontPiece } from "./piece-queue.ts";
import type { RangeTask } from "./simulate-range.ts";
import type { ByteRange } from "./split-by-learner.ts";

/** A simulation of one file that threads take part in: the file, its pieces, where progress goes. */
export interface PopulationRun {
	readonly path: string;
	readonly horizon: number;
	readonly chunkBytes: number;
	/** With `--out`: a range starting at byte N writes its rows to this prefix and N. */
	readonly outPrefix: string | undefined;
	readonly queue: PieceQueue;
	/** By thread (workers first, then the main thread): bytes read. */
	readonly progress: Float64Array;
}

/** The task of the range that starts at byte `start`. */
export function taskAt(run: PopulationRun, start: number): RangeTask {
	return {
		path: run.path,
		start,
		horizon: run.horizon,
		chunkBytes: run.chunkBytes,
		outPath: run.outPrefix === undefined ? undefined : `${run.outPrefix}${start}`,
	};
}

/**
 * The range of the thread that owns `region`: it starts at the first piece this takes, and grows
 * by the pieces it takes from the front after that; undefined when no piece is left to take
 * (the main thread may have taken them all).
 */
export function frontRange(
	run: PopulationRun,
	region: number,
): { readonly task: RangeTask; readonly nextPiece: () => ByteRange | undefined } | undefined {
	const next = () => {
		const piece = takeFrontPiece(run.queue, region);
		return piece === undefined ? undefined : pieceRange(run.queue, piece);
	};
	let first = next();
	if (first === undefined) return undefined;
	const task = taskAt(run, first.start);
	return {
		task,
		nextPiece: () => {
			const piece = first ?? next();
			first = undefined;
			return piece;
		},
	};
}

/** Adds the bytes a thread reads to its count. */
export function progressOf(run: PopulationRun, thread: number): (bytes: number) => void {
	return (bytes) => {
		run.progress[thread] = (run.progress[thread] as number) + bytes;
	};
}
