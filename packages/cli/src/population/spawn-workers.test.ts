import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { askedThreads, spawnPopulationWorkers, threadsFor } from "./spawn-workers.ts";

const folder = mkdtempSync(join(tmpdir(), "rugzak-spawn-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("threadsFor", () => {
	it("gives a thread per 4 MiB of file, at least one and at most one per processor, unless asked", () => {
		expect(threadsFor(0, undefined)).toBe(1);
		expect(threadsFor((4 << 20) - 1, undefined)).toBe(1);
		expect(threadsFor(8 << 20, undefined)).toBe(Math.min(2, availableParallelism()));
		expect(threadsFor(2 ** 40, undefined)).toBe(availableParallelism());
		expect(threadsFor(10, 7)).toBe(7);
	});
});

describe("askedThreads", () => {
	it("reads --threads as a whole number from 1 to 99, NaN for anything else", () => {
		expect(askedThreads(undefined)).toBeUndefined();
		expect(askedThreads("1")).toBe(1);
		expect(askedThreads("99")).toBe(99);
		for (const text of ["0", "100", "1e1", "1.5", "-2", " 3", ""]) {
			expect(askedThreads(text)).toBeNaN();
		}
	});
});

describe("spawnPopulationWorkers", () => {
	it("starts none for a command line or a file the command will refuse, or a file one thread reads", () => {
		const small = join(folder, "small.csv");
		writeFileSync(small, "learner_id,academic_year,contract,registered,earned,degree\n");
		for (const args of [
			[],
			[join(folder, "missing.csv")],
			[small, "--threads", "0"],
			[small, "--threads", "1.5"],
			[small, "--bogus"],
			[small],
		]) {
			expect(spawnPopulationWorkers(args)).toEqual([]);
		}
	});
});
