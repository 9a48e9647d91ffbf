import type { PopulationColumns } from "./population-columns.ts";
import { type PopulationLaw, populationContracts, yearSpanOf } from "./population-law.ts";
import { populationRulesWasm } from "./population-rules-wasm.ts";
import { countFinalBalances, ruleCounts } from "./population-tally.ts";
import {
	type ColumnAddresses,
	instantiateOn,
	type PlacesColumns,
	placeColumns,
	type WasmMemory,
} from "./population-wasm.ts";
import type { PopulationRun } from "./simulate-population.ts";

/**
 * The leerkrediet rules over columns that live in a WebAssembly memory (a parser's): WebAssembly
 * compiled from `assembly/population-rules.ts`, with the rule functions of
 * `leerkrediet/yearly-rules.ts`, runs the learners in place, in slices, and this adds what they
 * give to the tally and to the balances asked for.
 */
export interface PopulationRules {
	/** The most academic years a law may cover for these rules to run it. */
	readonly lawYears: number;
	simulate(run: PopulationRun): void;
}

/** What the WebAssembly module exports (`assembly/population-rules.ts`). */
interface PopulationRulesExports extends PlacesColumns {
	simulate(
		from: number,
		to: number,
		firstYear: number,
		span: number,
		lawAt: number,
		tallyAt: number,
		finalsAt: number,
		yearBalancesAt: number,
	): void;
}

/** The academic years a parser's memory has room for, unless it is asked for more. */
export const defaultLawYears = 128;

// Learners simulated by one call into WebAssembly: their final balances, and their balances by
// year, wait in the memory until they are counted and copied.
const sliceLearners = 8192;
const sliceYearBalances = 1 << 18;

// The law of one academic year: 32-bit fields, in the order `assembly/population-rules.ts` reads them.
const lawYearWords = 16;
const lawFields = [
	"initial",
	"bonus",
	"earnsBonus",
	"masterDeduction",
	"masterDeductionFirstOnly",
	"rebuildIncrement",
	"rebuildCeiling",
	"rebuildOnce",
	"rebuildForfeitsBonus",
	"waitingYearsAfterStopping",
	"waitingYearsAfterMaster",
] as const;
// The tally: 64-bit counts (`ruleCounts`, in this order), then for each academic year in turn
// the four counts of `tallyYears`.
const tallyCountSlots = 8;
const tallyYears = ["yearStarted", "yearEnrolled", "yearExhausted", "yearBalanceSums"] as const;

/** The bytes the rules need in a memory, besides the columns, for laws of up to `lawYears` years. */
export function populationRulesBytes(lawYears: number): number {
	return layoutOf(lawYears, 0).end;
}

function layoutOf(lawYears: number, at: number) {
	let end = at;
	const take = (bytes: number) => {
		const start = end;
		end += Math.ceil(bytes / 8) * 8;
		return start;
	};
	return {
		lawAt: take(lawYears * lawYearWords * 4),
		tallyAt: take((tallyCountSlots + tallyYears.length * lawYears) * 8),
		finalsAt: take(sliceLearners * 4),
		yearBalancesAt: take(sliceYearBalances * 4),
		end,
	};
}

// The rules of each set of columns that lives in a WebAssembly memory.
const rulesOfColumns = new WeakMap<PopulationColumns, PopulationRules>();

/** The rules that run in place on `columns`, or undefined when they do not live in a memory. */
export function populationRulesOf(columns: PopulationColumns): PopulationRules | undefined {
	return rulesOfColumns.get(columns);
}

/**
 * Sets up the rules on `columns`, which live in `memory` at `addresses`; they use the
 * `populationRulesBytes(lawYears)` bytes from `rulesAt`.
 */
export function attachPopulationRules(setup: {
	readonly memory: WasmMemory;
	readonly columns: PopulationColumns;
	readonly addresses: ColumnAddresses;
	readonly rulesAt: number;
	readonly lawYears: number;
}): void {
	const { memory, columns, addresses, lawYears } = setup;
	const wasm = instantiateOn(populationRulesWasm, memory) as PopulationRulesExports;
	placeColumns(wasm, addresses);
	const { buffer } = memory;
	const { lawAt, tallyAt, finalsAt, yearBalancesAt } = layoutOf(lawYears, setup.rulesAt);
	const lawWords = new Int32Array(buffer, lawAt, lawYears * lawYearWords);
	const tallyWords = new Float64Array(
		buffer,
		tallyAt,
		tallyCountSlots + tallyYears.length * lawYears,
	);
	const finals = new Int32Array(buffer, finalsAt, sliceLearners);
	const yearBalanceWords = new Int32Array(buffer, yearBalancesAt, sliceYearBalances);
	let lawWritten: PopulationLaw | undefined;

	function writeLaw(law: PopulationLaw): void {
		if (law === lawWritten) return;
		law.years.forEach((year, index) => {
			const { rebuild } = year;
			const values: Record<(typeof lawFields)[number], number> = {
				initial: year.initial,
				bonus: year.bonus,
				earnsBonus: populationContracts.reduce(
					(mask, _, contract) =>
						year.contractEarnsBonus[contract] ? mask | (1 << contract) : mask,
					0,
				),
				masterDeduction: year.masterDeduction,
				masterDeductionFirstOnly: year.masterDeductionFirstOnly ? 1 : 0,
				rebuildIncrement: rebuild.increment,
				rebuildCeiling: rebuild.ceiling,
				rebuildOnce: rebuild.once ? 1 : 0,
				rebuildForfeitsBonus: rebuild.forfeitsBonus ? 1 : 0,
				waitingYearsAfterStopping: rebuild.waitingYearsAfterStopping,
				waitingYearsAfterMaster: rebuild.waitingYearsAfterMaster,
			};
			lawWords.set(
				lawFields.map((field) => values[field]),
				index * lawYearWords,
			);
		});
		lawWritten = law;
	}

	function simulate(run: PopulationRun): void {
		const { law, tally, finalBalances, yearBalances } = run;
		const { learnerIds, learnerRowStarts } = columns;
		const span = yearSpanOf(law);
		if (span > lawYears) {
			throw new RangeError(`these rules have room for ${lawYears} academic years, not ${span}`);
		}
		writeLaw(law);
		tallyWords.fill(0, 0, tallyCountSlots + tallyYears.length * span);
		const keepYears = yearBalances !== undefined;
		const perCall = keepYears
			? Math.max(1, Math.min(sliceLearners, Math.floor(sliceYearBalances / span)))
			: sliceLearners;
		const { from, to } = run.learners;
		for (let first = from; first < to; first += perCall) {
			const end = Math.min(to, first + perCall);
			wasm.simulate(
				first,
				end,
				law.firstYear,
				span,
				lawAt,
				tallyAt,
				finalsAt,
				keepYears ? yearBalancesAt : 0,
			);
			const count = end - first;
			countFinalBalances(tally, learnerIds, first, finals, count);
			finalBalances?.set(finals.subarray(0, count), first - from);
			yearBalances?.set(yearBalanceWords.subarray(0, count * span), (first - from) * span);
		}
		ruleCounts.forEach((key, index) => {
			tally[key] += tallyWords[index] as number;
		});
		tallyYears.forEach((key, index) => {
			const counts = tally[key];
			for (let year = 0; year < span; year++) {
				const counted = tallyWords[tallyCountSlots + year * tallyYears.length + index] as number;
				counts[year] = (counts[year] as number) + counted;
			}
		});
		tally.learnerYears += (learnerRowStarts[to] as number) - (learnerRowStarts[from] as number);
	}

	rulesOfColumns.set(columns, { lawYears, simulate });
}
