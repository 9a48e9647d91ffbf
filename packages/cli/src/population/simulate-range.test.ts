import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
	createTally,
	mergeTallies,
	PopulationError,
	populationHeader,
	summarizeTally,
} from "@rugzak/rules";
import { loadSimulationLaws } from "@rugzak/store/simulation-law";
import { describe, expect, it } from "vitest";
import { type SimulationLaws, simulateRange } from "./simulate-range.ts";
import { type ByteRange, splitByLearner } from "./split-by-learner.ts";

const folder = mkdtempSync(join(tmpdir(), "rugzak-range-"));
const laws = loadSimulationLaws({ reform: undefined, horizon: 2025 });

function populationFile(lines: readonly string[]): string {
	const path = join(folder, `population-${lines.length}-${Math.random()}.csv`);
	writeFileSync(path, `${[populationHeader, ...lines].join("\n")}\n`);
	return path;
}

/** The pieces, one after the other, as a thread takes them from the front of its region. */
function piecesOf(pieces: readonly ByteRange[]): () => ByteRange | undefined {
	let next = 0;
	return () => pieces[next++];
}

function taskOf(path: string, pieces: readonly ByteRange[], chunkBytes: number) {
	return { path, start: pieces[0]?.start as number, horizon: 2025, chunkBytes, outPath: undefined };
}

function simulateFile(
	path: string,
	options: { parts: number; chunkBytes: number; laws?: SimulationLaws },
) {
	const tallies = splitByLearner(path, options.parts).map((range) =>
		simulateRange(taskOf(path, [range], options.chunkBytes), {
			nextPiece: piecesOf([range]),
			takeLaws: () => options.laws ?? laws,
			progress: () => undefined,
		}),
	);
	const total = createTally(laws.baseline);
	for (const result of tallies) mergeTallies(total, result.baseline);
	return { results: tallies, total: summarizeTally(total, laws.baseline, 1) };
}

// Learners of 1 to 5 rows, some with gaps, some stopping early; learner_id ascends.
const lines = Array.from({ length: 300 }, (_, i) =>
	Array.from({ length: 1 + (i % 5) }, (_, j) =>
		j % 3 === 2
			? ""
			: `${i + 1},${2013 + 2 * j + (i % 3)},${i % 7 ? "diploma" : "credit"},${30 + (i % 40)},${(i * 7) % 30},`,
	).filter((line) => line !== ""),
).flat();

describe("simulateRange", () => {
	it("gives the same tally whatever the chunks and parts a file is read in", () => {
		const path = populationFile(lines);
		const whole = simulateFile(path, { parts: 1, chunkBytes: 1 << 20 }).total;
		expect(whole.learners).toBe(300);
		expect(whole.learnerYears).toBe(lines.length);
		// Chunks of 64 bytes end inside almost every learner; 7 parts cut between learners.
		for (const [parts, chunkBytes] of [
			[1, 64],
			[7, 64],
			[3, 100],
		] as const) {
			expect(simulateFile(path, { parts, chunkBytes }).total).toEqual(whole);
		}
	});

	it("reads a range that grows piece by piece as one range", () => {
		const path = populationFile(lines);
		const pieces = splitByLearner(path, 9);
		const result = simulateRange(taskOf(path, pieces, 100), {
			nextPiece: piecesOf(pieces),
			takeLaws: () => laws,
			progress: () => undefined,
		});
		expect(result.range).toEqual({ start: pieces[0]?.start, end: pieces.at(-1)?.end });
		expect(result.lines).toBe(lines.length);
		const whole = simulateFile(path, { parts: 1, chunkBytes: 1 << 20 }).total;
		expect(summarizeTally(result.baseline, laws.baseline, 1)).toEqual(whole);
	});

	it("counts the lines of its range and names its first and last learner", () => {
		const path = populationFile(lines);
		const { results } = simulateFile(path, { parts: 3, chunkBytes: 128 });
		expect(results.reduce((sum, result) => sum + result.lines, 0)).toBe(lines.length);
		expect(results[0]?.firstLearnerId).toBe(1);
		expect(results.at(-1)?.lastLearnerId).toBe(300);
		for (let i = 1; i < results.length; i++) {
			expect(results[i]?.firstLearnerId).toBe((results[i - 1]?.lastLearnerId as number) + 1);
		}
	});

	it("numbers a bad line from the start of its range, whatever the chunk", () => {
		const path = populationFile([
			...lines.slice(0, 40),
			"41,2020,diploma,10,11,",
			...lines.slice(40),
		]);
		for (const chunkBytes of [64, 1 << 20]) {
			expect(() => simulateFile(path, { parts: 1, chunkBytes })).toThrow(
				new PopulationError(41, "earned 11 is more than registered 10"),
			);
		}
	});

	it("refuses a year before the law is in force, naming its line", () => {
		const path = populationFile(["1,2019,diploma,60,45,", "2,2007,diploma,60,45,"]);
		expect(() => simulateFile(path, { parts: 1, chunkBytes: 64 })).toThrow(
			/^line 2: academic year 2007 is before 2008, the first in which the leerkrediet law is in force$/,
		);
	});

	it("refuses a line longer than a chunk", () => {
		const path = populationFile([`1,2019,diploma,60,45,${"x".repeat(100)}`]);
		expect(() => simulateFile(path, { parts: 1, chunkBytes: 64 })).toThrow(
			/^line 1: the line is longer than 64 bytes$/,
		);
	});

	it("waits for laws that arrive late, keeping what it parsed", () => {
		const path = populationFile(lines);
		let asked = 0;
		const pieces = splitByLearner(path, 1);
		const result = simulateRange(taskOf(path, pieces, 64), {
			nextPiece: piecesOf(pieces),
			// The laws come only when the reader has to wait for them.
			takeLaws: (wait) => {
				asked++;
				return wait ? laws : undefined;
			},
			progress: () => undefined,
		});
		expect(asked).toBeGreaterThan(1);
		expect(result.baseline.learners).toBe(300);
	});
});
