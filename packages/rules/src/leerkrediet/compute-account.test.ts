import { describe, expect, it } from "vitest";
import { parameters, policies, reformed } from "../law.fixture.ts";
import { computeLeerkrediet } from "./compute-account.ts";
import type { Fact } from "./facts.ts";
import { History, units } from "./history.fixture.ts";

const at = "2030-12-31";
const compute = (facts: readonly Fact[], options: { at?: string } = {}) =>
	computeLeerkrediet(facts, { parameters, policies, at: options.at ?? at });
const ends = (facts: readonly Fact[]) =>
	compute(facts).years.map((year) => [year.academicYear, year.end]);

describe("R1, R10, R11: which enrolments use leerkrediet (onderwijs.vlaanderen.be; UGent P-8; EhB P-22)", () => {
	it.each([
		{
			name: "an exam contract in a bachelor (R10, SEED-001)",
			kind: "bachelor",
			contract: "exam",
			uses: false,
		},
		{
			name: "a schakelprogramma under diploma contract (R11)",
			kind: "schakelprogramma",
			contract: "diploma",
			uses: false,
		},
		{
			name: "a graduaat under diploma contract (R11, EhB P-22)",
			kind: "graduaat",
			contract: "diploma",
			uses: false,
		},
		{
			name: "a graduaat under credit contract (R1, EhB P-22)",
			kind: "graduaat",
			contract: "credit",
			uses: true,
		},
		{
			name: "a manama under diploma contract (R11)",
			kind: "manama",
			contract: "diploma",
			uses: false,
		},
		{
			name: "a banaba under diploma contract (R11)",
			kind: "banaba",
			contract: "diploma",
			uses: false,
		},
		{
			name: "a micro-credential at KdG, whose policy says none (E12, UAntwerpen P-16)",
			kind: "micro-credential",
			contract: "diploma",
			uses: false,
		},
		{
			name: "an initial master under diploma contract (R1)",
			kind: "master",
			contract: "diploma",
			uses: true,
		},
		{
			name: "a verkorte bachelor under diploma contract (R1)",
			kind: "verkorte-bachelor",
			contract: "diploma",
			uses: true,
		},
		{
			name: "a credit contract for a manama course unit (R1, UGent P-8: every credit contract)",
			kind: "manama",
			contract: "credit",
			uses: true,
		},
	] as const)("$name: uses leerkrediet = $uses", ({ kind, contract, uses }) => {
		const history = new History();
		history.year({ year: 2020, kind, contract, units: [{ credits: 6, outcome: "failed" }] });
		const { state, ledger } = compute(history.facts);
		expect(state.started).toBe(uses);
		expect(state.balance).toBe(uses ? 140 - 6 : 0);
		if (!uses)
			expect(ledger.map((line) => line.rule)).toEqual([contract === "exam" ? "R10" : "R11"]);
	});
});

describe("R2: 140 study credits at the first enrolment that uses leerkrediet (Financieringsdecreet 2008; SEED-000, SEED-001)", () => {
	it("grants 140 once, dated on the first enrolment that uses leerkrediet, after an exam contract that did not", () => {
		const history = new History();
		history.year({ year: 2018, contract: "exam", units: [{ credits: 6 }] });
		history.year({ year: 2019, units: [{ credits: 6, outcome: "failed" }] });
		history.year({ year: 2020, units: [{ credits: 6, outcome: "failed" }] });
		const initial = compute(history.facts).ledger.filter((line) => line.kind === "initial");
		expect(initial.map((line) => [line.date, line.credits])).toEqual([["2019-09-12", 140]]);
	});

	it("does not exist before academic year 2008-2009, when leerkrediet was introduced", () => {
		const history = new History();
		history.year({ year: 2007, units: [{ credits: 6 }] });
		expect(() => compute(history.facts)).toThrow(/before leerkrediet existed/);
	});
});

describe("R3, R4: invested on registration, earned back on a pass (SEED-001; VIVES P-20)", () => {
	it.each([
		{ outcome: "passed", balance: 140 - 6 + 6 + 6 },
		{ outcome: "failed", balance: 134 },
		{ outcome: "tolerated", balance: 134 },
		{ outcome: "deliberated", balance: 134 },
	] as const)(
		"a course unit of 6 credits $outcome leaves $balance (tolerated and deliberated credits are lost, E13)",
		({ outcome, balance }) => {
			const history = new History();
			history.year({ year: 2020, units: [{ credits: 6, outcome }] });
			expect(compute(history.facts).state.balance).toBe(balance);
		},
	);

	it("earns back after the second session a course unit failed in the first (E16)", () => {
		const history = new History();
		const { registrations } = history.year({
			year: 2020,
			units: [{ credits: 6, outcome: "failed" }],
		});
		history.result(registrations[0] as string, "2021-09-03", "passed");
		const { years } = compute(history.facts);
		expect(years[0]).toMatchObject({ invested: -6, earned: 6, bonus: 6, end: 146 });
	});

	it("shows nothing earned before the result is known (--at)", () => {
		const history = new History();
		history.year({ year: 2020, units: [{ credits: 60, outcome: "passed", period: "year" }] });
		expect(compute(history.facts, { at: "2021-01-15" }).state.balance).toBe(80);
	});
});

