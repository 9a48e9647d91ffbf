import { describe, expect, it } from "vitest";
import { chartScale, niceStep } from "./chart-scale.ts";

describe("niceStep", () => {
	it.each([
		{ span: 200, maxTicks: 5, expected: 50 },
		{ span: 140, maxTicks: 5, expected: 50 },
		{ span: 7, maxTicks: 5, expected: 2 },
		{ span: 0, maxTicks: 5, expected: 1 },
		{ span: 3, maxTicks: 5, expected: 1 },
	])("takes $expected for a span of $span in $maxTicks ticks", ({ span, maxTicks, expected }) => {
		expect(niceStep(span, maxTicks)).toBe(expected);
	});
});

describe("chartScale", () => {
	it("scales Thomas's balances from zero to a round top", () => {
		const scale = chartScale([152, 155, 140, 140], 200);
		expect(scale.min).toBe(0);
		expect(scale.max).toBe(200);
		expect(scale.ticks).toEqual([0, 50, 100, 150, 200]);
		expect(scale.y(200)).toBe(0);
		expect(scale.y(0)).toBe(200);
		expect(scale.y(150)).toBe(50);
	});

	it("keeps the zero line inside the plot when a balance is negative", () => {
		const scale = chartScale([60, -20], 100);
		expect(scale.min).toBe(-20);
		expect(scale.max).toBe(60);
		expect(scale.ticks).toEqual([-20, 0, 20, 40, 60]);
		expect(scale.y(0)).toBe(75);
	});

	it("gives an empty or all-zero series a usable domain rather than dividing by zero", () => {
		for (const values of [[], [0, 0]]) {
			const scale = chartScale(values, 100);
			expect(scale.max).toBeGreaterThan(scale.min);
			expect(Number.isFinite(scale.y(0))).toBe(true);
		}
	});
});
