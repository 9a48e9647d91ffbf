import { describe, expect, it } from "vitest";
import { decisionRequestOf } from "./decide-registration.ts";

describe("decisionRequestOf", () => {
	it("sends credits as a number, connecting as a boolean and leaves empty fields out", () => {
		const values = {
			date: "2026-09-20",
			credits: "60",
			programmeKind: "master",
			contract: "diploma",
			institution: "kdg",
			tariff: "",
			connecting: "no",
		};
		expect(decisionRequestOf(values)).toEqual({
			date: "2026-09-20",
			credits: 60,
			programmeKind: "master",
			contract: "diploma",
			institution: "kdg",
			connecting: false,
		});
	});
});
