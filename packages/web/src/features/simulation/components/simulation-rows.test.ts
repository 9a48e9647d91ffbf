import type { CreditDistribution, PopulationSummary } from "@rugzak/rules/population";
import { describe, expect, it } from "vitest";
import { distributionRows, exhaustedRows } from "./simulation-rows.ts";

const distribution = (buckets: [number, number][]): CreditDistribution => ({
	lowest: null,
	highest: null,
	bucketWidth: 20,
	buckets: buckets.map(([from, learners]) => ({ from, to: from + 19, learners })),
});

describe("distributionRows", () => {
	it("puts the buckets of the law and the reform side by side, over the range of both", () => {
		const law = distribution([
			[-20, 2],
			[0, 5],
		]);
		const reform = distribution([
			[0, 3],
			[20, 0],
			[40, 4],
		]);
		expect(distributionRows(law, reform)).toEqual([
			{ label: "\u221220…\u22121", baseline: 2, reform: 0 },
			{ label: "0…19", baseline: 5, reform: 3 },
			{ label: "20…39", baseline: 0, reform: 0 },
			{ label: "40…59", baseline: 0, reform: 4 },
		]);
	});

	it("has no reform column without a reform, and no rows without learners", () => {
		expect(distributionRows(distribution([[60, 1]]), undefined)).toEqual([
			{ label: "60…79", baseline: 1, reform: undefined },
		]);
		expect(distributionRows(distribution([]), undefined)).toEqual([]);
	});
});

describe("exhaustedRows", () => {
	const summary = (exhausted: number[]) =>
		({
			years: exhausted.map((count, i) => ({
				academicYear: `${2015 + i}-${2016 + i}`,
				exhausted: count,
			})),
		}) as unknown as PopulationSummary;

	it("reads the law from baseline and the reform from the document itself", () => {
		const document = { ...summary([1, 0]), baseline: summary([1, 1]) };
		expect(exhaustedRows(document as never)).toEqual([
			{ label: "2015-2016", baseline: 1, reform: 1 },
			{ label: "2016-2017", baseline: 1, reform: 0 },
		]);
	});
});
