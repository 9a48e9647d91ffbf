import { describe, expect, it } from "vitest";
import { parameters, policies } from "../law.fixture.ts";
import type { Fact } from "./facts.ts";
import { History, units } from "./history.fixture.ts";
import { decideRegistration, type RegistrationRequest } from "./registration-decision.ts";

const context = { parameters, policies, at: "2030-01-01" };

/** A learner who ends academic year `lastYear` (2017-2018 unless said) with `balance` credits left. */
function learnerWith(
	balance: number,
	options: { bachelor?: boolean; lastYear?: number } = {},
): Fact[] {
	const history = new History();
	const lastYear = options.lastYear ?? 2017;
	history.year({ year: lastYear - 1, units: units(60, 0) });
	history.year({
		year: lastYear,
		units: units(80 - balance, 0),
		degree: options.bachelor === true,
	});
	return history.facts;
}

// Asked right after the last year, so that no rebuild (R18) has started.
const request = (overrides: Partial<RegistrationRequest>): RegistrationRequest => ({
	date: "2018-09-14",
	credits: 60,
	programmeKind: "bachelor",
	contract: "diploma",
	institution: "kdg",
	tariff: "standard",
	...overrides,
});

describe("R15: insufficient leerkrediet — the law's options and the institution's choice (P-3)", () => {
	it("covers a first registration with the 140 every learner receives", () => {
		const decision = decideRegistration([], request({}), context);
		expect(decision).toMatchObject({
			category: "sufficient",
			balanceBefore: 140,
			balanceAfter: 80,
			uncoveredCredits: 0,
			surchargeCents: 0,
		});
	});

	it("charges KdG's surcharge for the 40 credits a balance of 20 does not cover (SEED-001; KdG P-28)", () => {
		const decision = decideRegistration(learnerWith(20), request({}), context);
		expect(decision).toMatchObject({
			category: "partial",
			uncoveredCredits: 40,
			lawAllows: ["enrol", "enrol-with-surcharge", "refuse-uncovered"],
			policyChooses: "enrol-with-surcharge",
			enrolledCredits: 60,
			balanceAfter: -40,
			// 2018-19: the standard per-credit tuition of € 11.40 (R22), within the legal maximum.
			surchargePerCreditCents: 1140,
			surchargeCents: 40 * 1140,
		});
	});

	it.each([
		{
			institution: "kdg",
			tariff: "near-scholarship",
			choice: "enrol-with-surcharge",
			perCredit: 0,
		},
		{
			institution: "odisee",
			tariff: "near-scholarship",
			choice: "enrol-with-surcharge",
			perCredit: 410,
		},
		{ institution: "ehb", tariff: "standard", choice: "refuse-uncovered", perCredit: 0 },
		{ institution: "uantwerpen", tariff: "standard", choice: "refuse-uncovered", perCredit: 0 },
		{ institution: "vives", tariff: "standard", choice: "enrol-with-surcharge", perCredit: 1140 },
	] as const)(
		"$institution ($tariff) chooses $choice at $perCredit cents per uncovered credit (policy files)",
		({ institution, tariff, choice, perCredit }) => {
			const decision = decideRegistration(
				learnerWith(20),
				request({ institution, tariff }),
				context,
			);
			expect(decision.policyChooses).toBe(choice);
			expect(decision.surchargePerCreditCents).toBe(perCredit);
			expect(decision.enrolledCredits).toBe(choice === "refuse-uncovered" ? 20 : 60);
		},
	);

	it("refuses everything at a balance of 0 or less where the policy refuses (EhB P-22)", () => {
		const decision = decideRegistration(learnerWith(0), request({ institution: "ehb" }), context);
		expect(decision).toMatchObject({
			category: "exhausted",
			uncoveredCredits: 60,
			enrolledCredits: 0,
			balanceAfter: 0,
		});
	});

	it("needs no leerkrediet for an exam contract (R10)", () => {
		const decision = decideRegistration(learnerWith(0), request({ contract: "exam" }), context);
		expect(decision).toMatchObject({
			category: "not-required",
			lawAllows: ["enrol"],
			balanceAfter: 0,
		});
		// Exam contract tuition 2018-19: scholarship amount € 108.80 + 60 × € 4.10 (R22).
		expect(decision.tuition).toMatchObject({ applicable: true, totalCents: 10880 + 60 * 410 });
	});
});

describe("R16: a first connecting master cannot be refused (P-3; EhB P-22 exception 1)", () => {
	it("lets a bachelor with no credit left enrol in a first master, where EhB charges no surcharge", () => {
		const decision = decideRegistration(
			learnerWith(0, { bachelor: true }),
			request({ institution: "ehb", programmeKind: "master" }),
			context,
		);
		expect(decision).toMatchObject({
			category: "protected-first-master",
			lawAllows: ["enrol", "enrol-with-surcharge"],
			policyChooses: "enrol",
			enrolledCredits: 60,
		});
	});

	it("charges the legal maximum at KU Leuven: 60 × € 11.60 = € 696 in 2019-20 (W7, Thomas More P-23)", () => {
		const decision = decideRegistration(
			learnerWith(0, { bachelor: true, lastYear: 2018 }),
			request({ institution: "kuleuven", programmeKind: "master", date: "2019-09-16" }),
			context,
		);
		expect(decision.surchargeCents).toBe(69600);
	});

	it("is not protected when the master does not connect to the previous programme", () => {
		const decision = decideRegistration(
			learnerWith(0, { bachelor: true }),
			request({ institution: "ehb", programmeKind: "master", connecting: false }),
			context,
		);
		expect(decision.category).toBe("exhausted");
	});
});

describe("R15 and KU Leuven: master degree holders are not held to leerkrediet since 2015-16 (SEED-000)", () => {
	it.each([
		{ year: 2013, choice: "refuse-uncovered" },
		{ year: 2021, choice: "enrol" },
	])(
		"in $year KU Leuven chooses $choice for a master holder without credit",
		({ year, choice }) => {
			const history = new History();
			history.year({ year: year - 3, units: units(60, 60) });
			history.year({ year: year - 2, kind: "master", units: units(60, 0), degree: true });
			history.year({ year: year - 1, units: units(30, 0) });
			const date = `${year}-09-14`;
			const decision = decideRegistration(
				history.facts,
				request({ institution: "kuleuven", date }),
				context,
			);
			expect(decision.category).toBe("exhausted");
			expect(decision.policyChooses).toBe(choice);
		},
	);
});

describe("R17: exceptional admission (P-3; SEED-001)", () => {
	it("enrols an exhausted learner at KdG with the surcharge when the institution admitted them", () => {
		const facts = learnerWith(0);
		facts.push({
			id: "a1",
			type: "ExceptionalAdmissionGranted",
			date: "2018-09-01",
			data: { academicYear: "2018-2019", institution: "kdg" },
		});
		const decision = decideRegistration(facts, request({}), context);
		expect(decision).toMatchObject({
			category: "exhausted",
			policyChooses: "enrol-with-surcharge",
			surchargeCents: 60 * 1140,
		});
		expect(decision.reasons.map((reason) => reason.rule)).toEqual(["R15", "R17"]);
	});
});
