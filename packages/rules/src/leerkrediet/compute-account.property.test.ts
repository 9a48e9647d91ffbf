import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors.ts";
import { parameters, policies, reformed, repositoryRoot } from "../law.fixture.ts";
import type { Parameters } from "../parameters/parameters.ts";
import { valueAt } from "../parameters/parameters.ts";
import type { Contract, ProgrammeKind } from "../programme.ts";
import {
	computeLeerkrediet,
	type LeerkredietAccount,
	type LeerkredietContext,
	summarizeLeerkrediet,
} from "./compute-account.ts";
import { type Fact, factsFileSchema, type Outcome } from "./facts.ts";
import { History } from "./history.fixture.ts";
import { buildYearStatements } from "./statement.ts";

// Random but possible histories: enrolments in random years at random institutions, course units
// with every outcome, deregistrations, programme changes, degrees, gap years.

const unitArbitrary = fc.record({
	credits: fc.integer({ min: 1, max: 15 }),
	secondSemester: fc.boolean(),
	outcome: fc.constantFrom<Outcome | "deregistered" | "none">(
		"passed",
		"passed",
		"failed",
		"tolerated",
		"deliberated",
		"exempted",
		"deregistered",
		"none",
	),
	dropDay: fc.integer({ min: 0, max: 170 }),
});

type RandomUnit = typeof unitArbitrary extends fc.Arbitrary<infer TUnit> ? TUnit : never;

const yearArbitrary = fc.record({
	gap: fc.integer({ min: 1, max: 3 }),
	kind: fc.constantFrom<ProgrammeKind>(
		"bachelor",
		"bachelor",
		"bachelor",
		"master",
		"master",
		"schakelprogramma",
		"graduaat",
		"manama",
	),
	contract: fc.constantFrom<Contract>("diploma", "diploma", "diploma", "credit", "exam"),
	institution: fc.constantFrom("kdg", "uantwerpen", "ehb", "kuleuven", "odisee"),
	units: fc.array(unitArbitrary, { minLength: 0, maxLength: 7 }),
	degree: fc.boolean(),
	changeDay: fc.option(fc.integer({ min: 5, max: 200 }), { freq: 4 }),
	secondInstitution: fc.option(fc.array(unitArbitrary, { maxLength: 3 }), { freq: 6 }),
});

const day = (year: number, offset: number) => {
	const date = new globalThis.Date(Date.UTC(year, 8, 12 + offset));
	return date.toISOString().slice(0, 10);
};

function addUnits(
	history: History,
	enrolment: string,
	year: number,
	specs: readonly RandomUnit[],
	changeOn?: string,
) {
	for (const unit of specs) {
		const period = unit.secondSemester ? "semester-2" : "semester-1";
		const registration = history.register(enrolment, year, { credits: unit.credits, period });
		const resultDate = unit.secondSemester ? `${year + 1}-07-03` : `${year + 1}-02-03`;
		const dropOn = day(year, unit.dropDay);
		if (unit.outcome === "deregistered" && (changeOn === undefined || dropOn < changeOn))
			history.deregister(registration, dropOn);
		else if (
			unit.outcome !== "none" &&
			unit.outcome !== "deregistered" &&
			(changeOn === undefined || resultDate < changeOn)
		) {
			history.result(registration, resultDate, unit.outcome);
		}
	}
}

const historyArbitrary = fc
	.record({
		first: fc.integer({ min: 2009, max: 2016 }),
		years: fc.array(yearArbitrary, { minLength: 1, maxLength: 7 }),
	})
	.map(({ first, years }) => {
		const history = new History();
		let year = first;
		for (const spec of years) {
			const contract = spec.contract;
			const enrolment = history.enrol({
				year,
				institution: spec.institution,
				kind: spec.kind,
				contract,
			});
			const changeOn = spec.changeDay === null ? undefined : day(year, spec.changeDay);
			addUnits(history, enrolment, year, spec.units, changeOn);
			if (changeOn !== undefined) {
				const to = history.enrol({
					year,
					institution: spec.institution,
					kind: "bachelor",
					contract,
					date: changeOn,
				});
				history.add({
					id: history.id("c"),
					type: "ProgrammeChanged",
					date: changeOn,
					data: { fromEnrolmentId: enrolment, toEnrolmentId: to },
				});
			} else if (spec.degree && contract === "diploma") {
				history.degree(enrolment, `${year + 1}-07-10`);
			}
			if (spec.secondInstitution !== null) {
				const other = history.enrol({
					year,
					institution: "ugent",
					kind: "bachelor",
					contract: "credit",
				});
				addUnits(history, other, year, spec.secondInstitution);
			}
			year += spec.gap;
		}
		return history.facts;
	});

