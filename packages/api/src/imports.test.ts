import { describe, expect, it } from "vitest";
import { testApp } from "./app.fixture.ts";

const enrolment = (learnerId: string, id: string, institution: string) =>
	JSON.stringify({
		learnerId,
		id,
		type: "LearnerEnrolled",
		date: "2020-09-14",
		data: {
			academicYear: "2020-2021",
			institution,
			programme: { kind: "bachelor" },
			contract: "diploma",
		},
	});
const registration = (learnerId: string, id: string, enrolmentId: string, credits: unknown) =>
	JSON.stringify({
		learnerId,
		id,
		type: "CourseUnitRegistered",
		date: "2020-09-14",
		data: { enrolmentId, courseUnit: { credits }, period: "year", periodStartDate: "2020-09-21" },
	});

describe("POST /api/imports", () => {
	it("imports NDJSON for the agency, computes the projections, and is idempotent on a rerun", async () => {
		const test = await testApp();
		const token = await test.tokenFor("agency");
		const body = [
			enrolment("anna", "a1", "kdg"),
			registration("anna", "a2", "a1", 60),
			enrolment("bram", "b1", "ehb"),
		].join("\n");
		const send = () =>
			test.app.request("/api/imports", {
				method: "POST",
				headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
				body,
			});
		const first = await send();
		expect(first.status).toBe(200);
		expect(await first.json()).toMatchObject({ facts: 3, learners: 2, rejected: [] });
		expect(JSON.parse((await test.store.projection("anna"))?.stateJson ?? "{}").balance).toBe(80);
		expect(await (await send()).json()).toMatchObject({ facts: 0, alreadyPresent: 3 });
	});

	it("lists a bad row with its line and writes nothing of its batch", async () => {
		const test = await testApp();
		const token = await test.tokenFor("agency");
		const body = [enrolment("carl", "c1", "kdg"), registration("carl", "c2", "c1", 4.5)].join("\n");
		const answer = await test.app.request("/api/imports", {
			method: "POST",
			headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
			body,
		});
		expect(await answer.json()).toMatchObject({
			facts: 0,
			rejected: [{ line: 2, field: "data.courseUnit.credits", rule: "R3" }],
			rejectedLines: [{ from: 1, to: 2 }],
		});
		expect(await test.store.facts("carl")).toEqual([]);
	});

	it("lets staff import only learners of their own institution", async () => {
		const test = await testApp();
		const token = await test.tokenFor("staff-kdg");
		const body = [enrolment("dirk", "d1", "ehb")].join("\n");
		const answer = await test.app.request("/api/imports", {
			method: "POST",
			headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
			body,
		});
		expect(await answer.json()).toMatchObject({
			facts: 0,
			rejected: [{ line: 1, reason: "staff of kdg enrol learners only at kdg" }],
		});
	});

	it("refuses a body of another type with a problem", async () => {
		const test = await testApp();
		const token = await test.tokenFor("agency");
		const answer = await test.app.request("/api/imports", {
			method: "POST",
			headers: { authorization: `Bearer ${token}`, "content-type": "application/pdf" },
			body: "%PDF",
		});
		expect(answer.status).toBe(415);
		expect(answer.headers.get("content-type")).toBe("application/problem+json");
	});
});
