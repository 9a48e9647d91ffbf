import { execFile } from "node:child_process";
import {
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	statSync,
	writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../run.ts";

// These tests run the built command (`npm test` builds before it tests), because the worker
// threads load the compiled worker file.
const root = join(new URL(".", import.meta.url).pathname, "..", "..", "..", "..");
const main = join(root, "packages", "cli", "dist", "main.js");
const generator = join(root, "bench", "gen-population.mjs");
const reform = join(root, "reforms", "rebuild-every-year-not-enrolled.yaml");
const folder = mkdtempSync(join(tmpdir(), "rugzak-simulate-"));
// The law cache of these runs, apart from the user's.
const cacheFolder = join(folder, "cache");
const header = "learner_id,academic_year,contract,registered,earned,degree";

async function rugzak(...args: string[]) {
	return rugzakWith({ RUGZAK_CACHE_DIR: cacheFolder }, ...args);
}

async function rugzakWith(env: Record<string, string>, ...args: string[]) {
	try {
		const { stdout, stderr } = await promisify(execFile)(process.execPath, [main, ...args], {
			maxBuffer: 1 << 26,
			env: { ...process.env, ...env },
		});
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

function population(name: string, lines: readonly string[]): string {
	const path = join(folder, name);
	writeFileSync(path, `${[header, ...lines].join("\n")}\n`);
	return path;
}

const generated = join(folder, "population-100k-seed-1.csv");

beforeAll(async () => {
	expect(existsSync(main), "build rugzak first: npm run build").toBe(true);
	await promisify(execFile)(process.execPath, [
		generator,
		...["--learners", "100000", "--seed", "1", "--out", generated],
	]);
});

// The figures for the generator's 100,000 learners of seed 1 were worked out with a separate
// throwaway implementation of the rules on the yearly totals (the issue that asked for this command).
describe("rugzak simulate on 100,000 learners of bench/gen-population.mjs --seed 1", () => {
	it.concurrent("gives learners 100000, sum 7851592, checksum 1969967650 under the law", async () => {
		const { code, stdout, stderr } = await rugzak("simulate", generated, "--json");
		expect([code, stderr]).toEqual([0, ""]);
		const summary = JSON.parse(stdout);
		expect(summary).toMatchObject({
			schemaVersion: 1,
			horizon: "2025-2026",
			reform: null,
			learners: 100000,
			sumOfFinalBalances: 7851592,
			checksum: 1969967650,
		});
		expect(summary.baseline).toBeUndefined();
		const bucketed = summary.finalBalances.buckets.reduce(
			(sum: number, bucket: { learners: number }) => sum + bucket.learners,
			0,
		);
		expect(bucketed).toBe(100000);
		// The generator starts learners from 2013 (the horizon minus 12) on.
		expect(summary.years[0].academicYear).toBe("2013-2014");
		expect(summary.years.at(-1)).toMatchObject({ academicYear: "2025-2026", learners: 100000 });
	});

	it.concurrent("gives sum 7945553, checksum 2446690917 under the reform, beside the baseline", async () => {
		const { code, stdout } = await rugzak("simulate", generated, "--reform", reform, "--json");
		expect(code).toBe(0);
		const summary = JSON.parse(stdout);
		// The reform is named after its file.
		expect(summary.reform).toMatch(/rebuild-every-year-not-enrolled$/);
		expect(summary).toMatchObject({
			learners: 100000,
			sumOfFinalBalances: 7945553,
			checksum: 2446690917,
			baseline: { learners: 100000, sumOfFinalBalances: 7851592, checksum: 1969967650 },
			difference: { sumOfFinalBalances: 7945553 - 7851592 },
		});
		const { learnersGaining, learnersLosing, learnersUnchanged } = summary.difference;
		expect(learnersGaining + learnersLosing + learnersUnchanged).toBe(100000);
		expect(summary.difference.creditsGained - summary.difference.creditsLost).toBe(93961);
	});

	it.concurrent("gives the same summary in one thread and in three", async () => {
		const [one, three] = await Promise.all([
			rugzak("simulate", generated, "--json", "--threads", "1"),
			rugzak("simulate", generated, "--json", "--threads", "3"),
		]);
		expect(JSON.parse(three.stdout)).toEqual(JSON.parse(one.stdout));
		expect(JSON.parse(one.stdout).checksum).toBe(1969967650);
	});
});

describe("rugzak simulate's law cache", () => {
	const seedOneUnderReform = {
		learners: 100000,
		sumOfFinalBalances: 7945553,
		checksum: 2446690917,
	};
	const laws = (cache: string) => readdirSync(cache).filter((name) => name.endsWith(".json"));
	const underReform = (cache: string, reformFile = reform) =>
		rugzakWith(
			{ RUGZAK_CACHE_DIR: cache },
			"simulate",
			generated,
			"--reform",
			reformFile,
			"--json",
		);

	it("keeps the loaded law, reads it back, and ignores an entry that is not a law", async () => {
		const cache = join(folder, "own-cache");
		const first = await underReform(cache);
		expect(JSON.parse(first.stdout)).toMatchObject(seedOneUnderReform);
		const [entry] = laws(cache);
		expect(laws(cache)).toHaveLength(1);
		const path = join(cache, entry as string);
		expect(statSync(path).mode & 0o777).toBe(0o600);
		const again = await underReform(cache);
		expect(again.stdout).toBe(first.stdout);
		writeFileSync(path, JSON.stringify({ baseline: { firstYear: 2008 } }));
		const damaged = await underReform(cache);
		expect(damaged.stdout).toBe(first.stdout);
	});

	it("loads a reform again when its file changes, and reports what is wrong with it", async () => {
		const cache = join(folder, "changing-cache");
		const changing = join(folder, "changing-reform.yaml");
		writeFileSync(changing, readFileSync(reform));
		const good = await underReform(cache, changing);
		expect(JSON.parse(good.stdout)).toMatchObject(seedOneUnderReform);
		writeFileSync(changing, `${readFileSync(reform, "utf8")}\nparameters: [not, a, map]\n`);
		const bad = await underReform(cache, changing);
		expect(bad.code).toBe(1);
		expect(bad.stdout).toBe("");
		expect(bad.stderr).toContain("changing-reform.yaml");
		expect(laws(cache)).toHaveLength(1);
	});

	it("keeps nothing when RUGZAK_CACHE_DIR is empty", async () => {
		const { stdout } = await rugzakWith(
			{ RUGZAK_CACHE_DIR: "", HOME: join(folder, "home"), XDG_CACHE_HOME: "" },
			"simulate",
			generated,
			"--json",
		);
		expect(JSON.parse(stdout)).toMatchObject({ learners: 100000, sumOfFinalBalances: 7851592 });
		expect(existsSync(join(folder, "home"))).toBe(false);
	});
});

describe("rugzak simulate --out", () => {
	it("writes each learner's final balance and balance per year, the baseline beside a reform", async () => {
		// Thomas (W2) and a learner who stops below 60 in 2017 (R18 case S).
		const path = population("out.csv", [
			"1,2016,diploma,60,36,",
			"1,2017,diploma,63,42,",
			"1,2018,diploma,60,45,",
			"1,2019,diploma,57,57,",
			"2,2017,diploma,100,0,",
		]);
		const out = join(folder, "learners.csv");
		const args = ["simulate", path, "--until", "2019", "--out", out, "--reform", reform, "--json"];
		const { code } = await rugzak(...args);
		expect(code).toBe(0);
		const [head, ...rows] = readFileSync(out, "utf8").trimEnd().split("\n");
		const years = Array.from({ length: 12 }, (_, i) => 2008 + i);
		expect(head).toBe(
			[
				"learner_id,final_balance,baseline_final_balance,difference",
				...years.map((year) => `balance_${year}`),
				...years.map((year) => `baseline_balance_${year}`),
			].join(","),
		);
		// Years before a learner's first row are empty: 2008 to 2015 for learner 1, to 2016 for 2.
		const before = (count: number) => Array(count).fill("");
		expect(rows).toEqual([
			["1,140,140,0", ...before(8), "152,155,140,140", ...before(8), "152,155,140,140"].join(","),
			// The reform adds 10 from 2018 on; the law waits a year and adds 10 in 2019.
			["2,60,50,10", ...before(9), "40,50,60", ...before(9), "40,40,50"].join(","),
		]);
	});
});

describe("rugzak simulate --threads 1, in this process", () => {
	async function inProcess(args: string[], stderrIsTerminal: boolean) {
		let stdout = "";
		let stderr = "";
		const code = await run(["simulate", ...args, "--threads", "1"], {
			stdout: { write: (text: string) => (stdout += text) },
			stderr: { write: (text: string) => (stderr += text), isTTY: stderrIsTerminal },
			today: () => "2026-11-22",
			env: {},
		});
		return { code, stdout, stderr };
	}

	it("draws a progress bar on a terminal and clears it, but not with --json", async () => {
		const path = population("progress.csv", ["1,2019,diploma,60,45,", "2,2020,credit,6,6,"]);
		const text = await inProcess([path], true);
		expect(text.code).toBe(0);
		expect(text.stderr).toMatch(/^\rsimulating [█░]{30} \d+%/);
		expect(text.stderr.endsWith("\r\x1b[K")).toBe(true);
		expect(text.stdout).toMatch(
			/^Population .*progress\.csv, up to 2025-2026, under the law as shipped/,
		);
		const json = await inProcess([path, "--json"], true);
		expect([json.code, json.stderr]).toEqual([0, ""]);
	});

	it("summarises a file with only the header as no learners, and --out as the header alone", async () => {
		const path = population("header-only.csv", []);
		const out = join(folder, "header-only.out.csv");
		const { code, stdout } = await inProcess([path, "--json", "--out", out], false);
		expect(code).toBe(0);
		expect(JSON.parse(stdout)).toMatchObject({ learners: 0, sumOfFinalBalances: 0, checksum: 0 });
		expect(readFileSync(out, "utf8")).toMatch(
			/^learner_id,final_balance,balance_2008,.*,balance_2025\n$/,
		);
		// No part of --out is left behind.
		expect(readdirSync(folder).filter((name) => name.startsWith("header-only.out.csv."))).toEqual(
			[],
		);
	});
});

describe("rugzak simulate refuses bad input with the line and the reason, and prints no summary", () => {
	const valid = ["1,2019,diploma,60,45,", "2,2019,credit,6,6,"];
	const cases: [string, string[], string][] = [
		[
			"a header that differs",
			[],
			"line 1: the header must be learner_id,academic_year,contract,registered,earned,degree, not",
		],
		["a non-integer", [...valid, "3,2019,diploma,sixty,0,"], "line 4: registered must be a whole"],
		[
			"earned more than registered",
			["1,2019,diploma,6,9,"],
			"line 2: earned 9 is more than registered 6",
		],
		[
			"years out of order",
			[...valid, "2,2018,credit,6,6,"],
			"line 4: academic year 2018 comes after 2019 for learner 2",
		],
		[
			"an unknown contract",
			["1,2019,exam,6,6,"],
			'line 2: contract must be diploma or credit, not "exam"',
		],
		[
			"an unknown degree",
			[...valid, "3,2019,diploma,60,45,phd"],
			'line 4: degree must be empty, bachelor or master, not "phd"',
		],
		[
			"a year before the law",
			[...valid, "3,2005,diploma,60,45,"],
			"line 4: academic year 2005 is before 2008, the first in which the leerkrediet law is in force",
		],
	];

	it.concurrent.each(cases)("%s", async (name, lines, message) => {
		const path =
			name === "a header that differs"
				? join(folder, "header.csv")
				: population(`${name.replaceAll(" ", "-")}.csv`, lines);
		if (name === "a header that differs") writeFileSync(path, "id,year\n1,2019\n");
		const out = join(folder, `${name.replaceAll(" ", "-")}.out.csv`);
		const { code, stdout, stderr } = await rugzak("simulate", path, "--out", out);
		expect(code).toBe(1);
		expect(stdout).toBe("");
		expect(stderr.startsWith(`invalid-population: ${message}`)).toBe(true);
		expect(stderr.split("\n").length).toBe(2);
		expect(existsSync(out)).toBe(false);
	});

	it.concurrent("numbers the line in the whole file when a later thread finds it", async () => {
		const lines = readFileSync(generated, "utf8").split("\n").slice(1, 200001);
		// The 190,000th row, in the second half of the file: earned beyond registered.
		lines[189999] = lines[189999]?.replace(/,(\d+),(\d+),/, ",$1,999,") as string;
		const path = population("late-error.csv", lines);
		const { code, stderr } = await rugzak("simulate", path, "--threads", "2");
		expect(code).toBe(1);
		expect(stderr).toMatch(
			/^invalid-population: line 190001: earned 999 is more than registered \d+\n$/,
		);
	});

	it.concurrent("finds learners out of order where two threads' parts meet", async () => {
		const lines = readFileSync(generated, "utf8").split("\n").slice(1, 100001);
		const half = lines.findIndex((line) => line.startsWith("10000,"));
		// The second half (learners 10000 on) comes first, then learners 1 to 9999.
		const path = population("swapped.csv", [...lines.slice(half), ...lines.slice(0, half)]);
		const { code, stderr } = await rugzak("simulate", path, "--threads", "2");
		expect(code).toBe(1);
		const line = lines.length - half + 2;
		expect(stderr).toMatch(
			new RegExp(`^invalid-population: line ${line}: learner 1 comes after learner \\d+`),
		);
	});

	it.concurrent("says which file it cannot read, as a usage error", async () => {
		const { code, stderr } = await rugzak("simulate", join(folder, "missing.csv"));
		expect(code).toBe(2);
		expect(stderr).toMatch(/^usage: cannot read .*missing\.csv: ENOENT\n$/);
	});

	it.concurrent("refuses a horizon that is not a year, as a usage error", async () => {
		const { code, stderr } = await rugzak("simulate", generated, "--until", "next");
		expect(code).toBe(2);
		expect(stderr).toMatch(/^usage: --until must be/);
	});

	it.concurrent("refuses a number of threads that is not 1 to 99, as a usage error", async () => {
		for (const threads of ["0", "1e1", "100", "two"]) {
			const { code, stdout, stderr } = await rugzak("simulate", generated, "--threads", threads);
			expect(code).toBe(2);
			expect(stdout).toBe("");
			expect(stderr).toBe(`usage: --threads must be a whole number from 1 to 99, not ${threads}\n`);
		}
	});
});

describe("rugzak simulate --timings", () => {
	it.skipIf(process.platform !== "linux")(
		"reports the command's own peak memory, not that of the process that started it",
		async () => {
			const path = population("timed.csv", ["1,2019,diploma,60,60,"]);
			// A parent that holds 256 MiB when it starts the command (a benchmark, say).
			const parent = `
				const held = Buffer.alloc(256 << 20, 1);
				const { spawnSync } = require("node:child_process");
				const args = [${JSON.stringify(main)}, "simulate", ${JSON.stringify(path)}, "--json", "--timings"];
				const { stderr } = spawnSync(process.execPath, args, { encoding: "utf8" });
				process.stdout.write(stderr + held.length);
			`;
			const { stdout } = await promisify(execFile)(process.execPath, ["-e", parent], {
				env: { ...process.env, RUGZAK_CACHE_DIR: cacheFolder },
			});
			const timings = JSON.parse(
				(stdout.match(/^timings: (.*)$/m) as RegExpMatchArray)[1] as string,
			);
			expect(timings.maxRssBytes).toBeGreaterThan(8 << 20);
			expect(timings.maxRssBytes).toBeLessThan(256 << 20);
		},
	);
});