function account(facts: readonly Fact[], law: Parameters = parameters): LeerkredietAccount {
	return computeLeerkrediet(facts, { parameters: law, policies, at: "2032-12-31" });
}

const bonusMaximum = valueAt(parameters, "leerkrediet/bonus", "2020-01-01").value;
const ceiling = valueAt(parameters, "leerkrediet/rebuild/ceiling", "2020-01-01").value;

describe("invariants over random histories", () => {
	it("generates possible histories (the generator itself is sound)", () => {
		fc.assert(
			fc.property(historyArbitrary, (facts) => {
				expect(() => account(facts)).not.toThrow(InputError);
			}),
			{ numRuns: 300 },
		);
	});

	it("the ledger sums to the balance, and every statement row adds up and follows the one before", () => {
		fc.assert(
			fc.property(historyArbitrary, (facts) => {
				const { ledger, years, state } = account(facts);
				let running = 0;
				for (const line of ledger) {
					running += line.credits;
					expect(line.balanceAfter).toBe(running);
				}
				expect(running).toBe(state.balance);
				years.forEach((year, i) => {
					const sum =
						year.start +
						year.invested +
						year.earned +
						year.bonus +
						year.refunded +
						year.deducted +
						year.rebuilt;
					expect(sum).toBe(year.end);
					if (i > 0) expect(year.start).toBe(years[i - 1]?.end);
					else expect(year.start).toBe(ledger.find((line) => line.kind === "initial")?.credits);
				});
				expect(years.at(-1)?.end ?? 0).toBe(state.balance);
			}),
			{ numRuns: 500 },
		);
	});

	it("grants at most the bonus of 60 in all, and none for credits earned under a credit contract (R5, R9)", () => {
		fc.assert(
			fc.property(historyArbitrary, (facts) => {
				const { ledger, state } = account(facts);
				const byId = new Map(facts.map((fact) => [fact.id, fact]));
				const bonus = ledger.filter((line) => line.kind === "bonus");
				expect(bonus.reduce((sum, line) => sum + line.credits, 0)).toBeLessThanOrEqual(
					bonusMaximum,
				);
				for (const line of bonus) {
					const registration = byId.get(line.factIds[1] as string);
					const enrolment =
						registration?.type === "CourseUnitRegistered"
							? byId.get(registration.data.enrolmentId)
							: undefined;
					expect(enrolment?.type === "LearnerEnrolled" && enrolment.data.contract).toBe("diploma");
				}
				expect(state.bonusRemaining).toBeGreaterThanOrEqual(0);
			}),
			{ numRuns: 500 },
		);
	});

	it("rebuilds at most once, only below 60, never above 60 (R18, R19)", () => {
		fc.assert(
			fc.property(historyArbitrary, (facts) => {
				const { ledger } = account(facts);
				const rebuilds = ledger.filter((line) => line.kind === "rebuilt");
				for (const line of rebuilds) {
					expect(line.balanceAfter).toBeLessThanOrEqual(ceiling);
					expect(line.balanceAfter - line.credits).toBeLessThan(ceiling);
				}
				// R18 is one uninterrupted stretch: no investment between its first and its last line.
				const automatic = rebuilds.filter((line) => line.rule === "R18");
				const first = automatic[0]?.sequence ?? 0;
				const last = automatic.at(-1)?.sequence ?? 0;
				const between = ledger.filter(
					(line) => line.sequence > first && line.sequence < last && line.kind === "invested",
				);
				expect(between).toEqual([]);
				// The graduaat top-up (R19, E23) comes at most once per graduaat degree.
				const graduaatDegrees = ledger.filter(
					(line) => line.reason.type === "graduaat-degree",
				).length;
				expect(rebuilds.filter((line) => line.rule === "R19").length).toBeLessThanOrEqual(
					graduaatDegrees,
				);
			}),
			{ numRuns: 500 },
		);
	});

	it("under the source document's reform, still never lifts the balance above 60 and keeps the bonus", () => {
		const reform = reformed("reforms/rebuild-every-year-not-enrolled.yaml");
		fc.assert(
			fc.property(historyArbitrary, (facts) => {
				const { ledger } = account(facts, reform);
				for (const line of ledger.filter((l) => l.kind === "rebuilt"))
					expect(line.balanceAfter).toBeLessThanOrEqual(ceiling);
				expect(ledger.filter((line) => line.reason.type === "bonus-forfeited")).toEqual([]);
			}),
			{ numRuns: 200 },
		);
	});

	it("is deterministic and does not depend on the order in which the facts are given", () => {
		fc.assert(
			fc.property(
				historyArbitrary.chain((facts) =>
					fc.tuple(
						fc.constant(facts),
						fc.shuffledSubarray(facts, { minLength: facts.length, maxLength: facts.length }),
					),
				),
				([facts, shuffled]) => {
					expect(account(shuffled)).toEqual(account(facts));
				},
			),
			{ numRuns: 300 },
		);
	});

	it("gives every ledger line a rule, a source and a sentence in both languages", () => {
		fc.assert(
			fc.property(historyArbitrary, (facts) => {
				for (const line of account(facts).ledger) {
					expect(line.rule).toMatch(/^R\d+$/);
					expect(line.sources.length).toBeGreaterThan(0);
					expect(line.text.nl.length).toBeGreaterThan(10);
					expect(line.text.en.length).toBeGreaterThan(10);
				}
			}),
			{ numRuns: 200 },
		);
	});
});

