import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { isIsoDate } from "./iso-date.ts";

/** What Temporal says: the reference isIsoDate must agree with (it was written with it). */
function temporalSays(text: string): boolean {
	try {
		return Temporal.PlainDate.from(text, { overflow: "reject" }).toString() === text;
	} catch {
		return false;
	}
}

describe("isIsoDate", () => {
	it.each([
		["2016-02-29", true],
		["2017-02-29", false],
		["2000-02-29", true],
		["1900-02-29", false],
		["2017-04-31", false],
		["2017-12-31", true],
		["2017-13-01", false],
		["2017-00-10", false],
		["2017-01-00", false],
		["2017-1-01", false],
		["20170101", false],
		["2017-0a-01", false],
		["2017/01/01", false],
		["2017-01-01 ", false],
		["-017-01-01", false],
	])("says %s is a date: %s", (text, expected) => {
		expect(isIsoDate(text)).toBe(expected);
	});

	it("agrees with Temporal on any YYYY-MM-DD text", () => {
		const digits = (length: number) =>
			fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length });
		const texts = fc
			.tuple(digits(4), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 }))
			.map(
				([year, month, day]) =>
					`${year.join("")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
			);
		fc.assert(
			fc.property(texts, (text) => isIsoDate(text) === temporalSays(text)),
			{ numRuns: 5000 },
		);
	});
});
