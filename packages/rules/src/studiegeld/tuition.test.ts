import { describe, expect, it } from "vitest";
import { ParameterNotInForce } from "../errors.ts";
import { parameters } from "../law.fixture.ts";
import { type TuitionRequest, tuitionFor } from "./tuition.ts";

const request = (overrides: Partial<TuitionRequest>): TuitionRequest => ({
	academicYear: 2024,
	contract: "diploma",
	programmeKind: "bachelor",
	credits: 60,
	tariff: "standard",
	fixedPartAlreadyPaid: false,
	...overrides,
});

const total = (overrides: Partial<TuitionRequest>) => {
	const tuition = tuitionFor(parameters, request(overrides));
	return tuition.applicable ? tuition.totalCents : undefined;
};

describe("R22: tuition (studiegeld), fixed part plus an amount per credit", () => {
	it.each([
		{
			name: "2024-25, 60 credits: € 1116 (W9, UAntwerpen P-18)",
			year: 2024,
			credits: 60,
			tariff: "standard",
			cents: 111600,
		},
		{
			name: "2024-25, 30 credits: € 702 (W9)",
			year: 2024,
			credits: 30,
			tariff: "standard",
			cents: 70200,
		},
		{
			name: "2023-24, 60 credits: € 1092.10 (W10, De Morgen P-30)",
			year: 2023,
			credits: 60,
			tariff: "standard",
			cents: 109210,
		},
		{
			name: "2023-24, near-scholarship: € 576.10 (W10)",
			year: 2023,
			credits: 60,
			tariff: "near-scholarship",
			cents: 57610,
		},
		{
			name: "2023-24, scholarship, whatever the credits: € 128.80 (W10)",
			year: 2023,
			credits: 27,
			tariff: "scholarship",
			cents: 12880,
		},
		{
			name: "2022-23, 60 credits: € 979.60 (W10)",
			year: 2022,
			credits: 60,
			tariff: "standard",
			cents: 97960,
		},
		{
			name: "2019-20, 60 credits: € 938.80 (W7, Thomas More P-23; year inferred)",
			year: 2019,
			credits: 60,
			tariff: "standard",
			cents: 93880,
		},
		{
			name: "2015-16, Codex base: € 230 + 60 × € 11 = € 890",
			year: 2015,
			credits: 60,
			tariff: "standard",
			cents: 89000,
		},
	] as const)("$name", ({ year, credits, tariff, cents }) => {
		expect(total({ academicYear: year, credits, tariff })).toBe(cents);
	});

	it("charges an exam contract the scholarship amount plus the near-scholarship rate per credit: 2023-24 € 128.80 + 20 × € 4.90", () => {
		expect(total({ academicYear: 2023, contract: "exam", credits: 20 })).toBe(12880 + 20 * 490);
	});

	it("charges the fixed part once a year for diploma and credit contracts together (UCLL P-24)", () => {
		expect(
			total({ academicYear: 2024, credits: 10, contract: "credit", fixedPartAlreadyPaid: true }),
		).toBe(10 * 1380);
	});

	it("marks the inferred 2019-20 amounts as inferred", () => {
		const tuition = tuitionFor(parameters, request({ academicYear: 2019 }));
		expect(tuition.applicable && tuition.inferred).toBe(true);
		const known = tuitionFor(parameters, request({ academicYear: 2024 }));
		expect(known.applicable && known.inferred).toBe(false);
	});

	it("refuses a year whose amounts no source gives (2025-26) instead of reusing old ones", () => {
		expect(() => tuitionFor(parameters, request({ academicYear: 2025 }))).toThrow(
			ParameterNotInForce,
		);
	});

	it("leaves a manama's tuition to the institution", () => {
		expect(tuitionFor(parameters, request({ programmeKind: "manama" })).applicable).toBe(false);
	});
});