describe("R5, E8: the bonus on the first 60 credits earned under a diploma contract (UGent P-7, VUB P-12, SEED-001)", () => {
	it("spreads the bonus over years until 60 are earned, as in Thomas's track", () => {
		const history = new History();
		history.year({ year: 2016, units: units(60, 36) });
		history.year({ year: 2017, units: units(63, 42) });
		history.year({ year: 2018, units: units(60, 45) });
		expect(compute(history.facts).years.map((year) => year.bonus)).toEqual([36, 24, 0]);
	});

	it("gives no bonus under a credit contract and keeps the whole bonus for a later diploma contract", () => {
		const history = new History();
		history.year({ year: 2016, contract: "credit", units: units(30, 30) });
		history.year({ year: 2017, units: units(60, 60) });
		const { years } = compute(history.facts);
		expect(years.map((year) => [year.bonus, year.end])).toEqual([
			[0, 140],
			[60, 200],
		]);
	});
});

describe("R6, R7: a bachelor degree changes nothing; the first master takes 140 (P-4; VUB P-12; E2)", () => {
	it("takes 140 at the first initial master, none at a second master or a manama, and the balance may go negative (E10)", () => {
		const history = new History();
		history.year({ year: 2016, units: units(60, 30), degree: true });
		history.year({ year: 2017, kind: "master", units: units(60, 60), degree: true });
		history.year({ year: 2018, kind: "master", units: units(60, 60), degree: true });
		history.year({ year: 2019, kind: "manama", units: units(60, 60), degree: true });
		// The bachelor earned 30 of the bonus; the other 30 come with the master's first credits.
		const { years, ledger } = compute(history.facts, { at: "2020-08-31" });
		expect(years.map((year) => [year.deducted, year.end])).toEqual([
			[0, 140],
			[-140, 140 - 60 + 60 + 30 - 140],
			[0, 30],
			[0, 30],
		]);
		expect(ledger.filter((line) => line.rule === "R6")).toHaveLength(1);
		expect(ledger.filter((line) => line.rule === "R7").map((line) => line.credits)).toEqual([
			-140, 0,
		]);
	});

	it("lets the master deduction take the balance below zero", () => {
		const history = new History();
		history.year({ year: 2016, units: units(60, 0) });
		history.year({ year: 2017, kind: "master", units: units(60, 60), degree: true });
		const { state } = compute(history.facts, { at: "2018-08-31" });
		expect(state.balance).toBe(140 - 60 - 60 + 60 + 60 - 140 - 0);
		history.year({ year: 2018, kind: "master", units: units(30, 0) });
		expect(compute(history.facts, { at: "2019-08-31" }).state.balance).toBe(-30);
	});
});

describe("R8, E14: exemptions are outside leerkrediet (VIVES P-20)", () => {
	it("uses nothing for an exemption and gives back a registered course unit later exempted, without bonus", () => {
		const history = new History();
		const { enrolment, registrations } = history.year({
			year: 2020,
			units: [{ credits: 6, outcome: "exempted" }],
		});
		history.add({
			id: "v1",
			type: "ExemptionGranted",
			date: "2020-09-12",
			data: { enrolmentId: enrolment, courseUnit: { credits: 3 } },
		});
		const { state, ledger } = compute(history.facts);
		expect(state.balance).toBe(140);
		expect(state.bonusRemaining).toBe(60);
		expect(
			ledger.find(
				(line) => line.factIds.includes(registrations[0] as string) && line.kind === "refunded",
			)?.rule,
		).toBe("R8");
	});
});

describe("R20, E9: restoration for force majeure gives credits back without bonus (P-5)", () => {
	it("restores the failed course unit and refuses to restore it twice", () => {
		const history = new History();
		const { registrations } = history.year({
			year: 2020,
			units: [{ credits: 6, outcome: "failed" }],
		});
		const id = registrations[0] as string;
		history.add({
			id: "o1",
			type: "CreditsRestored",
			date: "2022-03-01",
			data: { registrationIds: [id], reason: "overmacht" },
		});
		const { state, years } = compute(history.facts);
		expect(state.balance).toBe(140);
		expect(state.bonusRemaining).toBe(60);
		expect(years.at(-1)).toMatchObject({ academicYear: "2021-2022", refunded: 6 });
		history.add({
			id: "o2",
			type: "CreditsRestored",
			date: "2022-04-01",
			data: { registrationIds: [id], reason: "overmacht" },
		});
		expect(() => compute(history.facts)).toThrow(/already restored/);
	});
});

