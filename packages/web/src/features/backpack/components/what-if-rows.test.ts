import type { WhatIfYear, YearStatement } from "@rugzak/rules";
import { describe, expect, it } from "vitest";
import { whatIfRows } from "./what-if-rows.ts";

const ending = (academicYear: string, end: number): YearStatement => ({
	academicYear,
	start: 0,
	invested: 0,
	earned: 0,
	bonus: 0,
	refunded: 0,
	deducted: 0,
	rebuilt: 0,
	end,
});
const year = (academicYear: string, before?: number, after?: number): WhatIfYear => ({
	academicYear,
	before: before === undefined ? undefined : ending(academicYear, before),
	after: after === undefined ? undefined : ending(academicYear, after),
	endChange: (after ?? 0) - (before ?? 0),
});

describe("whatIfRows", () => {
	it("carries the last balance into years the account without the plan has no row for", () => {
		const rows = whatIfRows([
			year("2018-2019", 155, 155),
			year("2019-2020", 140, 140),
			year("2020-2021", undefined, 140),
			year("2021-2022", undefined, 125),
		]);
		expect(rows).toEqual([
			{ academicYear: "2020-2021", before: 140, after: 140, change: 0 },
			{ academicYear: "2021-2022", before: 140, after: 125, change: -15 },
		]);
	});

	it("shows the last year alone when the plan changes nothing", () => {
		expect(whatIfRows([year("2019-2020", 152, 152), year("2020-2021", 140, 140)])).toEqual([
			{ academicYear: "2020-2021", before: 140, after: 140, change: 0 },
		]);
	});

	it("starts at the first year when that year already changes", () => {
		expect(whatIfRows([year("2026-2027", undefined, 110)])).toEqual([
			{ academicYear: "2026-2027", before: 0, after: 110, change: 110 },
		]);
	});
});
