import { describe, expect, it } from "vitest";
import {
	bucketHistogram,
	countValue,
	createValueHistogram,
	histogramRange,
	mergeHistograms,
} from "./value-histogram.ts";

describe("value histograms", () => {
	it("counts values far apart and puts them in aligned buckets, empty ones between included", () => {
		const histogram = createValueHistogram();
		for (const value of [-415, -1, 0, 19, 20, 200, 200]) countValue(histogram, value);
		expect(histogramRange(histogram)).toEqual({ lowest: -415, highest: 200 });
		const buckets = bucketHistogram(histogram, 100);
		expect(buckets).toEqual([
			{ from: -500, to: -401, learners: 1 },
			{ from: -400, to: -301, learners: 0 },
			{ from: -300, to: -201, learners: 0 },
			{ from: -200, to: -101, learners: 0 },
			{ from: -100, to: -1, learners: 1 },
			{ from: 0, to: 99, learners: 3 },
			{ from: 100, to: 199, learners: 0 },
			{ from: 200, to: 299, learners: 2 },
		]);
	});

	it("adds one histogram to another", () => {
		const a = createValueHistogram();
		const b = createValueHistogram();
		countValue(a, 5, 2);
		countValue(b, 5);
		countValue(b, 1000);
		mergeHistograms(a, b);
		expect(bucketHistogram(a, 1000)).toEqual([
			{ from: 0, to: 999, learners: 3 },
			{ from: 1000, to: 1999, learners: 1 },
		]);
	});

	it("has no range and no buckets when nothing was counted", () => {
		expect(histogramRange(createValueHistogram())).toBeUndefined();
		expect(bucketHistogram(createValueHistogram(), 20)).toEqual([]);
	});
});
