import type { ComparisonRun } from "./compare-population.ts";
import type { LearnerRange, PopulationColumns } from "./population-columns.ts";
import { type PopulationLaw, populationContracts, yearSpanOf } from "./population-law.ts";
import { populationRulesWasm } from "./population-rules-wasm.ts";
import { type PopulationTally, ruleCounts } from "./population-tally.ts";
import {
	type ColumnAddresses,
	instantiateOn,
	type PlacesColumns,
	placeColumns,
	type WasmMemory,
} from "./population-wasm.ts";
import type { PopulationRun } from "./simulate-population.ts";
import { countValue } from "./value-histogram.ts";

/**
 * The leerkrediet rules over columns that live in a WebAssembly memory (a parser's): WebAssembly
 * compiled from `assembly/population-rules.ts`, with the rule functions of
 * `leerkrediet/yearly-rules.ts`, runs the learners in place, in slices, and this adds what they
 * give to the tally and to the balances asked for.
 */
export interface PopulationRules {
	/** The most academic years a law may cover for these rules to run it. */
	readonly lawYears: number;
	/** What `simulatePopulation` does, for a law of at most `lawYears` years. */
	simulate(run: PopulationRun): void;
	/** What `simulateComparison` does, for laws of at most `lawYears` years. */
	simulateComparison(run: ComparisonRun): void;
}

