import fc from "fast-check";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a build script in plain JavaScript, without types
import { staleModules } from "../../scripts/compile-wasm.mjs";
import {
	type PopulationParseState,
	parsePopulationLines,
	startPopulationParse,
} from "./parse-population.ts";
import { createPopulationColumns, type PopulationColumns } from "./population-columns.ts";
import { PopulationError } from "./population-error.ts";
import { createPopulationParser, populationParserFits } from "./population-parser.ts";

const encode = (text: string) => new TextEncoder().encode(text);
const horizon = 2025;

/** What parsing `lines` gives: the columns and state, or the error. */
type Outcome =
	| { readonly columns: PopulationColumns; readonly state: PopulationParseState }
	| { readonly error: { line: number; reason: string } };

/** Parses with the parser in TypeScript alone: the definition of the format. */
function definition(bytes: Uint8Array): Outcome {
	const columns = createPopulationColumns(bytes.length);
	const state = startPopulationParse(1);
	return outcome(
		() => parsePopulationLines(bytes, { start: 0, end: bytes.length }, columns, state, horizon),
		{ columns, state },
	);
}

/** Parses with the WebAssembly parser, in chunks of `chunk` bytes cut at newlines. */
function fast(bytes: Uint8Array, chunk = bytes.length): Outcome & { readonly slowLines: number } {
	const parser = createPopulationParser({ inputBytes: bytes.length, rowCapacity: bytes.length });
	parser.input.set(bytes);
	const state = startPopulationParse(1);
	const result = outcome(
		() => {
			for (let start = 0; start < bytes.length; ) {
				let end = Math.min(bytes.length, start + chunk);
				end = parser.input.lastIndexOf(10, end - 1) + 1 || bytes.length;
				if (end <= start) end = bytes.length;
				parser.parseLines({ start, end }, state, horizon);
				start = end;
			}
		},
		{ columns: parser.columns, state },
	);
	return { ...result, slowLines: parser.slowLines };
}

function outcome(
	parse: () => void,
	parsed: { columns: PopulationColumns; state: PopulationParseState },
): Outcome {
	try {
		parse();
		return parsed;
	} catch (error) {
		if (!(error instanceof PopulationError)) throw error;
		return { error: { line: error.line, reason: error.reason } };
	}
}

/** The parts of an outcome that must be equal: the rows and learners parsed, and the state. */
function comparable(result: Outcome) {
	if ("error" in result) return result.error;
	const { columns, state } = result;
	const rows = columns.rowCount;
	const learners = columns.learnerCount;
	return {
		rows,
		learners,
		learnerIds: Array.from(columns.learnerIds.subarray(0, learners)),
		learnerRowStarts: Array.from(columns.learnerRowStarts.subarray(0, learners + 1)),
		years: Array.from(columns.years.subarray(0, rows)),
		contracts: Array.from(columns.contracts.subarray(0, rows)),
		registered: Array.from(columns.registered.subarray(0, rows)),
		earned: Array.from(columns.earned.subarray(0, rows)),
		degrees: Array.from(columns.degrees.subarray(0, rows)),
		state: { ...state },
	};
}

describe("the WebAssembly population parser", () => {
	it("is built from its source (npm run build:wasm -w @rugzak/rules)", async () => {
		expect(await staleModules()).toEqual([]);
	});

	it("reads plain lines itself, to the same columns as the parser in TypeScript", () => {
		const lines = [
			"1,2019,diploma,60,45,",
			"1,2021,credit,9,9,",
			"7,2020,diploma,66,60,bachelor",
			"7,2021,diploma,120,0,master",
			"12345678,2013,diploma,0,0,",
			"12345678,2014,credit,999,999,",
			"2147483647,2025,diploma,6,6,master",
		];
		const bytes = encode(`${lines.join("\n")}\n`);
		const result = fast(bytes);
		expect(result.slowLines).toBe(0);
		expect(comparable(result)).toEqual(comparable(definition(bytes)));
		expect(comparable(result)).toMatchObject({
			rows: 7,
			learners: 4,
			years: [2019, 2021, 2020, 2021, 2013, 2014, 2025],
		});
	});

	it("leaves other lines to the parser in TypeScript, which takes them or says why not", () => {
		const bytes = encode("1,2019,diploma,60,45,\r\n01,2020,diploma,6,3,\n2,2020,credit,6,9,\n");
		const result = fast(bytes);
		expect(comparable(result)).toEqual(comparable(definition(bytes)));
		expect(comparable(result)).toEqual({
			line: 4,
			reason: "earned 9 is more than registered 6",
		});
	});

	it("parses any file as the parser in TypeScript does, in any chunks", () => {
		// Rows that are mostly valid (so that files run on), some of them damaged.
		const row = fc.record({
			newLearner: fc.boolean(),
			yearStep: fc.nat({ max: 3 }),
			contract: fc.constantFrom("diploma", "credit"),
			registered: fc.nat({ max: 999 }),
			passed: fc.double({ min: 0, max: 1.05, noNaN: true }),
			degree: fc.constantFrom("", "", "", "bachelor", "master"),
		});
		const same = (line: string) => line;
		const damage = fc.constantFrom(
			(line: string) => `${line}\r`,
			(line: string) => `0${line}`,
			(line: string) => line.replace(",", ",,"),
			(line: string) => line.slice(0, -3),
			(line: string) => line.replace(/,(\d+),/, ",$1.5,"),
			(line: string) => line.replace("diploma", "Diploma"),
			(line: string) => line.replace(/^\d+/, "99999999999"),
			(line: string) => line.replace(/^\d+/, "0"),
			(line: string) => `${line}x`,
			() => "",
		);
		const damaged = fc.oneof({ weight: 30, arbitrary: fc.constant(same) }, damage);
		fc.assert(
			fc.property(
				fc.array(fc.tuple(row, damaged), { maxLength: 40 }),
				fc.integer({ min: 19, max: 300 }),
				(rows, chunk) => {
					let learner = 1;
					let year = 2008;
					const lines = rows.map(([row, damage]) => {
						if (row.newLearner) {
							learner += 1 + row.yearStep * 1_000_000;
							year = 2008 + row.yearStep * 5;
						} else year += row.yearStep;
						const earned = Math.floor(row.registered * row.passed);
						return damage(
							`${learner},${year},${row.contract},${row.registered},${earned},${row.degree}`,
						);
					});
					const bytes = encode(lines.map((line) => `${line}\n`).join(""));
					expect(comparable(fast(bytes, chunk))).toEqual(comparable(definition(bytes)));
				},
			),
			{ numRuns: 3000 },
		);
	});

	it("refuses to be larger than WebAssembly's addresses reach from JavaScript (2 GiB)", () => {
		const large = { inputBytes: 1 << 30, rowCapacity: 1 << 26 };
		expect(populationParserFits(large)).toBe(false);
		expect(() => createPopulationParser(large)).toThrow(RangeError);
		expect(populationParserFits({ inputBytes: 1 << 20, rowCapacity: 1 << 16 })).toBe(true);
	});
});
