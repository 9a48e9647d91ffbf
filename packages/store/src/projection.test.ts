import type { Fact } from "@rugzak/rules";
import { describe, expect, it } from "vitest";
import { enrolment, exampleFacts, unit } from "./facts.fixture.ts";
import { projectLeerkrediet } from "./projection.ts";
import { testLaw } from "./testing/test-stores.ts";

describe("the leerkrediet projection", () => {
	it("is the account the rules compute, as of the day asked", () => {
		const facts = exampleFacts("mary.json");
		const projection = projectLeerkrediet(
			{ learnerId: "mary", version: facts.length, facts, at: "2019-08-31" },
			testLaw(),
		);
		// Mary (KdG, source document 001, W1): 200 at the end of each of her three years.
		expect(projection).toMatchObject({
			learnerId: "mary",
			version: 64,
			asOf: "2019-08-31",
			balance: 200,
		});
		expect(projection.years.map((year) => year.end)).toEqual([200, 200, 200]);
	});

	it("goes stale on the first day of the next academic year, when a rebuild may add credits", () => {
		const projection = projectLeerkrediet(
			{ learnerId: "l1", version: 2, facts: [enrolment, unit(1)], at: "2021-06-30" },
			testLaw(),
		);
		expect(projection.staleFrom).toBe("2021-09-01");
	});

	it("goes stale earlier on the day of a fact dated after it", () => {
		const later: Fact = {
			id: "r2",
			type: "CourseUnitRegistered",
			date: "2021-02-01",
			data: {
				enrolmentId: "e1",
				courseUnit: { credits: 6 },
				period: "semester-2",
				periodStartDate: "2021-02-08",
			},
		};
		const projection = projectLeerkrediet(
			{ learnerId: "l1", version: 2, facts: [enrolment, later], at: "2020-12-01" },
			testLaw(),
		);
		expect(projection.staleFrom).toBe("2021-02-01");
		expect(projection.balance).toBe(140);
	});
});
