import { describe, expect, it } from "vitest";
import { InputError, type InputIssue } from "../errors.ts";
import { parameters, policies } from "../law.fixture.ts";
import { computeLeerkrediet } from "./compute-account.ts";
import type { Fact } from "./facts.ts";
import { History } from "./history.fixture.ts";
import { parseFactsFile, parseFactsJson } from "./parse-facts.ts";

function issuesOf(run: () => unknown): InputIssue[] {
	try {
		run();
	} catch (error) {
		if (error instanceof InputError) return [...error.issues];
		throw error;
	}
	throw new Error("expected an InputError, but an answer was computed");
}

const compute = (facts: readonly Fact[]) =>
	computeLeerkrediet(facts, { parameters, policies, at: "2030-01-01" });

function oneUnit() {
	const history = new History();
	const enrolment = history.enrol({ year: 2020 });
	const registration = history.register(enrolment, 2020, { credits: 6 });
	return { history, enrolment, registration };
}

describe("bad facts give a typed error naming the fact, the field and the rule, and no answer", () => {
	it("refuses a result for a course unit never registered (R4)", () => {
		const { history } = oneUnit();
		history.add({
			id: "res",
			type: "ResultRecorded",
			date: "2021-02-03",
			data: { registrationId: "nope", outcome: "passed" },
		});
		expect(issuesOf(() => compute(history.facts))).toEqual([
			expect.objectContaining({
				factId: "res",
				field: "data.registrationId",
				rule: "R4",
				code: "unknown-reference",
			}),
		]);
	});

	it("refuses a reference to a fact of the wrong type (V2)", () => {
		const { history, enrolment } = oneUnit();
		history.add({
			id: "res",
			type: "ResultRecorded",
			date: "2021-02-03",
			data: { registrationId: enrolment, outcome: "passed" },
		});
		expect(issuesOf(() => compute(history.facts))[0]).toMatchObject({
			factId: "res",
			message: expect.stringContaining("LearnerEnrolled"),
		});
	});

	it("refuses a deregistration after the course unit's result (R12)", () => {
		const { history, registration } = oneUnit();
		history.result(registration, "2021-02-03", "failed");
		history.result(registration, "2021-09-02", "passed");
		history.add({
			id: "late",
			type: "CourseUnitDeregistered",
			date: "2021-09-10",
			data: { registrationId: registration },
		});
		expect(issuesOf(() => compute(history.facts))).toEqual([
			expect.objectContaining({
				factId: "late",
				field: "data.registrationId",
				rule: "R12",
				code: "after-result",
			}),
		]);
	});

	it("refuses a deregistration after the exam was taken (R12: deregister before the exams, P-1)", () => {
		const { history, registration } = oneUnit();
		history.add({
			id: "exam",
			type: "ExamTaken",
			date: "2021-01-10",
			data: { registrationId: registration },
		});
		history.deregister(registration, "2021-01-20");
		expect(issuesOf(() => compute(history.facts))[0]).toMatchObject({
			rule: "R12",
			code: "after-exam",
		});
	});

	it("refuses a second final result and a result after a deregistration (V4, R4)", () => {
		const { history, registration } = oneUnit();
		history.deregister(registration, "2020-09-20");
		history.add({
			id: "res",
			type: "ResultRecorded",
			date: "2021-02-03",
			data: { registrationId: registration, outcome: "passed" },
		});
		expect(issuesOf(() => compute(history.facts))[0]).toMatchObject({
			factId: "res",
			rule: "R4",
			code: "after-deregistration",
		});
	});

	it("refuses a fact dated outside its academic year (V1, Codex art. I.3)", () => {
		const { history, registration } = oneUnit();
		history.add({
			id: "res",
			type: "ResultRecorded",
			date: "2022-02-03",
			data: { registrationId: registration, outcome: "passed" },
		});
		expect(issuesOf(() => compute(history.facts))).toEqual([
			expect.objectContaining({
				factId: "res",
				field: "date",
				rule: "V1",
				code: "date-outside-academic-year",
			}),
		]);
	});

	it("refuses a fact that refers to a later fact (V2)", () => {
		const { history, enrolment } = oneUnit();
		history.add({
			id: "early",
			type: "CourseUnitRegistered",
			date: "2020-09-01",
			data: {
				enrolmentId: enrolment,
				courseUnit: { credits: 3 },
				period: "year",
				periodStartDate: "2020-09-21",
			},
		});
		expect(issuesOf(() => compute(history.facts))[0]).toMatchObject({
			factId: "early",
			rule: "V2",
			code: "reference-in-the-future",
		});
	});

	it("refuses two facts with one id (V3) and an enrolment at an institution without a policy (V2)", () => {
		const history = new History();
		history.add({
			id: "same",
			type: "LearnerEnrolled",
			date: "2020-09-12",
			data: {
				academicYear: "2020-2021",
				institution: "nowhere",
				programme: { kind: "bachelor" },
				contract: "diploma",
			},
		});
		history.add({
			id: "same",
			type: "LearnerEnrolled",
			date: "2020-09-13",
			data: {
				academicYear: "2020-2021",
				institution: "kdg",
				programme: { kind: "bachelor" },
				contract: "diploma",
			},
		});
		expect(issuesOf(() => compute(history.facts))[0]).toMatchObject({
			factId: "same",
			field: "id",
			rule: "V3",
			code: "duplicate-id",
		});
		const unknown = history.facts.slice(0, 1);
		expect(issuesOf(() => compute(unknown))[0]).toMatchObject({
			factId: "same",
			field: "data.institution",
			code: "unknown-institution",
		});
	});

	it("lists every problem at once", () => {
		const { history, registration } = oneUnit();
		history.add({
			id: "a",
			type: "ResultRecorded",
			date: "2021-02-03",
			data: { registrationId: "x", outcome: "passed" },
		});
		history.add({
			id: "b",
			type: "ResultRecorded",
			date: "2023-02-03",
			data: { registrationId: registration, outcome: "passed" },
		});
		expect(issuesOf(() => compute(history.facts)).map((issue) => issue.factId)).toEqual(["a", "b"]);
	});
});

