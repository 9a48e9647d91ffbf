import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { type TestApp, testApp } from "./app.fixture.ts";

// biome-ignore lint/suspicious/noExplicitAny: test bodies are read by shape
type Body = { [key: string]: any };

const header = "learner_id,academic_year,contract,registered,earned,degree";

/**
 * Four learners whose balances docs/leerkrediet.md's rules give by hand (140 to start, the bonus
 * of 60 on what a diploma contract earns, 140 off at the first master, the rebuild of 10 a year to
 * 60 once two years without enrolment have passed):
 * 1: 2019 140-60+60+60 = 200, 2020 200-60+30 = 170, 2021 170 (above the ceiling);
 * 2: 2018 under a credit contract, no bonus: 140-20+10 = 130, and 130 after;
 * 3: 2015 140-140 = 0, 2016 0 (the first year without enrolment waits), 2017 10 … 2021 50;
 *    under the reform of SEED-001 (no waiting year) 2016 10 … 2021 60;
 * 4: 2019 200, 2020 200-60+60-140 = 60, 2021 60 (at the ceiling).
 */
const smallPopulation = `${header}
1,2019,diploma,60,60,
1,2020,diploma,60,30,bachelor
2,2018,credit,20,10,
3,2015,diploma,140,0,
4,2019,diploma,60,60,
4,2020,diploma,60,60,master
`;
const reformFile = "rebuild-every-year-not-enrolled";

