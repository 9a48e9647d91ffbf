import { InputError } from "@rugzak/rules";
import { describe, expect, it } from "vitest";
import { csvRows } from "./csv-rows.ts";

function rows(lines: readonly string[]) {
	const parser = csvRows();
	const found = lines.map((text, i) => parser.row({ line: i + 1, text }));
	return [...found, parser.end()].filter((row) => row !== undefined);
}

describe("CSV rows", () => {
	it("fills each fact field from its column, with numbers, booleans and lists by column", () => {
		const found = rows([
			"learner_id,fact_id,type,date,enrolment_id,credits,course_unit_name,first_partial_track,registration_ids",
			'l1,r1,CourseUnitRegistered,2020-09-21,e1,6,"Statistics, part ""one""",true,',
			"l1,c1,CreditsRestored,2021-02-01,,,,,r1; r2",
		]);
		expect(found).toEqual([
			{
				line: 2,
				learnerId: "l1",
				fact: {
					id: "r1",
					type: "CourseUnitRegistered",
					date: "2020-09-21",
					data: {
						enrolmentId: "e1",
						courseUnit: { credits: 6, name: 'Statistics, part "one"' },
						firstPartialTrack: true,
					},
				},
			},
			{
				line: 3,
				learnerId: "l1",
				fact: {
					id: "c1",
					type: "CreditsRestored",
					date: "2021-02-01",
					data: { registrationIds: ["r1", "r2"] },
				},
			},
		]);
	});

	it("keeps text where a number is expected, so that the schema names the problem", () => {
		const [row] = rows([
			"learner_id,fact_id,type,date,credits",
			"l1,r1,CourseUnitRegistered,2020-09-21,six",
		]);
		expect(row).toMatchObject({ fact: { data: { courseUnit: { credits: "six" } } } });
	});

	it("reads a quoted cell across lines, numbering the row by its first line", () => {
		const found = rows([
			"learner_id,fact_id,type,date,course_unit_name",
			'l1,x1,ExemptionGranted,2020-09-21,"two',
			'lines"',
			"l1,x2,ExemptionGranted,2020-09-21,",
		]);
		expect(found.map((row) => row.line)).toEqual([2, 4]);
		expect(found[0]).toMatchObject({ fact: { data: { courseUnit: { name: "two\nlines" } } } });
	});

	it("reports a row with the wrong number of cells, and a quote never closed, by line", () => {
		const found = rows([
			"learner_id,fact_id,type,date",
			"l1,e1,LearnerEnrolled",
			'l1,e2,"open,2020-09-20',
		]);
		expect(found).toEqual([
			{
				line: 2,
				problem: { field: "(line)", message: "expected 4 cells as in the header, found 3" },
			},
			{ line: 3, problem: { field: "(line)", message: "a quoted cell is never closed" } },
		]);
	});

	it.each([
		["an unknown column", "learner_id,fact_id,type,date,credit", /unknown column credit/],
		["a missing column", "learner_id,fact_id,type", /missing column date/],
		["a repeated column", "learner_id,fact_id,type,date,date", /column date appears twice/],
	])("refuses a header with %s", (_, header, message) => {
		expect(() => rows([header])).toThrow(InputError);
		expect(() => rows([header])).toThrow(message);
	});
});