/** What the WebAssembly module exports (`assembly/population-rules.ts`). */
interface PopulationRulesExports extends PlacesColumns {
	placeTallyParts(
		histogramField: number,
		lowest: number,
		size: number,
		yearsField: number,
		outliersAt: number,
	): void;
	/** Returns how many learners it listed as outside the tally's histogram. */
	simulate(
		from: number,
		to: number,
		firstYear: number,
		span: number,
		lawAt: number,
		tallyAt: number,
		finalsAt: number,
		yearBalancesAt: number,
	): number;
	compare(
		learners: number,
		span: number,
		baselineFinalsAt: number,
		reformFinalsAt: number,
		baselineYearsAt: number,
		reformYearsAt: number,
		differenceAt: number,
		changesAt: number,
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
// A tally: 64-bit counts (`ruleCounts`, then the sum of the final balances and their checksum,
// a 32-bit integer in its 64 bits), then the learners by final balance (32-bit counts of the
// values `histogramLowest` on), then for each academic year in turn the four counts of
// `tallyYears`; a difference tally has `differenceCounts`, and `differenceYears` by year.
const sumOfFinalBalancesSlot = ruleCounts.length;
const checksumSlot = sumOfFinalBalancesSlot + 1;
const countSlots = checksumSlot + 1;
const histogramField = countSlots * 8;
// Final balances stay within a few hundred credits of 0; any outside are counted one by one.
const histogramLowest = -2048;
const histogramSize = 4096;
const yearsField = histogramField + histogramSize * 4;
const yearsSlot = yearsField / 8;
const tallyYears = ["yearStarted", "yearEnrolled", "yearExhausted", "yearBalanceSums"] as const;
const differenceCounts = [
	"learnersGaining",
	"learnersLosing",
	"creditsGained",
	"creditsLost",
] as const;
const differenceYears = [
	"yearGaining",
	"yearLosing",
	"yearCreditsGained",
	"yearCreditsLost",
] as const;
const yearCounts = 4;

/** The bytes the rules need in a memory, besides the columns, for laws of up to `lawYears` years. */
export function populationRulesBytes(lawYears: number): number {
	return layoutOf(lawYears, 0).end;
}

// Room for the two sides of a comparison (the law as shipped and the reform), and the difference.
const sides = 2;

function layoutOf(lawYears: number, at: number) {
	let end = at;
	const take = (bytes: number) => {
		const start = end;
		end += Math.ceil(bytes / 8) * 8;
		return start;
	};
	const tallyBytes = yearsField + yearCounts * lawYears * 8;
	const side = () => ({
		lawAt: take(lawYears * lawYearWords * 4),
		tallyAt: take(tallyBytes),
		finalsAt: take(sliceLearners * 4),
		yearBalancesAt: take(sliceYearBalances * 4),
	});
	return {
		sides: Array.from({ length: sides }, side),
		differenceAt: take(tallyBytes),
		changesAt: take(sliceLearners * 4),
		outliersAt: take(sliceLearners * 4),
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
	const layout = layoutOf(lawYears, setup.rulesAt);
	wasm.placeTallyParts(
		histogramField,
		histogramLowest,
		histogramSize,
		yearsField,
		layout.outliersAt,
	);
	const outliers = new Int32Array(buffer, layout.outliersAt, sliceLearners);
	const sides = layout.sides.map((at) => new Side(wasm, buffer, at, lawYears, outliers));
	const [baselineSide, reformSide] = sides as [Side, Side];
	const differenceWords = new Float64Array(buffer, layout.differenceAt, tallyWordsFor(lawYears));
	const changes = new Int32Array(buffer, layout.changesAt, sliceLearners);

	function simulate(run: PopulationRun): void {
		const { law, finalBalances, yearBalances } = run;
		const span = yearSpanOf(law);
		baselineSide.begin(law, span);
		const { from, to } = run.learners;
		const perCall = learnersPerCall(span, yearBalances !== undefined);
		for (let first = from; first < to; first += perCall) {
			const end = Math.min(to, first + perCall);
			baselineSide.run(run.tally, first, end, yearBalances !== undefined);
			baselineSide.copy(first - from, end - first, finalBalances, yearBalances);
		}
		baselineSide.end(run.tally, columns, run.learners);
	}

	function simulateComparison(run: ComparisonRun): void {
		const { laws, tallies, balances } = run;
		const span = yearSpanOf(laws.reform);
		baselineSide.begin(laws.baseline, span);
		reformSide.begin(laws.reform, span);
		differenceWords.fill(0, 0, tallyWordsFor(span));
		const { from, to } = run.learners;
		const perCall = learnersPerCall(span, true);
		for (let first = from; first < to; first += perCall) {
			const end = Math.min(to, first + perCall);
			const count = end - first;
			baselineSide.run(tallies.baseline, first, end, true);
			reformSide.run(tallies.reform, first, end, true);
			wasm.compare(
				count,
				span,
				baselineSide.at.finalsAt,
				reformSide.at.finalsAt,
				baselineSide.at.yearBalancesAt,
				reformSide.at.yearBalancesAt,
				layout.differenceAt,
				layout.changesAt,
			);
			for (let i = 0; i < count; i++) {
				countValue(tallies.difference.finalDifferences, changes[i] as number);
			}
			const offset = first - from;
			baselineSide.copy(
				offset,
				count,
				balances?.baseline.finalBalances,
				balances?.baseline.yearBalances,
			);
			reformSide.copy(offset, count, balances?.reform.finalBalances, balances?.reform.yearBalances);
		}
		baselineSide.end(tallies.baseline, columns, run.learners);
		reformSide.end(tallies.reform, columns, run.learners);
		addCounts(tallies.difference, differenceWords, differenceCounts, differenceYears, span);
	}

	rulesOfColumns.set(columns, { lawYears, simulate, simulateComparison });
}

/** The 64-bit words of a tally for laws of `years` academic years. */
function tallyWordsFor(years: number): number {
	return yearsSlot + yearCounts * years;
}

/** How many learners one call into WebAssembly takes: as many as their balances by year leave room for. */
function learnersPerCall(span: number, keepYears: boolean): number {
	return keepYears
		? Math.max(1, Math.min(sliceLearners, Math.floor(sliceYearBalances / span)))
		: sliceLearners;
}

type SideLayout = ReturnType<typeof layoutOf>["sides"][number];

/** One law's part of the memory: its law, its tally, and a slice's balances. */
class Side {
	readonly at: SideLayout;
	readonly #wasm: PopulationRulesExports;
	readonly #lawWords: Int32Array;
	readonly #tallyWords: Float64Array;
	readonly #tallyInts: Int32Array;
	readonly #finals: Int32Array;
	readonly #outliers: Int32Array;
	readonly #yearBalances: Int32Array;
	#law: PopulationLaw | undefined;
	#written: PopulationLaw | undefined;
	#span = 0;

	constructor(
		wasm: PopulationRulesExports,
		buffer: ArrayBuffer,
		at: SideLayout,
		lawYears: number,
		outliers: Int32Array,
	) {
		this.at = at;
		this.#wasm = wasm;
		this.#lawWords = new Int32Array(buffer, at.lawAt, lawYears * lawYearWords);
		this.#tallyWords = new Float64Array(buffer, at.tallyAt, tallyWordsFor(lawYears));
		this.#tallyInts = new Int32Array(buffer, at.tallyAt, yearsField / 4);
		this.#outliers = outliers;
		this.#finals = new Int32Array(buffer, at.finalsAt, sliceLearners);
		this.#yearBalances = new Int32Array(buffer, at.yearBalancesAt, sliceYearBalances);
	}

	/** Starts a run under `law`: writes it (unless it is there already), and empties the tally. */
	begin(law: PopulationLaw, span: number): void {
		this.#law = law;
		this.#span = span;
		if (law !== this.#written) this.#writeLaw(law);
		this.#tallyWords.fill(0, 0, tallyWordsFor(span));
	}

	/**
	 * Simulates the learners `first` to `end` (excluded) into this side's balances and tally, and
	 * counts in `tally` those whose final balance is outside the tally's histogram.
	 */
	run(tally: PopulationTally, first: number, end: number, keepYears: boolean): void {
		const { at } = this;
		const law = this.#law as PopulationLaw;
		const outside = this.#wasm.simulate(
			first,
			end,
			law.firstYear,
			this.#span,
			at.lawAt,
			at.tallyAt,
			at.finalsAt,
			keepYears ? at.yearBalancesAt : 0,
		);
		for (let i = 0; i < outside; i++) {
			countValue(tally.finalBalances, this.#finals[this.#outliers[i] as number] as number);
		}
		tally.learners += end - first;
	}

	/** Copies the balances of the slice just run to the caller's, from learner `offset` on. */
	copy(
		offset: number,
		count: number,
		finalBalances: Int32Array | undefined,
		yearBalances: Int32Array | undefined,
	): void {
		const span = this.#span;
		finalBalances?.set(this.#finals.subarray(0, count), offset);
		yearBalances?.set(this.#yearBalances.subarray(0, count * span), offset * span);
	}

	/** Adds what the run counted in memory to `tally`. */
	end(tally: PopulationTally, columns: PopulationColumns, learners: LearnerRange): void {
		const words = this.#tallyWords;
		addCounts(tally, words, ruleCounts, tallyYears, this.#span);
		tally.sumOfFinalBalances += words[sumOfFinalBalancesSlot] as number;
		tally.checksum = (tally.checksum + (this.#tallyInts[checksumSlot * 2] as number)) | 0;
		const counts = this.#tallyInts.subarray(histogramField / 4, yearsField / 4);
		counts.forEach((learners, index) => {
			if (learners > 0) countValue(tally.finalBalances, histogramLowest + index, learners);
		});
		const starts = columns.learnerRowStarts;
		tally.learnerYears += (starts[learners.to] as number) - (starts[learners.from] as number);
	}

	#writeLaw(law: PopulationLaw): void {
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
			this.#lawWords.set(
				lawFields.map((field) => values[field]),
				index * lawYearWords,
			);
		});
		this.#written = law;
	}
}

/** Adds counts kept in memory (the `scalars`, then `years` by academic year in turn) to a tally. */
function addCounts<Scalar extends string, Year extends string>(
	tally: Record<Scalar, number> & Record<Year, Float64Array>,
	words: Float64Array,
	scalars: readonly Scalar[],
	years: readonly Year[],
	span: number,
): void {
	const counts: Record<Scalar, number> = tally;
	scalars.forEach((key, index) => {
		counts[key] += words[index] as number;
	});
	years.forEach((key, index) => {
		const byYear: Float64Array = tally[key];
		for (let year = 0; year < span; year++) {
			const counted = words[yearsSlot + year * yearCounts + index] as number;
			byYear[year] = (byYear[year] as number) + counted;
		}
	});
}
