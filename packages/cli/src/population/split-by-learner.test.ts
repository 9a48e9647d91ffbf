import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PopulationError, populationHeader } from "@rugzak/rules/population";
import { describe, expect, it } from "vitest";
import { splitByLearner } from "./split-by-learner.ts";

const folder = mkdtempSync(join(tmpdir(), "rugzak-split-"));

function populationFile(name: string, text: string): string {
	const path = join(folder, name);
	writeFileSync(path, text);
	return path;
}

// 40 learners with 1 to 4 rows each, so cuts can fall inside a learner's rows.
const rows = Array.from({ length: 40 }, (_, i) =>
	Array.from({ length: 1 + (i % 4) }, (_, j) => `${i + 1},${2015 + j},diploma,60,45,`),
).flat();
const text = `${populationHeader}\n${rows.join("\n")}\n`;

describe("splitByLearner", () => {
	it("cuts after the header into ranges that each start at a learner's first row", () => {
		const path = populationFile("forty.csv", text);
		const ranges = splitByLearner(path, 5);
		expect(ranges.length).toBe(5);
		expect(ranges[0]?.start).toBe(populationHeader.length + 1);
		expect(ranges.at(-1)?.end).toBe(text.length);
		const bytes = readFileSync(path);
		for (const [i, range] of ranges.entries()) {
			if (i > 0) expect(range.start).toBe(ranges[i - 1]?.end);
			const before = bytes.subarray(0, range.start).toString().trimEnd().split("\n").at(-1);
			const first = bytes.subarray(range.start, range.end).toString().split("\n")[0];
			// The line before a cut belongs to another learner than the line after it.
			expect(before?.split(",")[0]).not.toBe(first?.split(",")[0]);
		}
	});

	it("makes fewer ranges than asked when there are fewer learners to cut between", () => {
		const row = "1,2019,diploma,60,45,\n";
		const path = populationFile("one.csv", `${populationHeader}\n${row}`);
		const start = populationHeader.length + 1;
		expect(splitByLearner(path, 4)).toEqual([{ start, end: start + row.length }]);
	});

	it("makes no range for a file with only the header", () => {
		expect(splitByLearner(populationFile("empty.csv", `${populationHeader}\n`), 2)).toEqual([]);
	});

	it("refuses a file whose header differs, at line 1", () => {
		const path = populationFile("bad.csv", "id,year\n1,2019\n");
		expect(() => splitByLearner(path, 2)).toThrow(PopulationError);
		expect(() => splitByLearner(path, 2)).toThrow(/^line 1: the header must be/);
	});
});
