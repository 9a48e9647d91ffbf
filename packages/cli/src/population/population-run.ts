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

/** The pieces of `region` from the front, one a call, for the thread that owns the region. */
export function frontPieces(queue: PieceQueue, region: number): () => ByteRange | undefined {
	return () => {
		const piece = takeFrontPiece(queue, region);
		return piece === undefined ? undefined : pieceRange(queue, piece);
	};
}

/** Adds the bytes a thread reads to its count. */
export function progressOf(run: PopulationRun, thread: number): (bytes: number) => void {
	return (bytes) => {
		run.progress[thread] = (run.progress[thread] as number) + bytes;
	};
}
