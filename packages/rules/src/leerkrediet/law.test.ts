import { describe, expect, it } from "vitest";
import { parameters, reformed } from "../law.fixture.ts";
import { leerkredietLawAt } from "./law.ts";

describe("the leerkrediet law at a date", () => {
	it("is resolved once per set of parameters and date, and then shared", () => {
		expect(leerkredietLawAt(parameters, "2020-10-01")).toBe(
			leerkredietLawAt(parameters, "2020-10-01"),
		);
		expect(Object.isFrozen(leerkredietLawAt(parameters, "2020-10-01"))).toBe(true);
	});

	it("is resolved apart for a reform, which has parameters of its own", () => {
		const reform = reformed("reforms/rebuild-every-year-not-enrolled.yaml");
		expect(leerkredietLawAt(parameters, "2020-10-01").rebuildOnce.value).toBe(true);
		expect(leerkredietLawAt(reform, "2020-10-01").rebuildOnce.value).toBe(false);
	});
});
