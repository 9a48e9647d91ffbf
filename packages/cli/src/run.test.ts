import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { factsJsonSchema } from "./commands/schema.ts";
import { run } from "./run.ts";

const root = join(new URL(".", import.meta.url).pathname, "..", "..", "..");
const example = (name: string) => join(root, "examples", "leerkrediet", name);

async function rugzak(...args: string[]) {
	let stdout = "";
	let stderr = "";
	const code = await run(args, {
		stdout: { write: (text: string) => (stdout += text) },
		stderr: { write: (text: string) => (stderr += text) },
		today: () => "2026-11-22",
		env: {},
	});
	return { code, stdout, stderr };
}

describe("rugzak leerkrediet statement", () => {
	it("prints Thomas's years as in source document 001 (152, 155, 140, 140) with the ledger in JSON", async () => {
		const { code, stdout } = await rugzak(
			"leerkrediet",
			"statement",
			example("thomas.json"),
			"--json",
		);
		expect(code).toBe(0);
		const document = JSON.parse(stdout);
		expect(document.years.map((year: { end: number }) => year.end)).toEqual([152, 155, 140, 140]);
		expect(document.years[0]).toEqual({
			academicYear: "2016-2017",
			start: 140,
			invested: -60,
			earned: 36,
			bonus: 36,
			refunded: 0,
			deducted: 0,
			rebuilt: 0,
			end: 152,
		});
		for (const line of document.ledger) {
			expect(line.rule).toMatch(/^R\d+$/);
			expect(line.sources[0].url).toMatch(/^https?:\/\//);
			expect(line.text.nl).not.toBe("");
		}
	});

	it("shows Mary's +60 earned back every year, which the source table leaves out (W1)", async () => {
		const { stdout } = await rugzak(
			"leerkrediet",
			"statement",
			example("mary.json"),
			"--lang",
			"en",
		);
		expect(stdout).toMatch(/Earned back\s+\+60\s+\+60\s+\+60/);
		expect(stdout).toMatch(/Balance\s+200\s+200\s+200/);
	});

	it("speaks Dutch with --lang nl", async () => {
		const { stdout } = await rugzak(
			"leerkrediet",
			"statement",
			example("thomas.json"),
			"--lang",
			"nl",
		);
		expect(stdout).toContain("Academiejaar");
		expect(stdout).toContain("Teruggewonnen");
	});

	it("applies a reform file and shows the account as it was on a date", async () => {
		const { stdout } = await rugzak(
			"leerkrediet",
			"statement",
			example("thomas.json"),
			"--at",
			"2017-08-31",
			"--reform",
			join(root, "reforms", "rebuild-every-year-not-enrolled.yaml"),
			"--json",
		);
		const document = JSON.parse(stdout);
		expect(document.reform).toBe("rebuild-every-year-not-enrolled");
		expect(document.state.balance).toBe(152);
	});
});

describe("rugzak leerkrediet check and what-if", () => {
	it("decides a first master after Thomas's bachelor, with the 2020-21 tuition of € 947.20", async () => {
		const { code, stdout } = await rugzak(
			"leerkrediet",
			"check",
			example("thomas.json"),
			"--credits",
			"60",
			"--programme",
			"master",
			"--contract",
			"diploma",
			"--date",
			"2020-09-14",
			"--json",
		);
		expect(code).toBe(0);
		const { decision } = JSON.parse(stdout);
		expect(decision).toMatchObject({
			category: "sufficient",
			balanceBefore: 140,
			balanceAfter: 80,
		});
		expect(decision.tuition.totalCents).toBe(94720);
	});

	it("answers what a planned year would do without changing the facts", async () => {
		const { stdout } = await rugzak(
			"leerkrediet",
			"what-if",
			example("thomas.json"),
			"--plan",
			"2020-2021:60:45",
			"--json",
		);
		const answer = JSON.parse(stdout);
		expect(answer.before.state.balance).toBe(140);
		expect(answer.after.state.balance).toBe(140 - 60 + 45);
	});
});

describe("bad input and bad command lines", () => {
	const folder = mkdtempSync(join(tmpdir(), "rugzak-cli-"));

	it("reports every bad fact on stderr, prints nothing else and exits 1", async () => {
		const file = join(folder, "bad.json");
		const facts = JSON.parse(readFileSync(example("mary.json"), "utf8"));
		facts.facts[1].data.courseUnit.credits = 4.5;
		facts.facts[0].data.contract = "lease";
		writeFileSync(file, JSON.stringify(facts));
		const { code, stdout, stderr } = await rugzak("leerkrediet", "statement", file);
		expect(code).toBe(1);
		expect(stdout).toBe("");
		expect(stderr).toContain("invalid-input: e1 data.contract:");
		expect(stderr).toMatch(/r2 data\.courseUnit\.credits: credits must be a whole number \[R3/);
	});

	it("reports a file that is not JSON", async () => {
		const file = join(folder, "broken.json");
		writeFileSync(file, "{ not json");
		const { code, stderr } = await rugzak("leerkrediet", "statement", file);
		expect(code).toBe(1);
		expect(stderr).toContain("is not valid JSON");
	});

	it.each([
		[["leerkrediet", "statement"]],
		[["leerkrediet", "statement", "missing.json"]],
		[["leerkrediet", "check", "x.json", "--credits", "six"]],
		[["leerkrediet", "statement", "x.json", "--bogus"]],
		[["leerkrediet", "statement", "x.json", "--at", "2020-02-30"]],
		[["frobnicate"]],
		[["serve", "--port", "abc"]],
		[["serve", "--demo-learners", "-1"]],
		[["serve", "--bogus"]],
		[["serve", "--idempotency-key-hours", "0"]],
		// More than a year (8784 hours), the store's limit.
		[["serve", "--idempotency-key-hours", "8785"]],
	])("exits 2 for %j", async (args) => {
		const { code, stdout } = await rugzak(...args);
		expect(code).toBe(2);
		expect(stdout).toBe("");
	});
});

describe("the published JSON Schema of the facts format", () => {
	it("is the one the code generates (run `npm run schema` after changing the format)", () => {
		const published = JSON.parse(
			readFileSync(join(root, "docs", "schema", "leerkrediet-facts.v1.json"), "utf8"),
		);
		expect(published).toEqual(factsJsonSchema());
	});

	it("accepts every example with a standard JSON Schema validator and refuses a bad fact", () => {
		const ajv = new Ajv2020({ allErrors: true, strict: false });
		addFormats.default(ajv);
		const validate = ajv.compile(factsJsonSchema());
		for (const name of ["mary.json", "thomas.json", "w3-vives.json", "w6-master.json"]) {
			expect(validate(JSON.parse(readFileSync(example(name), "utf8"))), name).toBe(true);
		}
		const bad = JSON.parse(readFileSync(example("mary.json"), "utf8"));
		bad.facts[1].data.courseUnit.credits = -3;
		expect(validate(bad)).toBe(false);
	});
});
