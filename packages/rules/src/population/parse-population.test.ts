import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePopulation, populationHeader } from "./parse-population.ts";
import { PopulationError } from "./population-error.ts";

const encode = (text: string) => new TextEncoder().encode(text);
const file = (...lines: string[]) => encode(`${[populationHeader, ...lines].join("\n")}\n`);
const horizon = 2025;

describe("parsePopulation", () => {
	it("reads rows into columns and groups them by learner", () => {
		const columns = parsePopulation(
			file(
				"1,2019,diploma,60,45,",
				"1,2021,credit,9,9,",
				"7,2020,diploma,66,60,bachelor",
				"8,2025,diploma,0,0,master",
			),
			horizon,
		);
		expect([columns.rowCount, columns.learnerCount]).toEqual([4, 3]);
		expect(Array.from(columns.learnerIds.subarray(0, 3))).toEqual([1, 7, 8]);
		expect(Array.from(columns.learnerRowStarts.subarray(0, 4))).toEqual([0, 2, 3, 4]);
		expect(Array.from(columns.years.subarray(0, 4))).toEqual([2019, 2021, 2020, 2025]);
		// Contracts and degrees are indexes into populationContracts and populationDegrees.
		expect(Array.from(columns.contracts.subarray(0, 4))).toEqual([0, 1, 0, 0]);
		expect(Array.from(columns.registered.subarray(0, 4))).toEqual([60, 9, 66, 0]);
		expect(Array.from(columns.earned.subarray(0, 4))).toEqual([45, 9, 60, 0]);
		expect(Array.from(columns.degrees.subarray(0, 4))).toEqual([0, 0, 1, 2]);
	});

	it("takes Windows line ends and a last line without a newline", () => {
		const text = `${populationHeader}\r\n1,2019,diploma,60,45,\r\n2,2020,credit,6,3,`;
		const columns = parsePopulation(encode(text), horizon);
		expect([columns.rowCount, columns.learnerCount]).toEqual([2, 2]);
		expect(columns.earned[1]).toBe(3);
	});

	it("reads a file with only the header as no learners", () => {
		expect(parsePopulation(file(), horizon).learnerCount).toBe(0);
	});

	const bad: { name: string; text: Uint8Array; line: number; reason: RegExp }[] = [
		{
			name: "a header that differs",
			text: encode(
				"learner,academic_year,contract,registered,earned,degree\n1,2019,diploma,6,3,\n",
			),
			line: 1,
			reason: /^the header must be learner_id,academic_year,contract,registered,earned,degree/,
		},
		{
			name: "a non-integer",
			text: file("1,2019,diploma,60,45,", "2,2019,diploma,6.5,3,"),
			line: 3,
			reason: /^registered must be a whole number of at most 3 digits, not "6.5"$/,
		},
		{
			name: "a learner_id that is not a number",
			text: file("x1,2019,diploma,60,45,"),
			line: 2,
			reason: /^learner_id must be a whole number from 1 to 2147483647, not "x1"$/,
		},
		{
			name: "a year that is not 4 digits",
			text: file("1,19,diploma,60,45,"),
			line: 2,
			reason: /^academic_year must be a year of 4 digits, not "19"$/,
		},
		{
			name: "earned more than registered",
			text: file("1,2019,diploma,60,61,"),
			line: 2,
			reason: /^earned 61 is more than registered 60$/,
		},
		{
			name: "years out of order",
			text: file("1,2020,diploma,60,45,", "1,2019,diploma,60,45,"),
			line: 3,
			reason: /^academic year 2019 comes after 2020 for learner 1/,
		},
		{
			name: "two rows for one year",
			text: file("1,2020,diploma,60,45,", "1,2020,credit,6,3,"),
			line: 3,
			reason: /^learner 1 has two rows for academic year 2020$/,
		},
		{
			name: "learners out of order",
			text: file("2,2020,diploma,60,45,", "1,2020,diploma,60,45,"),
			line: 3,
			reason: /^learner 1 comes after learner 2: rows must be grouped by learner/,
		},
		{
			name: "a learner's rows apart",
			text: file("1,2019,diploma,60,45,", "2,2020,diploma,60,45,", "1,2020,diploma,60,45,"),
			line: 4,
			reason: /^learner 1 comes after learner 2/,
		},
		{
			name: "an unknown contract",
			text: file("1,2019,exam,60,45,"),
			line: 2,
			reason: /^contract must be diploma or credit, not "exam"$/,
		},
		{
			name: "an unknown degree",
			text: file("1,2019,diploma,60,45,doctor"),
			line: 2,
			reason: /^degree must be empty, bachelor or master, not "doctor"$/,
		},
		{
			name: "a degree under a credit contract",
			text: file("1,2019,credit,6,6,master"),
			line: 2,
			reason: /^a degree needs a diploma contract$/,
		},
		{
			name: "a year after the horizon",
			text: file("1,2026,diploma,60,45,"),
			line: 2,
			reason: /^academic year 2026 is after the horizon 2025$/,
		},
		{
			name: "too few fields",
			text: file("1,2019,diploma,60,45"),
			line: 2,
			reason: /^the line has 5 fields, not 6$/,
		},
		{
			name: "too many fields",
			text: file("1,2019,diploma,60,45,,"),
			line: 2,
			reason: /^the line has 7 fields, not 6$/,
		},
		{
			name: "an empty line",
			text: file("1,2019,diploma,60,45,", "", "2,2019,diploma,60,45,"),
			line: 3,
			reason: /^the line is empty$/,
		},
	];

	it.each(bad)("stops at $name, naming the line", ({ text, line, reason }) => {
		const error = catchError(() => parsePopulation(text, horizon));
		expect(error).toBeInstanceOf(PopulationError);
		expect((error as PopulationError).line).toBe(line);
		expect((error as PopulationError).reason).toMatch(reason);
		expect((error as PopulationError).message).toBe(
			`line ${line}: ${(error as PopulationError).reason}`,
		);
	});

	it("reads any line either as the row it spells or as a PopulationError, never otherwise", () => {
		const field = fc.oneof(
			fc.nat({ max: 3000 }).map(String),
			fc.constantFrom("diploma", "credit", "bachelor", "master", "", "2019", "-1", " 1", "1e2"),
			fc.string({ maxLength: 4, unit: fc.constantFrom(..."0123456789abcdeilmoprst,. -\t") }),
		);
		fc.assert(
			fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (fields) => {
				const line = fields.join(",");
				let columns: ReturnType<typeof parsePopulation> | undefined;
				try {
					columns = parsePopulation(file(line), horizon);
				} catch (error) {
					expect(error).toBeInstanceOf(PopulationError);
					return;
				}
				// A line that parses is one the format allows, and it reads back as written.
				const [id, year, contract, registered, earned, degree] = line.split(",");
				expect(columns.rowCount).toBe(1);
				expect(columns.learnerIds[0]).toBe(Number(id));
				expect(columns.years[0]).toBe(Number(year));
				expect(["diploma", "credit"][columns.contracts[0] as number]).toBe(contract);
				expect(columns.registered[0]).toBe(Number(registered));
				expect(columns.earned[0]).toBe(Number(earned));
				expect(["", "bachelor", "master"][columns.degrees[0] as number]).toBe(degree);
			}),
			{ numRuns: 2000 },
		);
	});
});

function catchError(action: () => unknown): unknown {
	try {
		action();
	} catch (error) {
		return error;
	}
	throw new Error("expected an error");
}
