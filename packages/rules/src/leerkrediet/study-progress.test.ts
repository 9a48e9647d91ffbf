import { describe, expect, it } from "vitest";
import { parameters, policies } from "../law.fixture.ts";
import { computeLeerkrediet } from "./compute-account.ts";
import { History, units } from "./history.fixture.ts";

describe("R21: study progress (studierendement) beside the leerkrediet (EhB decreet studievoortgang P-22)", () => {
	it("gives Thomas 60 %, 66 %, 75 %, 100 % a year and the cumulative efficiency (SEED-001 figures)", () => {
		const history = new History();
		history.year({ year: 2016, units: units(60, 36) });
		history.year({ year: 2017, units: units(63, 42) });
		history.year({ year: 2018, units: units(60, 45) });
		history.year({ year: 2019, units: units(57, 57) });
		const { studyProgress } = computeLeerkrediet(history.facts, {
			parameters,
			policies,
			at: "2021-01-01",
		});
		expect(
			studyProgress.map((year) => [year.takenCredits, year.earnedCredits, year.efficiencyPercent]),
		).toEqual([
			[60, 36, 60],
			[63, 42, 66],
			[60, 45, 75],
			[57, 57, 100],
		]);
		// 180 of 240 credits taken: 75 %.
		expect(studyProgress.at(-1)?.cumulativeEfficiencyPercent).toBe(75);
	});

	it("does not count credits given back on time as taken", () => {
		const history = new History();
		const enrolment = history.enrol({ year: 2020 });
		const kept = history.register(enrolment, 2020, { credits: 6 });
		const dropped = history.register(enrolment, 2020, { credits: 6 });
		history.deregister(dropped, "2020-09-25");
		history.result(kept, "2021-02-03", "passed");
		const { studyProgress } = computeLeerkrediet(history.facts, {
			parameters,
			policies,
			at: "2021-08-01",
		});
		expect(studyProgress).toEqual([
			{
				academicYear: "2020-2021",
				takenCredits: 6,
				earnedCredits: 6,
				efficiencyPercent: 100,
				cumulativeEfficiencyPercent: 100,
			},
		]);
	});
});
