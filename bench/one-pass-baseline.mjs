// The baseline of `npm run bench`: the same rule as `rugzak simulate`, written the straightforward
// way in one pass: read the file into a string, split it into lines and each line into fields,
// and walk each learner's years with objects. It prints the same figures as rugzak's summary.
//
//   node bench/one-pass-baseline.mjs POPULATION.csv [--until YEAR] [--reform FILE]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
// The same measure as `rugzak simulate --timings` (not maxRSS, which counts the bench itself).
import { peakMemoryBytes } from "../packages/cli/dist/population/peak-memory.js";
import { loadPopulationLaw } from "./population-law.mjs";

const { values, positionals } = parseArgs({
	options: { until: { type: "string", default: "2025" }, reform: { type: "string" } },
	allowPositionals: true,
});
const started = performance.now();
const law = loadPopulationLaw({ horizon: Number(values.until), reformPath: values.reform });
const lawMs = performance.now() - started;

/** A learner's final balance: R2, then per year the rebuild (R18) and the row (R3, R4, R5, R7). */
function finalBalance(rows) {
	const first = rows[0].year;
	const lawOf = (year) => law.years[year - law.firstYear];
	let balance = lawOf(first).initial;
	let bonusLeft = lawOf(first).bonus;
	let episode = "not-started";
	let yearsWithout = 0;
	let lastEnrolled = first;
	let firstMaster;
	let next = 0;
	for (let year = first; year <= law.horizon; year++) {
		const yearLaw = lawOf(year);
		const row = rows[next]?.year === year ? rows[next++] : undefined;
		if (year > first) {
			const rebuild = yearLaw.rebuild;
			yearsWithout = row ? 0 : yearsWithout + 1;
			const afterMaster = firstMaster !== undefined && lastEnrolled === firstMaster;
			const waiting = afterMaster
				? rebuild.waitingYearsAfterMaster
				: rebuild.waitingYearsAfterStopping;
			let increment = 0;
			if (yearsWithout > 0 && episode !== "ended" && balance < rebuild.ceiling) {
				if (episode === "running" || yearsWithout > waiting) {
					increment = Math.min(rebuild.increment, rebuild.ceiling - balance);
				}
			}
			if (increment > 0 && episode === "not-started") {
				if (rebuild.forfeitsBonus) bonusLeft = 0;
				episode = "running";
			} else if (row && episode === "running") {
				episode = rebuild.once ? "ended" : "not-started";
			}
			balance += increment;
		}
		if (row) {
			balance += row.earned - row.registered;
			const earnsBonus = yearLaw.contractEarnsBonus[row.contract === "diploma" ? 0 : 1];
			const bonus = earnsBonus ? Math.min(row.earned, bonusLeft) : 0;
			balance += bonus;
			bonusLeft -= bonus;
			const firstOnly = yearLaw.masterDeductionFirstOnly && firstMaster !== undefined;
			if (row.degree === "master" && !firstOnly && yearLaw.masterDeduction > 0) {
				balance -= yearLaw.masterDeduction;
				firstMaster ??= year;
			}
			lastEnrolled = year;
		}
	}
	return balance;
}

const lines = readFileSync(positionals[0], "utf8").split("\n");
let learners = 0;
let sumOfFinalBalances = 0;
let checksum = 0;
let learnerId;
let rows = [];
const finish = () => {
	const balance = finalBalance(rows);
	learners++;
	sumOfFinalBalances += balance;
	checksum = (checksum + Math.imul(Number(learnerId), balance + 1000)) >>> 0;
};
for (const line of lines.slice(1)) {
	if (line === "") continue;
	const [id, year, contract, registered, earned, degree] = line.split(",");
	if (id !== learnerId) {
		if (learnerId !== undefined) finish();
		learnerId = id;
		rows = [];
	}
	rows.push({
		year: Number(year),
		contract,
		registered: Number(registered),
		earned: Number(earned),
		degree,
	});
}
if (learnerId !== undefined) finish();
const wallMs = performance.now();
const maxRssBytes = peakMemoryBytes();
const { user, system } = process.cpuUsage();
const cpuMs = (user + system) / 1000;
process.stdout.write(
	`${JSON.stringify({ learners, sumOfFinalBalances, checksum, lawMs, wallMs, cpuMs, maxRssBytes })}\n`,
);