describe("R18: the once-only automatic rebuild, +10 a year up to 60 (onderwijs.vlaanderen.be P-2)", () => {
	it("case S: after stopping with 20, waits one year without enrolment, then adds 10 a year to 60 and forfeits the bonus", () => {
		const history = new History();
		history.year({ year: 2015, units: units(60, 0) });
		history.year({ year: 2016, units: units(60, 0) });
		history.year({ year: 2017, units: units(21, 3) });
		const { years, state, ledger } = compute(history.facts, { at: "2024-06-30" });
		expect(years.map((year) => [year.academicYear, year.rebuilt, year.end])).toEqual([
			["2015-2016", 0, 80],
			["2016-2017", 0, 20],
			["2017-2018", 0, 5],
			["2018-2019", 0, 5],
			["2019-2020", 10, 15],
			["2020-2021", 10, 25],
			["2021-2022", 10, 35],
			["2022-2023", 10, 45],
			["2023-2024", 10, 55],
		]);
		expect(ledger.find((line) => line.reason.type === "bonus-forfeited")?.reason).toEqual({
			type: "bonus-forfeited",
			forfeited: 57,
		});
		expect(state).toMatchObject({ bonusRemaining: 0, rebuild: "running", rebuildReserve: 5 });
		expect(compute(history.facts, { at: "2025-06-30" }).state.balance).toBe(60);
	});

	it("case M: starts in the year after the first master and never lifts above 60", () => {
		const history = new History();
		history.year({ year: 2016, units: units(60, 0) });
		history.year({ year: 2017, kind: "master", units: units(60, 60), degree: true });
		const { years } = compute(history.facts, { at: "2023-06-30" });
		expect(years.map((year) => [year.rebuilt, year.end])).toEqual([
			[0, 80],
			[0, 0],
			[10, 10],
			[10, 20],
			[10, 30],
			[10, 40],
			[10, 50],
		]);
		expect(compute(history.facts, { at: "2030-06-30" }).state.balance).toBe(60);
	});

	it("happens once: an enrolment ends it, and a second stop brings no new rebuild", () => {
		const history = new History();
		history.year({ year: 2015, units: units(60, 0) });
		history.year({ year: 2016, units: units(60, 0) });
		history.year({ year: 2019, units: units(15, 0) });
		const { years, state } = compute(history.facts, { at: "2026-06-30" });
		expect(years.map((year) => year.rebuilt)).toEqual([0, 0, 0, 10, 0]);
		expect(state).toMatchObject({ balance: 15, rebuild: "used", rebuildReserve: 0 });
	});

	it("adds nothing while the balance is 60 or more", () => {
		const history = new History();
		history.year({ year: 2015, units: units(60, 0) });
		expect(compute(history.facts, { at: "2026-06-30" }).state.balance).toBe(80);
	});

	it("under the source document's reading (reform), adds 10 from the first year without enrolment, every time, and keeps the bonus", () => {
		const facts = new History();
		facts.year({ year: 2015, units: units(60, 0) });
		facts.year({ year: 2016, units: units(60, 0) });
		facts.year({ year: 2018, units: units(15, 0) });
		const account = computeLeerkrediet(facts.facts, {
			parameters: reformed("reforms/rebuild-every-year-not-enrolled.yaml"),
			policies,
			at: "2021-06-30",
		});
		expect(account.years.map((year) => [year.rebuilt, year.end])).toEqual([
			[0, 80],
			[0, 20],
			[10, 30],
			[0, 15],
			[10, 25],
			[10, 35],
		]);
		expect(account.state.bonusRemaining).toBe(60);
	});
});

describe("R19, E23: a graduaat holder enrolling in a bachelor is topped up to 60 (P-2; EhB P-22)", () => {
	it("tops up a balance below 60 at the bachelor enrolment and forfeits the bonus", () => {
		const history = new History();
		history.year({ year: 2015, units: units(60, 0) });
		history.year({ year: 2016, units: units(60, 0) });
		history.year({ year: 2017, kind: "graduaat", units: units(60, 60), degree: true });
		history.year({ year: 2018, units: units(30, 30) });
		const { years, state } = compute(history.facts, { at: "2019-07-31" });
		expect(years.map((year) => [year.rebuilt, year.end])).toEqual([
			[0, 80],
			[0, 20],
			[0, 20],
			[40, 60],
		]);
		expect(state).toMatchObject({ bonusRemaining: 0, rebuild: "used" });
	});
});

describe("E22: one balance across institutions in the same academic year (DHO)", () => {
	it("adds up investments and earnings at two institutions", () => {
		const history = new History();
		history.year({ year: 2020, institution: "kdg", units: units(30, 30) });
		history.year({
			year: 2020,
			institution: "uantwerpen",
			contract: "credit",
			units: units(12, 6),
		});
		expect(ends(history.facts)).toEqual([["2020-2021", 140 - 30 + 30 + 30 - 12 + 6]]);
	});
});
