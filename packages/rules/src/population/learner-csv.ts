// The per-learner rows of `rugzak simulate --out` and of the API's download, as bytes: the
// writer fills a buffer and hands it to the caller's `write`, so it does no I/O of its own.
import type { RunBalances } from "./compare-population.ts";
import type { LearnerRange, PopulationColumns } from "./population-columns.ts";
import { type PopulationLaw, type SimulationLaws, yearSpanOf } from "./population-law.ts";

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

const comma = ",".charCodeAt(0);
const newline = "\n".charCodeAt(0);
const minus = "-".charCodeAt(0);
const zero = "0".charCodeAt(0);
const decimalBase = "0123456789".length;
// A row has at most 4 + 2 × (years) numbers of at most 11 characters each, and their commas.
const flushMargin = 64 * 1024;

/**
 * Writes CSV rows of whole numbers as bytes into a buffer and the buffer to a file when it fills:
 * millions of rows of dozens of numbers are too many to build as strings.
 */
export class CsvWriter {
	readonly #write: (bytes: Uint8Array) => void;
	readonly #buffer = new Uint8Array(1 << 20);
	readonly #digits = new Uint8Array(16);
	#length = 0;

	/** `write` takes the bytes of whole rows; it must copy them (or write them out) before it returns. */
	constructor(write: (bytes: Uint8Array) => void) {
		this.#write = write;
	}

	/** The `--out` rows of a batch; a year before the learner's first row is left empty. */
	writeLearners(batch: {
		readonly columns: PopulationColumns;
		readonly learners: LearnerRange;
		readonly laws: SimulationLaws;
		readonly baseline: RunBalances;
		readonly reform: RunBalances | undefined;
	}): void {
		const { columns, laws, baseline, reform } = batch;
		const span = yearSpanOf(laws.baseline);
		for (let learner = batch.learners.from; learner < batch.learners.to; learner++) {
			if (this.#length > this.#buffer.length - flushMargin) this.flush();
			const i = learner - batch.learners.from;
			const firstRow = columns.learnerRowStarts[learner] as number;
			const before = (columns.years[firstRow] as number) - laws.baseline.firstYear;
			const final = (reform ?? baseline).finalBalances[i] as number;
			this.#number(columns.learnerIds[learner] as number);
			this.#cell(final);
			if (reform) {
				const baselineFinal = baseline.finalBalances[i] as number;
				this.#cell(baselineFinal);
				this.#cell(final - baselineFinal);
			}
			for (const balances of reform ? [reform, baseline] : [baseline]) {
				for (let year = 0; year < span; year++) {
					this.#buffer[this.#length++] = comma;
					if (year >= before) this.#number(balances.yearBalances[i * span + year] as number);
				}
			}
			this.#buffer[this.#length++] = newline;
		}
	}

	/** Hands the rows written so far to `write`. */
	flush(): void {
		if (this.#length > 0) this.#write(this.#buffer.subarray(0, this.#length));
		this.#length = 0;
	}

	#cell(value: number): void {
		this.#buffer[this.#length++] = comma;
		this.#number(value);
	}

	#number(value: number): void {
		let rest = Math.abs(value);
		if (value < 0) this.#buffer[this.#length++] = minus;
		let count = 0;
		do {
			this.#digits[count++] = zero + (rest % decimalBase);
			rest = Math.floor(rest / decimalBase);
		} while (rest > 0);
		while (count > 0) this.#buffer[this.#length++] = this.#digits[--count] as number;
	}
}
