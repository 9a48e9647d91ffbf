import { describe, expect, it } from "vitest";
import { createPieceQueue, takeBackPiece } from "./piece-queue.ts";
import { frontRange, type PopulationRun } from "./population-run.ts";

const pieces = [
	{ start: 59, end: 100 },
	{ start: 100, end: 180 },
	{ start: 180, end: 250 },
];

function runOf(regions: number): PopulationRun {
	return {
		path: "population.csv",
		horizon: 2025,
		chunkBytes: 64,
		outPrefix: "out.csv.part-",
		queue: createPieceQueue(pieces, regions),
		progress: new Float64Array(regions + 1),
	};
}

describe("frontRange", () => {
	it("starts the range at the first piece it takes, then grows it piece by piece", () => {
		const run = runOf(1);
		const range = frontRange(run, 0);
		expect(range?.task).toMatchObject({ start: 59, outPath: "out.csv.part-59" });
		// The main thread takes the last piece meanwhile: the range stops before it.
		expect(takeBackPiece(run.queue)).toBe(2);
		expect([range?.nextPiece(), range?.nextPiece(), range?.nextPiece()]).toEqual([
			{ start: 59, end: 100 },
			{ start: 100, end: 180 },
			undefined,
		]);
	});

	it("has no range when the main thread took every piece of the region first", () => {
		// Otherwise the range would start where the main thread's last piece starts, and both
		// would write the same part of --out.
		const run = runOf(1);
		for (let i = 0; i < pieces.length; i++) takeBackPiece(run.queue);
		expect(frontRange(run, 0)).toBeUndefined();
	});
});
