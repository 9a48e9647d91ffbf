import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../calendar/iso-date.ts";
import { parameters, policies, reformed } from "../law.fixture.ts";
import { computeLeerkrediet } from "../leerkrediet/compute-account.ts";
import type { Fact } from "../leerkrediet/facts.ts";
import type { Parameters } from "../parameters/parameters.ts";
import { createDifferenceTally } from "./compare-population.ts";
import { parsePopulation, populationHeader } from "./parse-population.ts";
import { createPopulationColumns, type PopulationColumns } from "./population-columns.ts";
import { type PopulationDegree, type PopulationLaw, yearSpanOf } from "./population-law.ts";
import { summarizeTally } from "./population-summary.ts";
import { createTally, mergeTallies } from "./population-tally.ts";
import { resolvePopulationLaw } from "./resolve-population-law.ts";
import {
	type PopulationRun,
	simulateComparison,
	simulatePopulation,
} from "./simulate-population.ts";
import type { ValueHistogram } from "./value-histogram.ts";

const reform = reformed("reforms/rebuild-every-year-not-enrolled.yaml");

interface Row {
	readonly year: number;
	readonly contract: "diploma" | "credit";
	readonly registered: number;
	readonly earned: number;
	readonly degree: PopulationDegree;
}

function csvOf(learners: readonly (readonly Row[])[]): Uint8Array {
	const lines = [populationHeader];
	learners.forEach((rows, i) => {
		for (const row of rows) {
			lines.push([i + 1, row.year, row.contract, row.registered, row.earned, row.degree].join(","));
		}
	});
	return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

/** Runs the population path and returns, by learner, the balance at the end of each year from its first row. */
function simulate(learners: readonly (readonly Row[])[], law: PopulationLaw) {
	const columns = parsePopulation(csvOf(learners), law.horizon);
	const span = yearSpanOf(law);
	const yearBalances = new Int32Array(columns.learnerCount * span);
	const finalBalances = new Int32Array(columns.learnerCount);
	const tally = createTally(law);
	simulatePopulation({
		columns,
		learners: { from: 0, to: columns.learnerCount },
		law,
		tally,
		yearBalances,
		finalBalances,
	});
	const balances = learners.map((rows, learner) => {
		const from = (rows[0] as Row).year - law.firstYear;
		return Array.from(yearBalances.subarray(learner * span + from, (learner + 1) * span));
	});
	return { balances, finalBalances: Array.from(finalBalances), tally };
}

const row = (
	year: number,
	registered: number,
	earned: number,
	options: { contract?: Row["contract"]; degree?: PopulationDegree } = {},
): Row => ({
	year,
	contract: options.contract ?? "diploma",
	registered,
	earned,
	degree: options.degree ?? "",
});

// Expected balances are the tables of the sources (research/leerkrediet.md §3) or follow from the
// rule text by hand, as each case says; none comes from running the code.
const cases: {
	name: string;
	law: "law" | "reform";
	horizon: number;
	rows: Row[];
	expected: number[];
}[] = [
	{
		name: "Mary keeps 200 with every credit passed (W1, source document 001)",
		law: "law",
		horizon: 2018,
		rows: [row(2016, 60, 60), row(2017, 60, 60), row(2018, 60, 60)],
		expected: [200, 200, 200],
	},
	{
		name: "Thomas has 152, 155, 140, 140 (W2, source document 001)",
		law: "law",
		horizon: 2019,
		rows: [row(2016, 60, 36), row(2017, 63, 42), row(2018, 60, 45), row(2019, 57, 57)],
		expected: [152, 155, 140, 140],
	},
	{
		name: "the VIVES example gives 170, 177, 177 (W3)",
		law: "law",
		horizon: 2018,
		rows: [row(2016, 60, 45), row(2017, 60, 52), row(2018, 60, 60)],
		expected: [170, 177, 177],
	},
	{
		name: "a credit contract earns back but gets no bonus: 110 (W4, UGent)",
		law: "law",
		horizon: 2016,
		rows: [row(2016, 60, 30, { contract: "credit" })],
		expected: [110],
	},
	{
		name: "a perfect bachelor and the first master leave 60 (W6, R7)",
		law: "law",
		horizon: 2019,
		rows: [
			row(2016, 60, 60),
			row(2017, 60, 60),
			row(2018, 60, 60, { degree: "bachelor" }),
			row(2019, 60, 60, { degree: "master" }),
		],
		expected: [200, 200, 200, 60],
	},
	{
		name: "only the first master takes 140 (R7)",
		law: "law",
		horizon: 2017,
		rows: [row(2016, 60, 60, { degree: "master" }), row(2017, 60, 60, { degree: "master" })],
		expected: [60, 60],
	},
	{
		// 140 − 100 = 40; no enrolment in Y+1 = 2017; the first +10 comes in Y+2 = 2018, up to 60.
		name: "after stopping below 60, the rebuild waits a year, then adds 10 a year up to 60 (R18 case S)",
		law: "law",
		horizon: 2021,
		rows: [row(2016, 100, 0)],
		expected: [40, 40, 50, 60, 60, 60],
	},
	{
		// 140 − 60 + 20 + 20 = 120; then 120 − 60 + 60 + 40 − 140 = 20; +10 from the next year.
		name: "after the first master below 60, the rebuild starts the next year (R18 case M)",
		law: "law",
		horizon: 2022,
		rows: [row(2016, 60, 20), row(2017, 60, 60, { degree: "master" })],
		expected: [120, 20, 30, 40, 50, 60, 60],
	},
	{
		// 40, waiting year, +10 (50) forfeits the bonus; 2019: 50 − 30 + 30 and no bonus; the rebuild
		// was used, so after stopping again nothing more comes.
		name: "the rebuild comes once and forfeits the bonus (R18, R5)",
		law: "law",
		horizon: 2022,
		rows: [row(2016, 100, 0), row(2019, 30, 30)],
		expected: [40, 40, 50, 50, 50, 50, 50],
	},
	{
		// Source document 001: +10 in every year without enrolment while below 60, with no waiting
		// year; the bonus stays (2018: 50 − 30 + 30 + 30); after a new stop the rebuild comes again.
		name: "the reform adds 10 in every year without enrolment, keeps the bonus and comes again",
		law: "reform",
		horizon: 2021,
		rows: [row(2016, 100, 0), row(2018, 30, 30), row(2019, 60, 0)],
		expected: [40, 50, 80, 20, 30, 40],
	},
];

describe("simulatePopulation", () => {
	it.each(cases)("$name", ({ law, horizon, rows, expected }) => {
		const resolved = resolvePopulationLaw(law === "law" ? parameters : reform, { horizon });
		const { balances, finalBalances } = simulate([rows], resolved);
		expect(balances[0]).toEqual(expected);
		expect(finalBalances[0]).toBe(expected.at(-1));
	});

	it("counts the bonus, the master deductions and the rebuilds it applies", () => {
		const law = resolvePopulationLaw(parameters, { horizon: 2022 });
		const { tally } = simulate(
			[[row(2016, 60, 20), row(2017, 60, 60, { degree: "master" })], [row(2016, 100, 0)]],
			law,
		);
		// Learner 1: bonus 20 + 40, master 140, rebuild 20 → 60 in four steps; learner 2: 40 → 60 in two.
		expect(tally.bonusCredits).toBe(60);
		expect(tally.learnersWithBonus).toBe(1);
		expect([tally.masterDeductions, tally.masterDeductionCredits]).toEqual([1, 140]);
		expect([tally.rebuildIncrements, tally.rebuildCredits, tally.learnersRebuilt]).toEqual([
			6, 60, 2,
		]);
		expect(tally.sumOfFinalBalances).toBe(120);
		// Learner 1 ends the master year at 20, learner 2 is at 40: nobody at 0 or below.
		expect(Array.from(tally.yearExhausted).every((count) => count === 0)).toBe(true);
	});

	it("counts final balances far below zero, the sum and the checksum as the others", () => {
		const law = resolvePopulationLaw(parameters, { horizon: 2019 });
		const deep = [2016, 2017, 2018, 2019].map((year) => row(year, 999, 0));
		const mary = [row(2016, 60, 60), row(2017, 60, 60), row(2018, 60, 60)];
		const { finalBalances, tally } = simulate([deep, mary], law);
		// 140 − 4 × 999 = −3856; Mary keeps 200 (W1).
		expect(finalBalances).toEqual([-3856, 200]);
		expect(tally.sumOfFinalBalances).toBe(-3856 + 200);
		// 1 × (−3856 + 1000) + 2 × (200 + 1000), as a signed 32-bit number.
		expect(tally.checksum).toBe(-2856 + 2400);
		expect(withHistograms(tally)["finalBalances"]).toEqual([
			[-3856, 1],
			[200, 1],
		]);
	});

	it("fills the balances of a slice of the learners from index 0", () => {
		const law = resolvePopulationLaw(parameters, { horizon: 2019 });
		const columns = parsePopulation(
			csvOf([[row(2016, 60, 60)], [row(2016, 60, 36), row(2017, 63, 42)], [row(2019, 60, 30)]]),
			law.horizon,
		);
		const span = yearSpanOf(law);
		const finalBalances = new Int32Array(1);
		const yearBalances = new Int32Array(span);
		const tally = createTally(law);
		const learners = { from: 1, to: 2 };
		simulatePopulation({ columns, learners, law, tally, finalBalances, yearBalances });
		// Thomas's first two years (W2): 152 and 155, at the end of 2016-2017 and 2017-2018.
		expect(Array.from(finalBalances)).toEqual([155]);
		expect(Array.from(yearBalances.subarray(2016 - law.firstYear, 2020 - law.firstYear))).toEqual([
			152, 155, 155, 155,
		]);
		expect([tally.learners, tally.learnerYears]).toEqual([1, 2]);
	});

	it("gives the same tally for a population simulated whole or in two parts", () => {
		const law = resolvePopulationLaw(reform, { horizon: 2025 });
		const learners = [
			[row(2016, 60, 20), row(2017, 60, 60, { degree: "master" })],
			[row(2014, 100, 0), row(2020, 30, 30, { contract: "credit" })],
			[row(2025, 66, 66)],
		];
		const whole = simulate(learners, law).tally;
		const parts = createTally(law);
		mergeTallies(parts, simulate(learners.slice(0, 1), law).tally);
		mergeTallies(parts, simulate(learners.slice(1), law).tally);
		// The checksum weighs learner_id, which restarts at 1 in the second part.
		expect({ ...summarizeTally(parts, law, 1), checksum: 0 }).toEqual({
			...summarizeTally(whole, law, 1),
			checksum: 0,
		});
	});
});

/** A learner's rows as facts for the single-learner engine: an enrolment a year, a passed and a failed unit. */
function factsOf(rows: readonly Row[]): Fact[] {
	return rows.flatMap((row): Fact[] => {
		const { year } = row;
		const enrolmentId = `e${year}`;
		const facts: Fact[] = [
			{
				id: enrolmentId,
				type: "LearnerEnrolled",
				date: `${year}-09-01`,
				data: {
					academicYear: `${year}-${year + 1}`,
					institution: "kdg",
					programme: { kind: row.degree === "master" ? "master" : "bachelor" },
					contract: row.contract,
				},
			},
		];
		const units = [
			{ credits: row.earned, outcome: "passed" as const },
			{ credits: row.registered - row.earned, outcome: "failed" as const },
		];
		units.forEach(({ credits, outcome }, i) => {
			if (credits === 0) return;
			const registrationId = `r${year}-${i}`;
			facts.push(
				{
					id: registrationId,
					type: "CourseUnitRegistered",
					date: `${year}-09-01`,
					data: {
						enrolmentId,
						courseUnit: { credits },
						period: "year",
						periodStartDate: `${year}-09-20`,
					},
				},
				{
					id: `x${year}-${i}`,
					type: "ResultRecorded",
					date: `${year + 1}-06-30`,
					data: { registrationId, outcome },
				},
			);
		});
		if (row.degree !== "") {
			facts.push({
				id: `d${year}`,
				type: "DegreeAwarded",
				date: `${year + 1}-07-01`,
				data: { enrolmentId },
			});
		}
		return facts;
	});
}

/** The engine's balance at the end of each academic year from the first row to the horizon. */
function engineBalances(rows: readonly Row[], law: Parameters, horizon: number): number[] {
	const firstDay = parameters["academic-year/first-day"].values.at(-1)?.value as string;
	const at = addDays(`${horizon + 1}-${firstDay}`, -1);
	const { ledger } = computeLeerkrediet(factsOf(rows), { parameters: law, policies, at });
	const balances: number[] = [];
	let balance = 0;
	let line = 0;
	for (let year = (rows[0] as Row).year; year <= horizon; year++) {
		const label = `${year}-${year + 1}`;
		while (line < ledger.length && (ledger[line]?.academicYear as string) <= label) {
			balance = ledger[line]?.balanceAfter as number;
			line++;
		}
		balances.push(balance);
	}
	return balances;
}

const rowsArbitrary = (horizon: number) =>
	fc
		.record({
			first: fc.integer({ min: 2008, max: horizon }),
			years: fc.array(fc.boolean(), { minLength: 0, maxLength: 17 }),
			details: fc.array(
				fc.record({
					credit: fc.boolean(),
					registered: fc.integer({ min: 0, max: 90 }),
					share: fc.double({ min: 0, max: 1, noNaN: true }),
					degree: fc.constantFrom<PopulationDegree>("", "", "", "bachelor", "master"),
				}),
				{ minLength: 18, maxLength: 18 },
			),
		})
		.map(({ first, years, details }) => {
			const enrolled = [first, ...years.map((on, i) => (on ? first + i + 1 : 0))].filter(
				(year) => year > 0 && year <= horizon,
			);
			return enrolled.map((year, i): Row => {
				const detail = details[i] as (typeof details)[number];
				const contract = detail.credit ? "credit" : "diploma";
				return {
					year,
					contract,
					registered: detail.registered,
					earned: Math.floor(detail.registered * detail.share),
					degree: contract === "credit" ? "" : detail.degree,
				};
			});
		});

describe("the population path and the single-learner engine", () => {
	for (const [name, law] of [
		["the law as shipped", parameters],
		["the reform of source document 001", reform],
	] as const) {
		it(`give the same balance in every year under ${name}`, () => {
			const horizon = 2025;
			const population = resolvePopulationLaw(law, { horizon });
			fc.assert(
				fc.property(rowsArbitrary(horizon), (rows) => {
					const { balances } = simulate([rows], population);
					expect(balances[0]).toEqual(engineBalances(rows, law, horizon));
				}),
				{ numRuns: 150 },
			);
		});
	}
});

/** The same columns in plain typed arrays, outside any parser's memory. */
function plainCopyOf(columns: PopulationColumns): PopulationColumns {
	const copy = createPopulationColumns(columns.rowCount);
	copy.learnerIds.set(columns.learnerIds.subarray(0, columns.learnerCount + 1));
	copy.learnerRowStarts.set(columns.learnerRowStarts.subarray(0, columns.learnerCount + 1));
	for (const key of ["years", "contracts", "registered", "earned", "degrees"] as const) {
		copy[key].set(columns[key].subarray(0, columns.rowCount));
	}
	return { ...copy, rowCount: columns.rowCount, learnerCount: columns.learnerCount };
}

describe("simulatePopulation, wherever the columns are", () => {
	// More learners than one call into WebAssembly takes (8,192), and than one copy holds (65,536
	// rows, 3,640 learners of 18 years): every way through is taken more than once.
	const horizon = 2025;
	const sample = () => fc.sample(rowsArbitrary(horizon), { numRuns: 10_000, seed: 20261123 });
	const run = (columns: PopulationColumns, law: PopulationLaw, keep: boolean) => {
		const count = columns.learnerCount;
		const balances = keep
			? {
					finalBalances: new Int32Array(count),
					yearBalances: new Int32Array(count * yearSpanOf(law)).fill(-1),
				}
			: {};
		const tally = createTally(law);
		const request: PopulationRun = { columns, learners: { from: 0, to: count }, law, tally };
		simulatePopulation({ ...request, ...balances });
		return { tally: summarizeTally(tally, law, 20), ...balances };
	};

	for (const [name, law] of [
		["the law as shipped", parameters],
		["the reform of source document 001", reform],
	] as const) {
		it(`gives the same balances in a parser's memory and in plain arrays under ${name}`, () => {
			const population = resolvePopulationLaw(law, { horizon });
			const learners = sample();
			const inPlace = parsePopulation(csvOf(learners), horizon);
			const plain = plainCopyOf(inPlace);
			const expected = run(inPlace, population, true);
			expect(run(plain, population, true)).toEqual(expected);
			// Without balances to keep, the learners go in larger slices, to the same tally.
			expect(run(inPlace, population, false).tally).toEqual(expected.tally);
			expect(run(plain, population, false).tally).toEqual(expected.tally);
			expect(expected.tally.learners).toBe(learners.length);
			// The years before a learner's first row hold 0.
			const span = yearSpanOf(population);
			learners.forEach((rows, i) => {
				const before = (rows[0] as Row).year - population.firstYear;
				const years = expected.yearBalances?.subarray(i * span, i * span + before);
				expect(years?.every((balance) => balance === 0)).toBe(true);
			});
		});
	}

	it("runs a law of more academic years than a parser's memory has room for (128)", () => {
		const law = resolvePopulationLaw(parameters, { horizon: 2200 });
		expect(yearSpanOf(law)).toBeGreaterThan(128);
		const rows = [row(2016, 60, 36), row(2017, 63, 42), row(2018, 60, 45), row(2019, 57, 57)];
		// Thomas (W2) ends 2019-2020 at 140, above the rebuild's ceiling: 140 to the horizon.
		const expected = [152, 155, 140, ...Array.from({ length: 2200 - 2018 }, () => 140)];
		const { balances, finalBalances, tally } = simulate([rows], law);
		expect(balances[0]).toEqual(expected);
		expect(finalBalances).toEqual([140]);
		expect(tally.yearEnrolled[2019 - law.firstYear]).toBe(1);
		expect(tally.yearEnrolled[2020 - law.firstYear]).toBe(0);
	});
});

describe("simulateComparison", () => {
	const compare = (
		columns: PopulationColumns,
		laws: { baseline: PopulationLaw; reform: PopulationLaw },
	) => {
		const count = columns.learnerCount;
		const span = yearSpanOf(laws.reform);
		const balances = () => ({
			finalBalances: new Int32Array(count),
			yearBalances: new Int32Array(count * span),
		});
		const run = {
			columns,
			learners: { from: 0, to: count },
			laws,
			tallies: {
				baseline: createTally(laws.baseline),
				reform: createTally(laws.reform),
				difference: createDifferenceTally(laws.reform),
			},
			balances: { baseline: balances(), reform: balances() },
		};
		simulateComparison(run);
		return run;
	};

	it("gives how the reform changes each learner, in all and by year (worked out by hand)", () => {
		const horizon = 2021;
		const laws = {
			baseline: resolvePopulationLaw(parameters, { horizon }),
			reform: resolvePopulationLaw(reform, { horizon }),
		};
		// The cases above: R18 case S, Mary (W1), and the rebuild that comes once (R18, R5). Under the
		// reform the first gets +10 in 2017 and 2018 instead of 2018 only (40 50 60 against 40 40 50
		// 60), Mary keeps 200, and the third gets 50 and 60 before 2019, when she also keeps her
		// bonus: 60 − 30 + 30 + 30 = 90 to the horizon, against 50.
		const { difference } = compare(
			parsePopulation(
				csvOf([
					[row(2016, 100, 0)],
					[row(2016, 60, 60), row(2017, 60, 60), row(2018, 60, 60)],
					[row(2016, 100, 0), row(2019, 30, 30)],
				]),
				horizon,
			),
			laws,
		).tallies;
		const at = (year: number) => year - laws.reform.firstYear;
		const byYear = (counts: Float64Array) => Array.from(counts.subarray(at(2016), at(2021) + 1));
		expect(difference).toMatchObject({
			learnersGaining: 1,
			learnersLosing: 0,
			creditsGained: 40,
			creditsLost: 0,
		});
		expect(byYear(difference.yearGaining)).toEqual([0, 2, 2, 1, 1, 1]);
		expect(byYear(difference.yearCreditsGained)).toEqual([0, 20, 20, 40, 40, 40]);
		expect(byYear(difference.yearLosing).every((count) => count === 0)).toBe(true);
		const { lowest, counts } = difference.finalDifferences;
		expect([counts[0 - lowest], counts[40 - lowest]]).toEqual([2, 1]);
	});

	it("refuses two laws of different academic years, and counts nothing", () => {
		const laws = {
			baseline: resolvePopulationLaw(parameters, { horizon: 2021 }),
			reform: resolvePopulationLaw(reform, { horizon: 2022 }),
		};
		const columns = parsePopulation(csvOf([[row(2016, 100, 0)]]), 2021);
		const tallies = {
			baseline: createTally(laws.baseline),
			reform: createTally(laws.reform),
			difference: createDifferenceTally(laws.reform),
		};
		const run = { columns, learners: { from: 0, to: 1 }, laws, tallies };
		expect(() => simulateComparison(run)).toThrow(
			"a comparison needs two laws of the same academic years, not 2008 to 2021 and 2008 to 2022",
		);
		expect(tallies).toEqual({
			baseline: createTally(laws.baseline),
			reform: createTally(laws.reform),
			difference: createDifferenceTally(laws.reform),
		});
	});

	it("gives each law's tallies and balances as simulatePopulation does, wherever the columns are", () => {
		const horizon = 2025;
		const laws = {
			baseline: resolvePopulationLaw(parameters, { horizon }),
			reform: resolvePopulationLaw(reform, { horizon }),
		};
		const learners = fc.sample(rowsArbitrary(horizon), { numRuns: 10_000, seed: 20261124 });
		const inPlace = parsePopulation(csvOf(learners), horizon);
		const compared = compare(inPlace, laws);
		const alone = (law: PopulationLaw) => {
			const count = inPlace.learnerCount;
			const run = {
				finalBalances: new Int32Array(count),
				yearBalances: new Int32Array(count * yearSpanOf(law)),
				tally: createTally(law),
			};
			simulatePopulation({ columns: inPlace, learners: { from: 0, to: count }, law, ...run });
			return run;
		};
		for (const side of ["baseline", "reform"] as const) {
			const { tally, ...balances } = alone(laws[side]);
			expect(withHistograms(compared.tallies[side])).toEqual(withHistograms(tally));
			expect(compared.balances[side]).toEqual(balances);
		}
		const plain = compare(plainCopyOf(inPlace), laws);
		for (const key of ["baseline", "reform", "difference"] as const) {
			expect(withHistograms(plain.tallies[key])).toEqual(withHistograms(compared.tallies[key]));
		}
		expect(plain.balances).toEqual(compared.balances);
		expect(compared.tallies.difference.learnersGaining).toBeGreaterThan(0);
	});
});

/** A tally with its histograms as the values counted and how often (their widths vary with the order of counting). */
function withHistograms<Tally extends object>(tally: Tally) {
	return Object.fromEntries(
		Object.entries(tally).map(([key, value]) => [
			key,
			isHistogram(value)
				? Array.from(value.counts).flatMap((count, i) =>
						count > 0 ? [[value.lowest + i, count]] : [],
					)
				: value,
		]),
	);
}

const isHistogram = (value: unknown): value is ValueHistogram =>
	typeof value === "object" && value !== null && "lowest" in value && "counts" in value;