describe("the facts format refuses malformed facts at the edge, naming the fact, the field and the rule", () => {
	const file = (fact: Record<string, unknown>) => ({ schemaVersion: 1, facts: [fact] });
	const registration = (credits: unknown) =>
		file({
			id: "r1",
			type: "CourseUnitRegistered",
			date: "2020-09-12",
			data: {
				enrolmentId: "e1",
				courseUnit: { credits },
				period: "year",
				periodStartDate: "2020-09-21",
			},
		});
	const enrolment = (data: Record<string, unknown>) =>
		file({
			id: "e1",
			type: "LearnerEnrolled",
			date: "2020-09-12",
			data: {
				academicYear: "2020-2021",
				institution: "kdg",
				programme: { kind: "bachelor" },
				contract: "diploma",
				...data,
			},
		});

	it.each([
		{
			name: "non-integer credits",
			raw: registration(4.5),
			field: "data.courseUnit.credits",
			rule: "R3",
		},
		{
			name: "negative credits",
			raw: registration(-6),
			field: "data.courseUnit.credits",
			rule: "R3",
		},
		{
			name: "credits given as text",
			raw: registration("6"),
			field: "data.courseUnit.credits",
			rule: "R3",
		},
		{
			name: "an unknown contract",
			raw: enrolment({ contract: "lease" }),
			field: "data.contract",
			rule: "R1",
		},
		{
			name: "an unknown programme kind",
			raw: enrolment({ programme: { kind: "kindergarten" } }),
			field: "data.programme.kind",
			rule: "R1",
		},
		{
			name: "an impossible date",
			raw: enrolment({ academicYear: "2020-2022" }),
			field: "data.academicYear",
			rule: "V1",
		},
	])("$name", ({ raw, field, rule }) => {
		expect(issuesOf(() => parseFactsFile(raw))).toEqual([
			expect.objectContaining({ factId: expect.any(String), field, rule }),
		]);
	});

	it("refuses a file that is not JSON, naming the file", () => {
		expect(issuesOf(() => parseFactsJson("{ facts: [", "thomas.json"))).toEqual([
			expect.objectContaining({
				code: "malformed",
				message: expect.stringContaining("thomas.json is not valid JSON"),
			}),
		]);
	});

	it("refuses a file of another format version", () => {
		expect(issuesOf(() => parseFactsFile({ schemaVersion: 2, facts: [] }))[0]).toMatchObject({
			field: "schemaVersion",
		});
	});
});
