import { describe, expect, it } from "vitest";
import { parameters, policies } from "../law.fixture.ts";
import { History, units } from "./history.fixture.ts";
import { latestInstitution, planYear, whatIf } from "./what-if.ts";

describe("what-if and planned years", () => {
	it("plans at the institution of the latest enrolment, whatever the order of the facts", () => {
		const history = new History();
		history.year({ year: 2018, institution: "kdg", units: units(60, 60) });
		history.year({ year: 2019, institution: "ehb", units: units(60, 60) });
		expect(latestInstitution([...history.facts].reverse())).toBe("ehb");
		expect(latestInstitution([])).toBeUndefined();
	});

	it("answers a planned year of 60 registered and 45 passed without changing the real facts", () => {
		const history = new History();
		history.year({ year: 2018, units: units(60, 60) });
		const before = [...history.facts];
		const plan = planYear(
			{
				academicYear: 2019,
				institution: "kdg",
				programmeKind: "bachelor",
				contract: "diploma",
				registered: 60,
				passed: 45,
			},
			parameters,
		);
		const answer = whatIf(history.facts, plan, { parameters, policies, at: "2019-01-01" });
		expect(answer.balanceChange).toBe(-15);
		expect(history.facts).toEqual(before);
	});
});
