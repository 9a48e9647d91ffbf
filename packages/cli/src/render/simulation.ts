import type {
	CreditDistribution,
	DifferenceSummary,
	PopulationSummary,
	SimulationDocument,
} from "@rugzak/rules/population";
import { textTable } from "./table.ts";

const count = new Intl.NumberFormat("en-GB");
const number = (value: number) => count.format(value);
const change = new Intl.NumberFormat("en-GB", { signDisplay: "exceptZero" });
const mean = (sum: number, learners: number) => (learners === 0 ? "" : (sum / learners).toFixed(2));

const measures: readonly [string, (summary: PopulationSummary) => string][] = [
	["Learners", (s) => number(s.learners)],
	["Learner-years (rows)", (s) => number(s.learnerYears)],
	["Sum of final balances", (s) => number(s.sumOfFinalBalances)],
	["Mean final balance", (s) => mean(s.sumOfFinalBalances, s.learners)],
	["Checksum", (s) => String(s.checksum)],
	["Bonus granted (credits)", (s) => number(s.bonusCredits)],
	["Learners with a bonus", (s) => number(s.learnersWithBonus)],
	["Master deductions", (s) => number(s.masterDeductions)],
	["Credits deducted at a master", (s) => number(s.masterDeductionCredits)],
	["Rebuild increments", (s) => number(s.rebuildIncrements)],
	["Credits rebuilt", (s) => number(s.rebuildCredits)],
	["Learners rebuilt", (s) => number(s.learnersRebuilt)],
];

/** The summary as text: the measures (side by side with the baseline), the years and the distribution. */
export function renderSimulation(document: SimulationDocument): string {
	const { baseline, difference } = document;
	const law = document.reform === null ? "the law as shipped" : `reform ${document.reform}`;
	const parts = [`Population ${document.population}, up to ${document.horizon}, under ${law}`];
	parts.push(
		baseline === undefined
			? textTable(measures.map(([label, value]) => [label, value(document)]))
			: textTable([
					["", "baseline", "reform"],
					...measures.map(([label, value]) => [label, value(baseline), value(document)]),
				]),
	);
	if (difference !== undefined) parts.push(renderDifference(difference));
	parts.push(renderYears(document));
	parts.push(`Final balances\n${renderDistribution(document.finalBalances)}`);
	if (difference !== undefined) {
		parts.push(`Change of final balances\n${renderDistribution(difference.finalDifferences)}`);
	}
	return `${parts.join("\n\n")}\n`;
}

function renderDifference(difference: DifferenceSummary): string {
	return [
		`Gaining: ${number(difference.learnersGaining)} learners, ${change.format(difference.creditsGained)} credits`,
		`Losing: ${number(difference.learnersLosing)} learners, ${change.format(-difference.creditsLost)} credits`,
		`Unchanged: ${number(difference.learnersUnchanged)} learners`,
		`Sum of final balances: ${change.format(difference.sumOfFinalBalances)}`,
	].join("\n");
}

function renderYears(document: SimulationDocument): string {
	const { baseline, difference } = document;
	const header = ["Academic year", "Learners", "Enrolled", "Exhausted", "Mean balance"];
	if (baseline !== undefined) header.push("Exhausted (baseline)", "Gaining", "Losing");
	const rows = document.years.map((year, i) => {
		const row = [
			year.academicYear,
			number(year.learners),
			number(year.enrolled),
			number(year.exhausted),
			mean(year.sumOfBalances, year.learners),
		];
		const before = baseline?.years[i];
		const change = difference?.years[i];
		if (before !== undefined && change !== undefined) {
			row.push(
				number(before.exhausted),
				number(change.learnersGaining),
				number(change.learnersLosing),
			);
		}
		return row;
	});
	return textTable([header, ...rows]);
}

const barWidth = 40;

function renderDistribution(distribution: CreditDistribution): string {
	const labels = distribution.buckets.map((bucket) => `${bucket.from} to ${bucket.to}`);
	const counts = distribution.buckets.map((bucket) => number(bucket.learners));
	const labelWidth = Math.max(0, ...labels.map((label) => label.length));
	const countWidth = Math.max(0, ...counts.map((text) => text.length));
	const most = Math.max(1, ...distribution.buckets.map((bucket) => bucket.learners));
	return distribution.buckets
		.map((bucket, i) => {
			const bar = "#".repeat(Math.ceil((bucket.learners / most) * barWidth));
			const label = (labels[i] as string).padStart(labelWidth);
			return `${label}  ${(counts[i] as string).padStart(countWidth)}  ${bar}`.trimEnd();
		})
		.join("\n");
}
