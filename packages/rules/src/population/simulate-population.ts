import type { ComparisonRun, RunBalances } from "./compare-population.ts";
import type { LearnerRange, PopulationColumns } from "./population-columns.ts";
import { type PopulationLaw, yearSpanOf } from "./population-law.ts";
import { createPopulationParser } from "./population-parser.ts";
import { defaultLawYears, type PopulationRules, populationRulesOf } from "./population-rules.ts";
import type { PopulationTally } from "./population-tally.ts";

/** One run of the rules over a batch of learners under one law. */
export interface PopulationRun {
	readonly columns: PopulationColumns;
	/** Which learners of the columns to simulate. */
	readonly learners: LearnerRange;
	readonly law: PopulationLaw;
	readonly tally: PopulationTally;
	/** Filled, when given, with the final balance of learner `from + i` at `i`. */
	readonly finalBalances?: Int32Array | undefined;
	/**
	 * Filled, when given, with the balance of learner `from + i` at the end of each academic year,
	 * at `i * yearSpanOf(law) + year - law.firstYear`, and 0 for the years before its first row.
	 */
	readonly yearBalances?: Int32Array | undefined;
}

/**
 * Applies the leerkrediet rules to each learner's yearly totals, year by year from the first
 * row to the horizon, with the same rule functions as the single-learner engine: the initial
 * credit (R2), investing and earning back (R3, R4), the bonus (R5), the master deduction (R7)
 * and the rebuild (R18). Rows must hold years the law covers (`law.firstYear` to the horizon).
 *
 * The loop is WebAssembly (`assembly/population-rules.ts`), compiled with the rule functions of
 * `leerkrediet/yearly-rules.ts`, the file the engine runs. It reads the columns in place when a
 * parser filled them (they are in its memory), and a copy of them, slice by slice, otherwise.
 */
export function simulatePopulation(run: PopulationRun): void {
	const span = yearSpanOf(run.law);
	const rules = populationRulesOf(run.columns);
	if (rules !== undefined && span <= rules.lawYears) {
		rules.simulate(run);
		return;
	}
	const { finalBalances, yearBalances } = run;
	forCopies(run.columns, run.learners, span, (copy, offset) => {
		copy.rules.simulate({
			...run,
			...copy.run,
			finalBalances: finalBalances?.subarray(offset),
			yearBalances: yearBalances?.subarray(offset * span),
		});
	});
}

/**
 * Simulates learners under the law as shipped and under a reform of the same academic years, as
 * `simulatePopulation` does under each, and compares their balances: how many learners gain or
 * lose, and how much, in their final balance and in each year (a `DifferenceTally`).
 */
export function simulateComparison(run: ComparisonRun): void {
	const { baseline, reform } = run.laws;
	const span = yearSpanOf(reform);
	if (yearSpanOf(baseline) !== span || baseline.firstYear !== reform.firstYear) {
		throw new RangeError(
			`a comparison needs two laws of the same academic years, not ${baseline.firstYear} to ${baseline.horizon} and ${reform.firstYear} to ${reform.horizon}`,
		);
	}
	const rules = populationRulesOf(run.columns);
	if (rules !== undefined && span <= rules.lawYears) {
		rules.simulateComparison(run);
		return;
	}
	const { balances } = run;
	const part = (side: RunBalances | undefined, offset: number) =>
		side && {
			finalBalances: side.finalBalances.subarray(offset),
			yearBalances: side.yearBalances.subarray(offset * span),
		};
	forCopies(run.columns, run.learners, span, (copy, offset) => {
		const baseline = part(balances?.baseline, offset);
		const reform = part(balances?.reform, offset);
		copy.rules.simulateComparison({
			...run,
			...copy.run,
			balances: baseline && reform && { baseline, reform },
		});
	});
}

// Rows copied at a time, for columns that are not in a parser's memory.
const copyRows = 1 << 16;
// The columns copies go to (one set a thread), with their rules.
let copies: { readonly columns: PopulationColumns; readonly rules: PopulationRules } | undefined;

function copiesFor(span: number) {
	if (copies === undefined || copies.rules.lawYears < span) {
		const lawYears = Math.max(defaultLawYears, span);
		const { columns } = createPopulationParser({ inputBytes: 0, rowCapacity: copyRows, lawYears });
		copies = { columns, rules: populationRulesOf(columns) as PopulationRules };
	}
	return copies;
}

/**
 * Copies the rows of whole learners into a parser's memory, as many at a time as it holds, and
 * hands each copy to `use` with the index of its first learner among `learners`.
 */
function forCopies(
	source: PopulationColumns,
	learners: LearnerRange,
	span: number,
	use: (
		copy: {
			readonly rules: PopulationRules;
			readonly run: { readonly columns: PopulationColumns; readonly learners: LearnerRange };
		},
		offset: number,
	) => void,
): void {
	const { columns, rules } = copiesFor(span);
	const starts = source.learnerRowStarts;
	const { from, to } = learners;
	for (let first = from; first < to; ) {
		const firstRow = starts[first] as number;
		// A learner has a row a year at most, so this many fit; fewer when rows are not so.
		let end = Math.min(to, first + Math.max(1, Math.floor(copyRows / span)));
		while (end > first + 1 && (starts[end] as number) - firstRow > copyRows) end--;
		const endRow = starts[end] as number;
		for (const key of rowColumns) columns[key].set(source[key].subarray(firstRow, endRow));
		columns.learnerIds.set(source.learnerIds.subarray(first, end));
		for (let learner = first; learner <= end; learner++) {
			columns.learnerRowStarts[learner - first] = (starts[learner] as number) - firstRow;
		}
		columns.rowCount = endRow - firstRow;
		columns.learnerCount = end - first;
		use({ rules, run: { columns, learners: { from: 0, to: end - first } } }, first - from);
		first = end;
	}
}

const rowColumns = ["years", "contracts", "registered", "earned", "degrees"] as const;
