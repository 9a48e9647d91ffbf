#!/usr/bin/env node
// Facts for the import benchmark and tests, in the import formats of docs/import.md.
//
//   node bench/generate-facts.mjs --learners 20000 --seed 1 --format ndjson --out bench/data/facts.ndjson
//   node gen-population.mjs --learners 1000 | node bench/generate-facts.mjs --population - --format csv
//
// Each learner-year (the rows of gen-population.mjs: learner_id, academic_year, contract,
// registered, earned, degree) becomes one enrolment, a registration for the credits passed and
// one for the credits failed, their results, and the degree: at most six facts. Without
// --population, learner-years come from a small model of our own in the same shape. The output
// for a given seed and size never changes, so that figures can be compared.
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";

const { values } = parseArgs({
	options: {
		learners: { type: "string", default: "1000" },
		seed: { type: "string", default: "1" },
		until: { type: "string", default: "2025" },
		format: { type: "string", default: "ndjson" },
		population: { type: "string" },
		out: { type: "string" },
	},
});
const format = values.format;
if (format !== "ndjson" && format !== "csv") throw new Error("--format must be ndjson or csv");
const institutions = ["kdg", "kuleuven", "ugent", "uantwerpen", "vives", "odisee", "ehb"];

/** mulberry32: a small deterministic generator, so that a seed always gives the same file. */
function randomFrom(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Learner-years shaped like gen-population.mjs rows: enrolled years, credits taken and passed, degrees. */
function* modelPopulation(learners, seed, until) {
	const random = randomFrom(seed);
	const pick = (low, high) => low + Math.floor(random() * (high - low + 1));
	for (let learner = 1; learner <= learners; learner++) {
		const start = pick(until - 12, until);
		const ability = random() ** 0.6;
		let earnedTotal = 0;
		let bachelor = false;
		let master = false;
		for (let year = start, count = 0; year <= until && count < 7; year++, count++) {
			if (year > start && random() < 0.07) continue;
			const contract = random() < 0.05 ? "credit" : "diploma";
			const registered = contract === "credit" ? 3 * pick(1, 8) : 3 * pick(12, 22);
			let earned = 0;
			for (let unit = 0; unit < registered / 3; unit++) if (random() < ability) earned += 3;
			let degree = "";
			if (contract === "diploma") {
				earnedTotal += earned;
				if (!bachelor && earnedTotal >= 180) {
					bachelor = true;
					degree = "bachelor";
				} else if (bachelor && !master && earnedTotal >= 240) {
					master = true;
					degree = "master";
				}
			}
			yield { learner, year, contract, registered, earned, degree };
		}
	}
}

async function* readPopulation(path) {
	const input = path === "-" ? process.stdin : createReadStream(path);
	let header = true;
	for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
		if (header || line === "") {
			header = false;
			continue;
		}
		const [learner, year, contract, registered, earned, degree] = line.split(",");
		yield {
			learner: Number(learner),
			year: Number(year),
			contract,
			registered: Number(registered),
			earned: Number(earned),
			degree: degree ?? "",
		};
	}
}

/** The facts of one learner-year, in the import's row shape. */
function factsOfYear(row, kind, institution) {
	const { year, contract, registered, earned, degree } = row;
	const learnerId = `learner-${row.learner}`;
	const e = `e${year}`;
	const facts = [
		{
			id: e,
			type: "LearnerEnrolled",
			date: `${year}-09-20`,
			data: {
				academicYear: `${year}-${year + 1}`,
				institution,
				programme: { kind },
				contract,
			},
		},
	];
	const units = [
		["p", earned, "passed"],
		["f", registered - earned, "failed"],
	];
	for (const [suffix, credits, outcome] of units) {
		if (credits === 0) continue;
		facts.push({
			id: `r${year}${suffix}`,
			type: "CourseUnitRegistered",
			date: `${year}-09-20`,
			data: {
				enrolmentId: e,
				courseUnit: { credits },
				period: "year",
				periodStartDate: `${year}-09-23`,
			},
		});
		facts.push({
			id: `x${year}${suffix}`,
			type: "ResultRecorded",
			date: `${year + 1}-06-30`,
			data: { registrationId: `r${year}${suffix}`, outcome },
		});
	}
	if (degree !== "") {
		facts.push({
			id: `d${year}`,
			type: "DegreeAwarded",
			date: `${year + 1}-07-05`,
			data: { enrolmentId: e },
		});
	}
	return facts.map((fact) => ({ learnerId, ...fact }));
}

const csvColumns = [
	"learner_id",
	"fact_id",
	"type",
	"date",
	"academic_year",
	"institution",
	"programme_kind",
	"contract",
	"enrolment_id",
	"credits",
	"period",
	"period_start_date",
	"registration_id",
	"outcome",
];

function csvLine(row) {
	const { data } = row;
	return [
		row.learnerId,
		row.id,
		row.type,
		row.date,
		data.academicYear,
		data.institution,
		data.programme?.kind,
		data.contract,
		data.enrolmentId,
		data.courseUnit?.credits,
		data.period,
		data.periodStartDate,
		data.registrationId,
		data.outcome,
	]
		.map((value) => value ?? "")
		.join(",");
}

const out = values.out ? createWriteStream(values.out) : process.stdout;
const lines = format === "csv" ? [csvColumns.join(",")] : [];
let written = 0;
const flush = async () => {
	if (!out.write(`${lines.join("\n")}\n`)) await new Promise((done) => out.once("drain", done));
	lines.length = 0;
};
const rows = values.population
	? readPopulation(values.population)
	: modelPopulation(Number(values.learners), Number(values.seed), Number(values.until));
const placement = randomFrom(Number(values.seed) ^ 0x5bd1e995);
let current;
for await (const row of rows) {
	if (current?.learner !== row.learner) {
		const institution = institutions[Math.floor(placement() * institutions.length)];
		current = { learner: row.learner, institution, bachelor: false };
	}
	// The degree of a year is awarded at its end: the year it is earned is still a bachelor year.
	const kind = current.bachelor && row.contract === "diploma" ? "master" : "bachelor";
	if (row.degree === "bachelor") current.bachelor = true;
	const facts = factsOfYear(row, kind, current.institution);
	for (const fact of facts) {
		lines.push(format === "csv" ? csvLine(fact) : JSON.stringify(fact));
		written++;
	}
	if (lines.length >= 10_000) await flush();
}
if (lines.length > 0) await flush();
if (values.out) out.end();
process.stderr.write(`${written} facts\n`);
