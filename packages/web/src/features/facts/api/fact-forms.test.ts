import { describe, expect, it } from "vitest";
import { buildFact, factForms, fieldsOf } from "./fact-forms.ts";

describe("buildFact", () => {
	it("nests a registration's fields as the facts format has them, credits as a number", () => {
		const values = {
			date: "2026-09-14",
			"data.enrolmentId": "e1",
			"data.courseUnit.name": "Accounting",
			"data.courseUnit.credits": "6",
			"data.period": "semester-1",
			"data.periodStartDate": "2026-09-21",
		};
		expect(buildFact("registration", values, "f-1")).toEqual({
			id: "f-1",
			type: "CourseUnitRegistered",
			date: "2026-09-14",
			data: {
				enrolmentId: "e1",
				courseUnit: { name: "Accounting", credits: 6 },
				period: "semester-1",
				periodStartDate: "2026-09-21",
			},
		});
	});

	it("leaves empty fields out and keeps a fractional number, so the API names the mistake", () => {
		const fact = buildFact("registration", { "data.courseUnit.credits": "1.5", date: " " }, "f-2");
		expect(fact).toEqual({
			id: "f-2",
			type: "CourseUnitRegistered",
			data: { courseUnit: { credits: 1.5 } },
		});
	});

	it("sends a result's session as a number and no session when none is chosen", () => {
		const values = { date: "2027-02-03", "data.registrationId": "r2", "data.outcome": "passed" };
		expect(buildFact("result", { ...values, "data.session": "2" }, "x")["data"]).toEqual({
			registrationId: "r2",
			outcome: "passed",
			session: 2,
		});
		expect(buildFact("result", values, "x")["data"]).toEqual({
			registrationId: "r2",
			outcome: "passed",
		});
	});

	it("has fields for every form, each starting with the date", () => {
		for (const form of Object.keys(factForms) as (keyof typeof factForms)[]) {
			expect(fieldsOf[form][0]?.name).toBe("date");
		}
	});
});
