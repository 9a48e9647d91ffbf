import type { ByteRange } from "./split-by-learner.ts";

/**
 * The pieces of a population file, shared by the threads of one run. The pieces are grouped in
 * regions, one per worker thread, and each starts at a learner's first row. A worker takes the
 * pieces of its region from the front, so that what it reads is one range, which it can parse
 * before the law has loaded; the main thread, once it has loaded the law, takes pieces from the
 * back of whichever region has most left. Each region's two ends are one 32-bit word, changed
 * with compare-and-exchange, so that no piece is taken twice.
 */
export interface PieceQueue {
	/** Piece `i` is the bytes `cuts[i]` to `cuts[i + 1]`. */
	readonly cuts: readonly number[];
	/** By region: the next piece from the front (high 16 bits) and the end of what is left. */
	readonly ends: Int32Array;
}

const endBits = 16;
const endMask = (1 << endBits) - 1;
/** The most pieces a file is cut into: a piece's index fits in the 16 bits of one end. */
export const mostPieces = endMask;

/** A queue of the pieces between `ranges` (contiguous, in file order), in `regions` regions. */
export function createPieceQueue(ranges: readonly ByteRange[], regions: number): PieceQueue {
	if (ranges.length > mostPieces) throw new Error(`${ranges.length} pieces are too many`);
	const cuts =
		ranges.length === 0
			? []
			: [...ranges.map((range) => range.start), (ranges.at(-1) as ByteRange).end];
	const ends = new Int32Array(new SharedArrayBuffer(4 * Math.max(regions, 1)));
	for (let region = 0; region < regions; region++) {
		const front = Math.floor((ranges.length * region) / regions);
		const back = Math.floor((ranges.length * (region + 1)) / regions);
		ends[region] = (front << endBits) | back;
	}
	return { cuts, ends };
}

/** The bytes of piece `index`. */
export function pieceRange(queue: PieceQueue, index: number): ByteRange {
	return { start: queue.cuts[index] as number, end: queue.cuts[index + 1] as number };
}

/** Takes the next piece from the front of `region`, or undefined when none is left. */
export function takeFrontPiece(queue: PieceQueue, region: number): number | undefined {
	// Bounded: each failed exchange means another thread took a piece of this region.
	for (;;) {
		const ends = Atomics.load(queue.ends, region);
		const front = ends >>> endBits;
		const back = ends & endMask;
		if (front >= back) return undefined;
		const taken = ((front + 1) << endBits) | back;
		if (Atomics.compareExchange(queue.ends, region, ends, taken) === ends) return front;
	}
}

/** Takes the last piece of the region with most pieces left, or undefined when none is left. */
export function takeBackPiece(queue: PieceQueue): number | undefined {
	// Bounded: each failed exchange means another thread took a piece.
	for (;;) {
		let region = -1;
		let most = 0;
		queue.ends.forEach((ends, i) => {
			const left = (ends & endMask) - (ends >>> endBits);
			if (left > most) {
				most = left;
				region = i;
			}
		});
		if (region < 0) return undefined;
		const ends = Atomics.load(queue.ends, region);
		const front = ends >>> endBits;
		const back = ends & endMask;
		if (front >= back) continue;
		const taken = (front << endBits) | (back - 1);
		if (Atomics.compareExchange(queue.ends, region, ends, taken) === ends) return back - 1;
	}
}
