import { describe, expect, it } from "vitest";
import { createPieceQueue, pieceRange, takeBackPiece, takeFrontPiece } from "./piece-queue.ts";

const ranges = Array.from({ length: 7 }, (_, i) => ({ start: 10 * i, end: 10 * (i + 1) }));

describe("the piece queue", () => {
	it("gives each region's worker its pieces from the front, in order", () => {
		const queue = createPieceQueue(ranges, 2);
		// 7 pieces in 2 regions: pieces 0 to 2, and 3 to 6.
		expect([0, 1, 2, 3].map(() => takeFrontPiece(queue, 0))).toEqual([0, 1, 2, undefined]);
		expect(takeFrontPiece(queue, 1)).toBe(3);
		expect(pieceRange(queue, 4)).toEqual({ start: 40, end: 50 });
	});

	it("gives the main thread the last pieces of the region with most left, never one taken", () => {
		const queue = createPieceQueue(ranges, 2);
		expect(takeFrontPiece(queue, 0)).toBe(0);
		// Region 0 has pieces 1 and 2 left, region 1 has 3 to 6: the back of region 1 goes first,
		// and at a tie the first region's.
		expect([takeBackPiece(queue), takeBackPiece(queue), takeBackPiece(queue)]).toEqual([6, 5, 2]);
		expect([takeFrontPiece(queue, 1), takeFrontPiece(queue, 1), takeFrontPiece(queue, 1)]).toEqual([
			3,
			4,
			undefined,
		]);
		expect([takeBackPiece(queue), takeBackPiece(queue)]).toEqual([1, undefined]);
		expect(takeFrontPiece(queue, 0)).toBeUndefined();
	});

	it("has nothing to give for an empty file", () => {
		const queue = createPieceQueue([], 1);
		expect(takeFrontPiece(queue, 0)).toBeUndefined();
		expect(takeBackPiece(queue)).toBeUndefined();
	});
});
