import { type PopulationColumns, type PopulationLaw, yearSpanOf } from "@rugzak/rules/population";
import type { SimulationLaws } from "./simulate-range.ts";

/** The balances of a batch of learners under one law. */
export interface BatchBalances {
	readonly finalBalances: Int32Array;
	readonly yearBalances: Int32Array;
}

function yearsOf(law: PopulationLaw): number[] {
	return Array.from({ length: yearSpanOf(law) }, (_, i) => law.firstYear + i);
}

/**
 * The header of `--out`: `learner_id,final_balance`, then with a reform `baseline_final_balance`
 * and `difference`, then the balance at the end of each academic year (`balance_2019` for
 * 2019-2020), and with a reform the baseline's (`baseline_balance_2019`).
 */
export function learnerCsvHeader(laws: SimulationLaws): string {
	const years = yearsOf(laws.baseline);
	const columns = ["learner_id", "final_balance"];
	if (laws.reform) columns.push("baseline_final_balance", "difference");
	columns.push(...years.map((year) => `balance_${year}`));
	if (laws.reform) columns.push(...years.map((year) => `baseline_balance_${year}`));
	return `${columns.join(",")}\n`;
}

/** The `--out` rows of a batch; a year before the learner's first row is left empty. */
export function learnerCsvRows(batch: {
	readonly columns: PopulationColumns;
	readonly laws: SimulationLaws;
	readonly baseline: BatchBalances;
	readonly reform: BatchBalances | undefined;
}): string {
	const { columns, laws, baseline, reform } = batch;
	const span = yearSpanOf(laws.baseline);
	const lines: string[] = [];
	for (let learner = 0; learner < columns.learnerCount; learner++) {
		const firstRow = columns.learnerRowStarts[learner] as number;
		const empty = (columns.years[firstRow] as number) - laws.baseline.firstYear;
		const yearCells = (balances: BatchBalances) =>
			Array.from(
				balances.yearBalances.subarray(learner * span, (learner + 1) * span),
				(balance, i) => (i < empty ? "" : String(balance)),
			).join(",");
		const cells = [columns.learnerIds[learner] as number];
		const final = (reform ?? baseline).finalBalances[learner] as number;
		cells.push(final);
		if (reform) {
			const baselineFinal = baseline.finalBalances[learner] as number;
			cells.push(baselineFinal, final - baselineFinal);
		}
		lines.push(
			reform
				? `${cells.join(",")},${yearCells(reform)},${yearCells(baseline)}\n`
				: `${cells.join(",")},${yearCells(baseline)}\n`,
		);
	}
	return lines.join("");
}
