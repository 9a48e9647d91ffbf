import { contracts, outcomes, programmeKinds, teachingPeriods } from "@rugzak/rules";
import { describe, expect, it } from "vitest";
import { valuesOf } from "./fact-choices.ts";

// The portal takes only types from rules; this test (which the bundle never sees) keeps its lists whole.
describe("valuesOf", () => {
	it.each([
		{ prefix: "programmeKind" as const, expected: programmeKinds },
		{ prefix: "contract" as const, expected: contracts },
		{ prefix: "period" as const, expected: teachingPeriods },
		{ prefix: "outcome" as const, expected: outcomes },
	])("offers every $prefix the rules know, in their order", ({ prefix, expected }) => {
		expect(valuesOf(prefix)).toEqual([...expected]);
	});
});