/** The explained account's summary, or the error it throws, as plain data to compare. */
function outcome(compute: () => { at: string; years: unknown; state: unknown }) {
	try {
		const { at, years, state } = compute();
		return { at, years, state };
	} catch (error) {
		const { name, message, issues } = error as Error & { issues?: unknown };
		return { name, message, issues };
	}
}

// A valid history with one change that often breaks it: a fact dropped (a dangling reference), a
// fact twice (a duplicate id), a date moved (outside its academic year, or before what it names).
const damagedHistoryArbitrary = historyArbitrary.chain((facts) =>
	fc.oneof(
		fc.constant(facts),
		fc.nat({ max: facts.length - 1 }).map((i) => facts.filter((_, j) => j !== i)),
		fc.nat({ max: facts.length - 1 }).map((i) => [...facts, facts[i] as Fact]),
		fc
			.tuple(fc.nat({ max: facts.length - 1 }), fc.integer({ min: -400, max: 400 }))
			.map(([i, days]) =>
				facts.map((fact, j) => {
					if (j !== i) return fact;
					const date = new globalThis.Date(`${fact.date}T00:00:00Z`);
					date.setUTCDate(date.getUTCDate() + days);
					return { ...fact, date: date.toISOString().slice(0, 10) } as Fact;
				}),
			),
	),
);

// Any day from before leerkrediet existed to after the last generated fact.
const atArbitrary = fc
	.integer({ min: 2007 * 366, max: 2033 * 366 })
	.map(
		(n) =>
			`${Math.floor(n / 366)}-${String(1 + ((n % 366) % 12)).padStart(2, "0")}-${String(1 + ((n % 366) % 28)).padStart(2, "0")}`,
	);

describe("the summary without the explained ledger (the store's projection)", () => {
	it("gives the same statement, state and errors as the explained account, over random and damaged histories", () => {
		const laws = [parameters, reformed("reforms/rebuild-every-year-not-enrolled.yaml")];
		fc.assert(
			fc.property(damagedHistoryArbitrary, atArbitrary, fc.nat({ max: 1 }), (facts, at, law) => {
				const context: LeerkredietContext = { parameters: laws[law] as Parameters, policies, at };
				expect(outcome(() => summarizeLeerkrediet(facts, context))).toEqual(
					outcome(() => computeLeerkrediet(facts, context)),
				);
			}),
			{ numRuns: 1000 },
		);
	});

	it("gives the same statement and state as the explained account for every worked example", () => {
		const folder = join(repositoryRoot, "examples", "leerkrediet");
		const examples = readdirSync(folder).filter((name) => name.endsWith(".json"));
		expect(examples.length).toBeGreaterThan(5);
		for (const name of examples) {
			const file = factsFileSchema.parse(JSON.parse(readFileSync(join(folder, name), "utf8")));
			for (const at of ["2016-12-01", "2019-06-30", "2026-11-22"]) {
				const context = { parameters, policies, at };
				const full = computeLeerkrediet(file.facts, context);
				expect(summarizeLeerkrediet(file.facts, context)).toEqual({
					at,
					years: full.years,
					state: full.state,
				});
			}
		}
	});

	it("keeps a statement that is the sum of the explained ledger's lines", () => {
		fc.assert(
			fc.property(historyArbitrary, (facts) => {
				const { ledger, years } = account(facts);
				expect(years).toEqual(buildYearStatements(ledger));
			}),
			{ numRuns: 300 },
		);
	});
});
