import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { computeLeerkrediet, type Fact } from "@rugzak/rules";
import { type EventStore, openStore } from "@rugzak/store";
import { createTestSchema, migratedPgliteDump, testLaw } from "@rugzak/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localToday } from "../io.ts";

// These tests run the built command (npm test builds before it tests), as a user would.
const cli = fileURLToPath(new URL("../../dist/main.js", import.meta.url));
const generator = fileURLToPath(new URL("../../../../bench/generate-facts.mjs", import.meta.url));
const today = localToday();

interface Target {
	/** Environment for the command: which store it uses. */
	readonly env: Record<string, string>;
	readonly args: readonly string[];
	open(): Promise<EventStore>;
	remove(): Promise<void>;
}

async function pgliteTarget(): Promise<Target> {
	const dataDir = mkdtempSync(join(tmpdir(), "rugzak-cli-"));
	const options = { dataDir, law: testLaw(), env: {} };
	// Start from the migrated dump: creating a PGlite database from nothing takes ~5 s.
	await (await openStore({ ...options, loadDataDir: migratedPgliteDump() })).close();
	return {
		env: { DATABASE_URL: "" },
		args: ["--data-dir", dataDir],
		open: () => openStore(options),
		remove: async () => rmSync(dataDir, { recursive: true, force: true }),
	};
}

async function postgresTarget(url: string): Promise<Target> {
	const schema = await createTestSchema(url);
	return {
		env: { DATABASE_URL: schema.url },
		args: [],
		open: () => openStore({ databaseUrl: schema.url, law: testLaw() }),
		remove: () => schema.drop(),
	};
}

function run(args: readonly string[], env: Record<string, string>): ChildProcess {
	return spawn(process.execPath, [cli, ...args], {
		env: { ...process.env, ...env },
		stdio: ["ignore", "pipe", "pipe"],
	});
}

function finished(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
	return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
}

function output(child: ChildProcess): { stdout: string[]; stderr: string[] } {
	const seen = { stdout: [] as string[], stderr: [] as string[] };
	child.stdout?.on("data", (chunk: Buffer) => seen.stdout.push(chunk.toString()));
	child.stderr?.on("data", (chunk: Buffer) => seen.stderr.push(chunk.toString()));
	return seen;
}

/** The file's facts by learner, in file order. */
function factsByLearner(path: string): Map<string, Fact[]> {
	const learners = new Map<string, Fact[]>();
	for (const line of readFileSync(path, "utf8").split("\n")) {
		if (line === "") continue;
		const { learnerId, ...fact } = JSON.parse(line);
		learners.set(learnerId, [...(learners.get(learnerId) ?? []), fact]);
	}
	return learners;
}

const url = process.env["DATABASE_URL"];
const targets: [string, () => Promise<Target>][] = [["PGlite", pgliteTarget]];
if (url) targets.push(["PostgreSQL", () => postgresTarget(url)]);

describe.each(targets)("rugzak import on %s", (_, makeTarget) => {
	let folder: string;
	let target: Target;
	beforeAll(async () => {
		expect(existsSync(cli), `${cli} is missing: run tsc -b (npm test does)`).toBe(true);
		folder = mkdtempSync(join(tmpdir(), "rugzak-import-"));
		target = await makeTarget();
	});
	afterAll(async () => {
		await target.remove();
		rmSync(folder, { recursive: true, force: true });
	});

	it("ends with exactly the file's facts and right projections when killed half-way and run again", async () => {
		const file = join(folder, "population.ndjson");
		execFileSync(process.execPath, [generator, "--learners", "2000", "--seed", "7", "--out", file]);
		const expected = factsByLearner(file);
		const total = [...expected.values()].reduce((sum, facts) => sum + facts.length, 0);
		const args = ["import", file, "--progress", "lines", "--batch-size", "1000", ...target.args];

		const first = run(args, target.env);
		let progressAtKill = "";
		first.stderr?.on("data", (chunk: Buffer) => {
			const line = /progress: (\d+)% (\d+) facts written/.exec(chunk.toString());
			if (line && Number(line[2]) > 0 && progressAtKill === "") {
				progressAtKill = line[0];
				first.kill("SIGKILL");
			}
		});
		expect(await finished(first)).toEqual({ code: null, signal: "SIGKILL" });
		// Killed with facts written and the file not done: a real half-way stop.
		expect(progressAtKill).not.toMatch(/100%/);

		const second = run(args, target.env);
		const seen = output(second);
		expect(await finished(second)).toEqual({ code: 0, signal: null });
		const summary = /imported (\d+) facts .*; (\d+) already present, 0 rows not written/.exec(
			seen.stdout.join(""),
		);
		expect(Number(summary?.[2])).toBeGreaterThan(0);
		expect(Number(summary?.[1]) + Number(summary?.[2])).toBe(total);

		const rebuild = run(["projections", "rebuild", ...target.args], target.env);
		const rebuilt = output(rebuild);
		expect(await finished(rebuild)).toEqual({ code: 0, signal: null });
		expect(rebuilt.stdout.join("")).toBe(`rebuilt the projections of ${expected.size} learners\n`);

		const store = await target.open();
		try {
			for (const [learnerId, facts] of expected) {
				const log = await store.readLog(learnerId);
				expect(log.facts.map((stored) => stored.fact)).toEqual(facts);
				const projection = await store.readLeerkrediet(learnerId);
				const { parameters, policies } = testLaw();
				const account = computeLeerkrediet(facts, { parameters, policies, at: today });
				expect(projection).toMatchObject({ version: facts.length, balance: account.state.balance });
			}
		} finally {
			await store.close();
		}
	}, 120_000);

	it("reports bad rows by line and reason, writes nothing of their batch, and exits 1", async () => {
		const file = join(folder, "bad.csv");
		const rows = [
			"learner_id,fact_id,type,date,academic_year,institution,programme_kind,contract,enrolment_id,credits,period,period_start_date",
			"b1,e1,LearnerEnrolled,2020-09-20,2020-2021,kdg,bachelor,diploma,,,,",
			"b1,r1,CourseUnitRegistered,2020-09-21,,,,,e1,sixty,semester-1,2020-09-28",
			"b1,r2,CourseUnitRegistered,2020-09-21,,,,,e9,6,semester-1,2020-09-28",
		];
		writeFileSync(file, `${rows.join("\n")}\n`);
		const child = run(["import", file, ...target.args], target.env);
		const seen = output(child);
		expect(await finished(child)).toEqual({ code: 1, signal: null });
		const errors = seen.stderr.join("");
		expect(errors).toContain(
			"invalid-input: line 3: r1 data.courseUnit.credits: credits must be a number [R3, invalid-value]",
		);
		expect(errors).toContain("batch-rejected: nothing of lines 2-4 was written");
		expect(seen.stdout.join("")).toMatch(/imported 0 facts .* 3 rows not written/);
	}, 60_000);
});

describe("rugzak import on the command line", () => {
	it("refuses a file whose format it cannot tell, with exit code 2", async () => {
		const child = run(["import", "facts.txt"], {});
		const seen = output(child);
		expect(await finished(child)).toEqual({ code: 2, signal: null });
		expect(seen.stderr.join("")).toContain("usage: cannot tell the format of facts.txt");
	});
});
