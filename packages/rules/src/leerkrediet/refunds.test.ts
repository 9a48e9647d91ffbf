import { describe, expect, it } from "vitest";
import { parameters, policies } from "../law.fixture.ts";
import { computeLeerkrediet } from "./compute-account.ts";
import { History, units } from "./history.fixture.ts";

const compute = (history: History) =>
	computeLeerkrediet(history.facts, { parameters, policies, at: "2030-01-01" });

function dropOne(spec: {
	institution: string;
	period?: "semester-1" | "semester-2" | "year";
	contract?: "diploma" | "credit";
	firstPartialTrack?: boolean;
	on: string;
}) {
	const history = new History();
	const enrolment = history.enrol({
		year: 2020,
		institution: spec.institution,
		...(spec.contract ? { contract: spec.contract } : {}),
	});
	const registration = history.register(enrolment, 2020, {
		credits: 6,
		...(spec.period ? { period: spec.period } : {}),
		...(spec.firstPartialTrack ? { firstPartialTrack: true } : {}),
	});
	history.deregister(registration, spec.on);
	return compute(history);
}

describe("R12, R14: deregistering on or before the institution's border date gives the credits back (P-1, P-4)", () => {
	it.each([
		{
			name: "KdG, 2 weeks into the semester that started 19 Sep (SEED-001)",
			institution: "kdg",
			on: "2020-10-02",
			refunded: 6,
		},
		{ name: "KdG, the day after those 2 weeks", institution: "kdg", on: "2020-10-03", refunded: 0 },
		{
			name: "KdG, first partial track: 4 weeks (SEED-001)",
			institution: "kdg",
			firstPartialTrack: true,
			on: "2020-10-16",
			refunded: 6,
		},
		{
			name: "KdG, first partial track, the day after 4 weeks",
			institution: "kdg",
			firstPartialTrack: true,
			on: "2020-10-17",
			refunded: 0,
		},
		{
			name: "UAntwerpen, first semester, up to and including 30 November (P-15)",
			institution: "uantwerpen",
			on: "2020-11-30",
			refunded: 6,
		},
		{
			name: "UAntwerpen, first semester, on 1 December",
			institution: "uantwerpen",
			on: "2020-12-01",
			refunded: 0,
		},
		{
			name: "UAntwerpen, second semester, on 15 March",
			institution: "uantwerpen",
			period: "semester-2",
			on: "2021-03-15",
			refunded: 6,
		},
		{
			name: "EhB, second semester, on 16 March (P-22)",
			institution: "ehb",
			period: "semester-2",
			on: "2021-03-16",
			refunded: 0,
		},
		{
			name: "EhB, year course unit, on 1 December (P-22)",
			institution: "ehb",
			period: "year",
			on: "2020-12-01",
			refunded: 0,
		},
	] as const)("$name: $refunded back", (spec) => {
		const { years, ledger } = dropOne(spec);
		expect(years[0]?.refunded).toBe(spec.refunded);
		expect(ledger.at(-1)?.rule).toBe("R12");
	});

	it("never gives credits back under a credit contract, even in time (R9; UGent P-8, EhB P-22)", () => {
		const { years, ledger } = dropOne({ institution: "kdg", contract: "credit", on: "2020-09-20" });
		expect(years[0]?.refunded).toBe(0);
		expect(ledger.at(-1)).toMatchObject({ rule: "R9", credits: 0 });
	});
});

describe("R13: a generation student who changes programme (P-1; SEED-001; E5, E7)", () => {
	function change(
		on: string,
		options: { year?: number; examined?: boolean; credits?: number } = {},
	) {
		const history = new History();
		const year = options.year ?? 2020;
		if (year > 2020) history.year({ year: 2020, units: units(60, 60) });
		const from = history.enrol({ year, institution: "kdg" });
		const dropped = history.register(from, year, { credits: options.credits ?? 6 });
		const examined = history.register(from, year, { credits: 4 });
		if (options.examined !== false)
			history.add({
				id: "exam",
				type: "ExamTaken",
				date: `${year + 1}-01-15`,
				data: { registrationId: examined },
			});
		const to = history.enrol({ year, institution: "kdg", date: on });
		history.add({
			id: "change",
			type: "ProgrammeChanged",
			date: on,
			data: { fromEnrolmentId: from, toEnrolmentId: to },
		});
		if (options.examined !== false && on > `${year + 1}-01-15`)
			history.result(examined, `${year + 1}-02-03`, "passed");
		return { account: compute(history), dropped };
	}

	it.each([
		{
			name: "before 1 December, past the KdG border date: everything back",
			on: "2020-11-30",
			refunded: 6,
			rule: "R13",
		},
		{ name: "from 1 December to 15 March: half back", on: "2020-12-01", refunded: 3, rule: "R13" },
		{ name: "on 15 March: half back", on: "2021-03-15", refunded: 3, rule: "R13" },
		{ name: "after 15 March: nothing back", on: "2021-03-16", refunded: 0, rule: "R13" },
		{
			name: "within the KdG border date: everything back under R12",
			on: "2020-09-25",
			refunded: 6,
			rule: "R12",
		},
	])("$name", ({ on, refunded, rule }) => {
		const { account, dropped } = change(on, { examined: false });
		const line = account.ledger.find(
			(l) => l.factIds.includes("change") && l.factIds.includes(dropped),
		);
		expect(line).toMatchObject({ credits: refunded, rule });
	});

	it("rounds half of an odd number of credits down (E6)", () => {
		const { account, dropped } = change("2021-01-10", { credits: 5, examined: false });
		expect(
			account.ledger.find((l) => l.factIds.includes(dropped) && l.factIds.includes("change"))
				?.credits,
		).toBe(2);
	});

	it("keeps course units whose exam was taken on the record: passed ones are earned", () => {
		const { account } = change("2021-02-10");
		// 140 − 6 − 4, the 4 passed come back with bonus, the 6 unexamined half back.
		expect(account.state.balance).toBe(140 - 6 - 4 + 4 + 4 + 3);
	});

	it("does not apply to a learner in a later year: only the border date counts (R12)", () => {
		const { account, dropped } = change("2021-11-20", { year: 2021, examined: false });
		expect(
			account.ledger.find((l) => l.factIds.includes(dropped) && l.factIds.includes("change")),
		).toMatchObject({ credits: 0, rule: "R12" });
		expect(account.state.generationStudentYear).toBe("2020-2021");
	});
});