async function agencyOf(test: TestApp) {
	const token = await test.tokenFor("agency");
	const authorization = `Bearer ${token}`;
	const call = async (
		path: string,
		init: { method?: string; body?: string; type?: string } = {},
	) => {
		const response = await test.app.request(path, {
			method: init.method ?? "GET",
			headers: { authorization, "content-type": init.type ?? "application/json" },
			...(init.body === undefined ? {} : { body: init.body }),
		});
		return response;
	};
	const upload = async (csv: string) => {
		const response = await call("/api/populations?name=small.csv", {
			method: "POST",
			body: csv,
			type: "text/csv",
		});
		expect(response.status, await response.clone().text()).toBe(201);
		return ((await response.json()) as Body)["id"] as string;
	};
	const start = (request: object) =>
		call("/api/simulations", { method: "POST", body: JSON.stringify(request) });
	/** Polls the job until it has finished; a bound on the polls keeps a stuck job from hanging the test. */
	const finished = async (id: string): Promise<Body> => {
		for (let poll = 0; poll < 600; poll++) {
			const body = (await (await call(`/api/simulations/${id}`)).json()) as Body;
			if (body["status"] === "done" || body["status"] === "failed") return body;
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
		throw new Error(`simulation ${id} did not finish`);
	};
	const run = async (request: object): Promise<Body> => {
		const response = await start(request);
		expect(response.status, await response.clone().text()).toBe(202);
		return finished(((await response.json()) as Body)["id"]);
	};
	return { call, upload, start, finished, run };
}

describe("population simulations for the agency", async () => {
	const test = await testApp();
	const agency = await agencyOf(test);

	it("lists the shipped reforms with their descriptions, the form's parameters with the law's values, and the default horizon", async () => {
		const response = await agency.call("/api/reforms");
		expect(response.status).toBe(200);
		const body = (await response.json()) as Body;
		expect(body["reforms"]).toEqual([
			expect.objectContaining({
				id: reformFile,
				description: expect.stringMatching(/^The rebuild as source document 001/),
				parameters: expect.arrayContaining(["leerkrediet/rebuild/once"]),
			}),
		]);
		expect(body["parameters"]).toContainEqual(
			expect.objectContaining({
				field: "initial",
				name: "leerkrediet/initial",
				unit: "credits",
				value: 140,
			}),
		);
		expect(body["parameters"]).toContainEqual(
			expect.objectContaining({ field: "rebuildOnce", value: true }),
		);
		// The form starts from the horizon a request without one takes: the demo population's,
		// 2025 (docs/simulation.md, --until).
		expect(body["horizon"]).toBe(2025);
	});

	// The figures for bench/gen-population.mjs --learners 100000 --seed 1; the law's are
	// those of the seed-1 test of packages/rules/src/population.
	it("runs the shipped reform on the demo population: 100,000 learners, the issue's sums and checksums", async () => {
		const job = await agency.run({ population: "demo", reform: { file: reformFile } });
		expect(job).toMatchObject({ status: "done", progress: 1, problem: null });
		expect(job["result"]).toMatchObject({
			schemaVersion: 1,
			population: "demo",
			horizon: "2025-2026",
			reform: reformFile,
			learners: 100000,
			sumOfFinalBalances: 7945553,
			checksum: 2446690917,
			baseline: { learners: 100000, sumOfFinalBalances: 7851592, checksum: 1969967650 },
			difference: { sumOfFinalBalances: 7945553 - 7851592 },
		});
		const rows = await agency.call(job["learnersCsv"]);
		expect(rows.status).toBe(200);
		expect(rows.headers.get("content-type")).toMatch(/^text\/csv/);
		expect(rows.headers.get("content-disposition")).toMatch(/^attachment/);
		const lines = (await rows.text()).trimEnd().split("\n");
		expect(lines).toHaveLength(1 + 100000);
		const columns = (lines[0] ?? "").split(",");
		expect(columns.slice(0, 4)).toEqual([
			"learner_id",
			"final_balance",
			"baseline_final_balance",
			"difference",
		]);
		const sum = (name: string) => {
			const at = columns.indexOf(name);
			return lines.slice(1).reduce((total, line) => total + Number(line.split(",")[at]), 0);
		};
		expect([sum("final_balance"), sum("baseline_final_balance")]).toEqual([7945553, 7851592]);
	});

	it("simulates an uploaded file under the reform, with the figures worked out by hand", async () => {
		const population = await agency.upload(smallPopulation);
		const job = await agency.run({ population, horizon: 2021, reform: { file: reformFile } });
		const result = job["result"] as Body;
		expect(result).toMatchObject({
			population: "small.csv",
			horizon: "2021-2022",
			learners: 4,
			learnerYears: 6,
			sumOfFinalBalances: 170 + 130 + 60 + 60,
			// Σ Math.imul(id, final + 1000): 1×1170 + 2×1130 + 3×1060 + 4×1060
			checksum: 1170 + 2260 + 3180 + 4240,
			rebuildIncrements: 6,
			rebuildCredits: 60,
			difference: { learnersGaining: 1, learnersLosing: 0, creditsGained: 10 },
		});
		expect(result["baseline"]).toMatchObject({
			sumOfFinalBalances: 170 + 130 + 50 + 60,
			checksum: 1170 + 2260 + 3150 + 4240,
			bonusCredits: 120,
			learnersWithBonus: 2,
			masterDeductions: 1,
			masterDeductionCredits: 140,
			rebuildIncrements: 5,
			learnersRebuilt: 1,
			finalBalances: {
				lowest: 50,
				highest: 170,
				bucketWidth: 20,
				buckets: [
					{ from: 40, to: 59, learners: 1 },
					{ from: 60, to: 79, learners: 1 },
					{ from: 80, to: 99, learners: 0 },
					{ from: 100, to: 119, learners: 0 },
					{ from: 120, to: 139, learners: 1 },
					{ from: 140, to: 159, learners: 0 },
					{ from: 160, to: 179, learners: 1 },
				],
			},
		});
		// Learner 3 has no credit left at the end of 2015-2016, and under the law in 2016-2017 too.
		const exhausted = (years: Body[]) =>
			years.map((year) => [year["academicYear"], year["exhausted"]]);
		expect(exhausted(result["baseline"]["years"]).slice(0, 3)).toEqual([
			["2015-2016", 1],
			["2016-2017", 1],
			["2017-2018", 0],
		]);
		expect(exhausted(result["years"]).slice(0, 3)).toEqual([
			["2015-2016", 1],
			["2016-2017", 0],
			["2017-2018", 0],
		]);
		const csv = await (await agency.call(job["learnersCsv"])).text();
		const before2015 = ",".repeat(2015 - 2008);
		expect(csv.split("\n")[3]).toBe(
			`3,60,50,10,${before2015}0,10,20,30,40,50,60,${before2015}0,0,10,20,30,40,50`,
		);
	});

	it("turns the form's parameters into a reform that the reform loader reads", async () => {
		const population = await agency.upload(smallPopulation);
		const job = await agency.run({
			population,
			horizon: 2021,
			reform: { parameters: { initial: 160 } },
		});
		// 20 more at the start: 1 → 190, 2 → 150, 4 → 80; 3 starts at 20 and the rebuild stops at 60.
		expect(job["result"]).toMatchObject({
			reform: "changed-parameters",
			sumOfFinalBalances: 190 + 150 + 60 + 80,
			baseline: { sumOfFinalBalances: 410 },
		});
	});

	it("simulates under the law alone when no reform is given", async () => {
		const population = await agency.upload(smallPopulation);
		const job = await agency.run({ population, horizon: 2021 });
		expect(job["result"]).toMatchObject({ reform: null, sumOfFinalBalances: 410 });
		expect(job["result"]).not.toHaveProperty("baseline");
		const csv = await (await agency.call(job["learnersCsv"])).text();
		expect(csv.split("\n")[0]).toBe(
			`learner_id,final_balance,${Array.from({ length: 14 }, (_, i) => `balance_${2008 + i}`).join(",")}`,
		);
	});

	it("stops at the first bad line of an upload, naming it as rugzak simulate does, with no summary", async () => {
		const population = await agency.upload(
			`${header}\n1,2019,diploma,60,60,\n2,2019,diploma,60,70,\n`,
		);
		const job = await agency.run({ population, reform: { file: reformFile } });
		expect(job).toMatchObject({
			status: "failed",
			result: null,
			learnersCsv: null,
			problem: {
				type: "https://rugzak.dev/problems/invalid-population",
				status: 422,
				detail: "line 3: earned 70 is more than registered 60",
				errors: [{ path: "population", line: 3 }],
			},
		});
		const rows = await agency.call(`/api/simulations/${job["id"]}/learners.csv`);
		expect(rows.status).toBe(422);
		expect(rows.headers.get("content-type")).toBe("application/problem+json");
		expect(((await rows.json()) as Body)["detail"]).toBe(
			"line 3: earned 70 is more than registered 60",
		);
	});

	it("refuses a form value the reform loader refuses, naming the form's field", async () => {
		const response = await agency.start({
			population: "demo",
			reform: { parameters: { bonus: 1.5 } },
		});
		expect(response.status).toBe(422);
		expect(response.headers.get("content-type")).toBe("application/problem+json");
		const problem = (await response.json()) as Body;
		expect(problem["errors"]).toEqual([
			{ path: "reform.parameters.bonus", message: expect.stringMatching(/int/) },
		]);
	});
});

describe("the bounds on simulations", () => {
	it("keeps no more jobs queued or running than the limit, and refuses more with 429", async () => {
		// No job may run, so the first stays queued while the second is asked for.
		const test = await testApp({ simulations: { limits: { jobsRunning: 0, jobsActive: 1 } } });
		const agency = await agencyOf(test);
		const population = await agency.upload(smallPopulation);
		const first = await agency.start({ population, horizon: 2021 });
		expect(first.status).toBe(202);
		expect(await first.json()).toMatchObject({ status: "queued", progress: 0, result: null });
		const second = await agency.start({ population, horizon: 2021 });
		expect(second.status).toBe(429);
		expect(second.headers.get("content-type")).toBe("application/problem+json");
	});

	it("keeps no slot and no file of a refused simulation: with room for one job, the next is accepted", async () => {
		const test = await testApp({ simulations: { limits: { jobsRunning: 0, jobsActive: 1 } } });
		const agency = await agencyOf(test);
		const population = await agency.upload(smallPopulation);
		// The reform loader refuses a negative initial credit in the job's worker, after its folder was made.
		const refused = await agency.start({
			population,
			horizon: 2021,
			reform: { parameters: { initial: -5 } },
		});
		expect(refused.status).toBe(422);
		expect(await refused.json()).toMatchObject({
			type: "https://rugzak.dev/problems/invalid-input",
			status: 422,
			errors: [{ path: "reform.parameters.initial" }],
		});
		const accepted = await agency.start({ population, horizon: 2021 });
		expect(accepted.status, await accepted.clone().text()).toBe(202);
		const id = ((await accepted.json()) as Body)["id"] as string;
		// The service's folder holds the upload and the accepted job's folder: nothing of the refused one.
		const folder = test.simulations.job(id)?.folder ?? "(no job)";
		expect(readdirSync(dirname(folder)).sort()).toEqual([id, `upload-${population}.csv`].sort());
	});

	it("answers 409 for the rows of a job that has not finished", async () => {
		const test = await testApp({ simulations: { limits: { jobsRunning: 0 } } });
		const agency = await agencyOf(test);
		const population = await agency.upload(smallPopulation);
		const queued = (await (await agency.start({ population, horizon: 2021 })).json()) as Body;
		expect(queued["status"]).toBe("queued");
		const rows = await agency.call(`/api/simulations/${queued["id"]}/learners.csv`);
		expect(rows.status).toBe(409);
		expect(rows.headers.get("content-type")).toBe("application/problem+json");
		expect(await rows.json()).toMatchObject({
			type: "https://rugzak.dev/problems/conflict",
			status: 409,
			detail: `Simulation ${queued["id"]} is queued`,
		});
	});

	it("forgets a finished job and its files once it has been kept long enough", async () => {
		let now = 0;
		const test = await testApp({ simulations: { limits: { keptMs: 1000 }, now: () => now } });
		const agency = await agencyOf(test);
		const population = await agency.upload(smallPopulation);
		const started = (await (await agency.start({ population, horizon: 2021 })).json()) as Body;
		const folder = test.simulations.job(started["id"])?.folder ?? "(no job)";
		expect(await agency.finished(started["id"])).toMatchObject({ status: "done" });
		now += 1000;
		expect((await agency.call(`/api/simulations/${started["id"]}`)).status).toBe(200);
		expect(existsSync(folder)).toBe(true);
		now += 1;
		expect((await agency.call(`/api/simulations/${started["id"]}`)).status).toBe(404);
		expect(existsSync(folder)).toBe(false);
		// The upload has gone too.
		expect((await agency.start({ population, horizon: 2021 })).status).toBe(422);
	});

	it("drops an expired upload and its file on its own, with no request coming", async () => {
		const test = await testApp({ simulations: { limits: { keptMs: 200 } } });
		const kept = await test.simulations.upload(
			[new TextEncoder().encode(smallPopulation)],
			"a.csv",
		);
		expect(existsSync(kept.path)).toBe(true);
		// Swept every 200 ms: gone within two rounds; a bound keeps a broken sweep from hanging.
		for (let wait = 0; wait < 100 && existsSync(kept.path); wait++)
			await new Promise((resolve) => setTimeout(resolve, 25));
		expect(existsSync(kept.path)).toBe(false);
	});

	it("removes at start the folders of services whose process has stopped, once untouched past the keep time, and no other", async () => {
		// A process that has run and stopped: its id is no running process's.
		const stopped = spawnSync(process.execPath, ["-e", ""]).pid;
		const folder = (pid: number, name: string, secondsAgo: number) => {
			const path = join(tmpdir(), `rugzak-simulations-${pid}-${name}`);
			mkdirSync(join(path, "job"), { recursive: true });
			writeFileSync(join(path, "job", "learners.csv"), "learner_id\n");
			const then = new Date(Date.now() - secondsAgo * 1000);
			for (const changed of [join(path, "job", "learners.csv"), join(path, "job"), path])
				utimesSync(changed, then, then);
			return path;
		};
		const stale = folder(stopped, "stale", 2 * 60 * 60);
		const recent = folder(stopped, "recent", 10);
		// This test's parent process runs: its folder stays however old.
		const running = folder(process.ppid, "running", 2 * 60 * 60);
		const other = join(tmpdir(), "rugzak-simulations-stale-but-not-named-by-a-process");
		mkdirSync(other, { recursive: true });
		utimesSync(other, new Date(0), new Date(0));
		try {
			await testApp({ simulations: { limits: { keptMs: 60 * 60 * 1000 } } });
			expect([stale, recent, running, other].map(existsSync)).toEqual([false, true, true, true]);
		} finally {
			for (const path of [stale, recent, running, other])
				rmSync(path, { recursive: true, force: true });
		}
	});

	it("refuses an upload over the size limit with 413", async () => {
		const test = await testApp({ simulations: { limits: { uploadBytes: 100 } } });
		const agency = await agencyOf(test);
		const response = await agency.call("/api/populations", {
			method: "POST",
			body: `${header}\n${"1,2019,diploma,60,60,\n".repeat(10)}`,
			type: "text/csv",
		});
		expect(response.status).toBe(413);
		expect(response.headers.get("content-type")).toBe("application/problem+json");
	});

	it("leaves no file of a refused upload, whether its declared length or its bytes are over the limit", async () => {
		const test = await testApp({ simulations: { limits: { uploadBytes: 100 } } });
		const token = await test.tokenFor("agency");
		const tooLong = `${header}\n${"1,2019,diploma,60,60,\n".repeat(10)}`;
		const send = (headers: Record<string, string>) =>
			test.app.request("/api/populations", {
				method: "POST",
				headers: { authorization: `Bearer ${token}`, "content-type": "text/csv", ...headers },
				body: tooLong,
			});
		// Refused before a byte is read, then while the bytes are written.
		for (const headers of [{ "content-length": String(tooLong.length) }, {}]) {
			const response = await send(headers);
			expect(response.status).toBe(413);
			expect(await response.json()).toMatchObject({
				type: "https://rugzak.dev/problems/too-large",
				status: 413,
				errors: [{ path: "body" }],
			});
		}
		// 81 bytes (a header of 58 and a row of 21, each with its newline): within the limit, and the
		// only file kept.
		const kept = await test.simulations.upload(
			[new TextEncoder().encode(`${header}\n1,2019,diploma,60,60,\n`)],
			"one.csv",
		);
		expect(kept.bytes).toBe(81);
		expect(readdirSync(dirname(kept.path))).toEqual([basename(kept.path)]);
	});
});
