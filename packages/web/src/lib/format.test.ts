import { describe, expect, it } from "vitest";
import {
	formatCount,
	formatCredits,
	formatDate,
	formatEuro,
	formatSignedCount,
	formatSignedCredits,
} from "./format.ts";

// Intl may use a narrow no-break space between the symbol and the amount; compare on plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("formatEuro", () => {
	it.each([
		{ cents: 111_600, language: "nl" as const, expected: "€ 1.116,00" },
		{ cents: 111_600, language: "en" as const, expected: "€1,116.00" },
		{ cents: 5, language: "nl" as const, expected: "€ 0,05" },
		{ cents: 0, language: "en" as const, expected: "€0.00" },
	])("formats $cents cents in $language as $expected", ({ cents, language, expected }) => {
		expect(plain(formatEuro(cents, language))).toBe(expected);
	});

	it("refuses fractions of a cent, since money is integer cents", () => {
		expect(() => formatEuro(1.5, "nl")).toThrow(RangeError);
	});
});

describe("formatCount", () => {
	it.each([
		{ value: 100_000, language: "nl" as const, expected: "100.000" },
		{ value: 7_945_553, language: "en" as const, expected: "7,945,553" },
		{ value: 20, language: "nl" as const, expected: "20" },
	])("writes $value in $language as $expected", ({ value, language, expected }) => {
		expect(formatCount(value, language)).toBe(expected);
	});
});

describe("formatSignedCount", () => {
	it.each([
		{ value: 93_961, language: "nl" as const, expected: "+93.961" },
		{ value: -1_234, language: "en" as const, expected: "\u22121,234" },
		{ value: 0, language: "en" as const, expected: "0" },
	])("writes $value in $language as $expected", ({ value, language, expected }) => {
		expect(formatSignedCount(value, language)).toBe(expected);
	});
});

describe("formatSignedCredits", () => {
	it.each([
		{ credits: 36, expected: "+36" },
		{ credits: -60, expected: "\u221260" },
		{ credits: 0, expected: "0" },
	])("writes $credits as $expected", ({ credits, expected }) => {
		expect(formatSignedCredits(credits)).toBe(expected);
	});
});

describe("formatCredits", () => {
	it("writes a negative balance with a real minus and a positive one bare", () => {
		expect(formatCredits(-20)).toBe("\u221220");
		expect(formatCredits(140)).toBe("140");
	});
});

describe("formatDate", () => {
	it("writes a civil date in each language without shifting it by a time zone", () => {
		expect(formatDate("2017-02-03", "nl")).toBe("3 feb 2017");
		expect(formatDate("2017-02-03", "en")).toBe("3 Feb 2017");
	});
});
