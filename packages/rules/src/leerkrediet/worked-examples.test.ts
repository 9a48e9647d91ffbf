import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parameters, policies, repositoryRoot } from "../law.fixture.ts";
import { computeLeerkrediet } from "./compute-account.ts";
import { factsFileSchema } from "./facts.ts";

function account(example: string) {
	const path = join(repositoryRoot, "examples", "leerkrediet", example);
	const file = factsFileSchema.parse(JSON.parse(readFileSync(path, "utf8")));
	return computeLeerkrediet(file.facts, { parameters, policies, at: "2026-11-22" });
}

// Expected rows are the tables of the sources, column by column (start, invested, earned, bonus, end).
describe("the worked examples of the sources", () => {
	it("gives Mary 200, 200, 200 (KdG, source document 001, W1), with the +60 earned back each year", () => {
		const { years } = account("mary.json");
		expect(
			years.map((y) => [y.academicYear, y.start, y.invested, y.earned, y.bonus, y.end]),
		).toEqual([
			["2016-2017", 140, -60, 60, 60, 200],
			["2017-2018", 200, -60, 60, 0, 200],
			["2018-2019", 200, -60, 60, 0, 200],
		]);
	});

	it("gives Thomas 152, 155, 140, 140 (KdG, source document 001, W2)", () => {
		const { years, state } = account("thomas.json");
		expect(
			years.map((y) => [y.academicYear, y.start, y.invested, y.earned, y.bonus, y.end]),
		).toEqual([
			["2016-2017", 140, -60, 36, 36, 152],
			["2017-2018", 152, -63, 42, 24, 155],
			["2018-2019", 155, -60, 45, 0, 140],
			["2019-2020", 140, -57, 57, 0, 140],
		]);
		expect(state.bonusRemaining).toBe(0);
	});

	it("gives 170, 177, 177 for the VIVES example (W3)", () => {
		const { years } = account("w3-vives.json");
		expect(years.map((y) => [y.start, y.invested, y.earned, y.bonus, y.end])).toEqual([
			[140, -60, 45, 45, 170],
			[170, -60, 52, 15, 177],
			[177, -60, 60, 0, 177],
		]);
	});

	it("gives 160 with 20 bonus left after passing 40 of 60 under a diploma contract (UGent, W4)", () => {
		const { years, state } = account("w4-ugent-diploma.json");
		expect(years.map((y) => [y.start, y.invested, y.earned, y.bonus, y.end])).toEqual([
			[140, -60, 40, 40, 160],
		]);
		expect(state.bonusRemaining).toBe(20);
	});

	it("gives 110 and no bonus after passing 30 of 60 under a credit contract (UGent, W4)", () => {
		const { years, state } = account("w4-ugent-credit.json");
		expect(years.map((y) => [y.start, y.invested, y.earned, y.bonus, y.end])).toEqual([
			[140, -60, 30, 0, 110],
		]);
		expect(state.bonusRemaining).toBe(60);
	});

	it("gives 80 + 60 + 60 = 200 for the LUCA example (W5)", () => {
		const { state, ledger } = account("w5-luca.json");
		const afterInvesting = ledger.filter((line) => line.kind === "invested").at(-1);
		expect(afterInvesting?.balanceAfter).toBe(80);
		expect(state.balance).toBe(200);
	});

	it("leaves 60 after a perfect bachelor and the first master (W6)", () => {
		const { years, state } = account("w6-master.json");
		expect(years.map((y) => y.end)).toEqual([200, 200, 200, 60]);
		expect(years[3]?.deducted).toBe(-140);
		expect(state.balance).toBe(60);
		expect(state.firstMasterObtained).toBe(true);
	});
});

describe("every ledger line of every example", () => {
	const examples = readdirSync(join(repositoryRoot, "examples", "leerkrediet")).filter((name) =>
		name.endsWith(".json"),
	);

	it.each(examples)(
		"%s: carries a rule id, a source with a URL and a sentence in Dutch and English",
		(example) => {
			const { ledger } = account(example);
			expect(ledger.length).toBeGreaterThan(0);
			for (const line of ledger) {
				expect(line.rule).toMatch(/^R\d+$/);
				expect(line.sources.length).toBeGreaterThan(0);
				for (const source of line.sources) expect(source.url).toMatch(/^https?:\/\//);
				expect(line.text.nl).toMatch(/\w/);
				expect(line.text.en).toMatch(/\w/);
				expect(line.factIds.length + (line.kind === "rebuilt" ? 1 : 0)).toBeGreaterThan(0);
			}
		},
	);
});
