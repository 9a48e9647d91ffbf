import { type PopulationParseState, parsePopulationLines } from "./parse-population.ts";
import type { PopulationColumns } from "./population-columns.ts";
import { populationLinesWasm } from "./population-lines-wasm.ts";
import {
	attachPopulationRules,
	defaultLawYears,
	populationRulesBytes,
} from "./population-rules.ts";
import {
	type ColumnAddresses,
	createMemory,
	instantiateOn,
	type PlacesColumns,
	pageBytes,
	placeColumns,
} from "./population-wasm.ts";

/**
 * A parser of population lines with its own memory, which holds both the bytes to parse and the
 * columns they fill: the caller reads a chunk of a file into `input` and parses it in place.
 * The memory also has room for the rules, so that `simulatePopulation` runs them on the columns
 * where they are (`population-rules.ts`).
 *
 * Lines are read by WebAssembly compiled from `assembly/population-lines.ts`, which runs at full
 * speed from the first line on (JavaScript would spend the first megabytes of each thread in slow
 * code while the engine optimises it). It takes only lines that are valid and plain; any other
 * line goes to `parsePopulationLines`, the definition of the format, which takes it or throws
 * PopulationError saying why it is not valid. So both parse every file to the same columns.
 */
export interface PopulationParser {
	/** Where the bytes to parse go: `inputBytes` of them, and a spare one for a last newline. */
	readonly input: Uint8Array;
	/** The columns the lines fill, in the parser's memory. */
	readonly columns: PopulationColumns;
	/** How many lines WebAssembly left to `parsePopulationLines` so far (none in a plain file). */
	readonly slowLines: number;
	/**
	 * Parses the lines in `input[range.start, range.end)` into the columns, as
	 * `parsePopulationLines` does; every line must end in a newline.
	 */
	parseLines(
		range: { readonly start: number; readonly end: number },
		state: PopulationParseState,
		horizon: number,
	): void;
}

/** What the WebAssembly module exports (`assembly/population-lines.ts`). */
interface PopulationLinesExports extends PlacesColumns {
	parseLines(state: number, start: number, end: number, horizon: number): number;
}

const largestParserBytes = 2 ** 31 - pageBytes;
// The parse state that WebAssembly reads and writes, as 32-bit numbers (see the assembly file).
const stateFields = 8;
// WebAssembly reads up to 8 bytes at once, which may go past the end of the input's last line.
const inputSlack = 16;
const newline = "\n".charCodeAt(0);

/**
 * How large a parser is: the bytes its input holds (and a spare one), the rows of its columns,
 * and the academic years a law may cover for the rules to run on them in place (128 unless said).
 */
export interface PopulationParserSizes {
	readonly inputBytes: number;
	readonly rowCapacity: number;
	readonly lawYears?: number | undefined;
}

/** Where each part of a parser's memory starts, from address 0, each on 8 bytes; `end` is its size. */
function layoutOf(sizes: PopulationParserSizes) {
	const rows = sizes.rowCapacity;
	let end = 0;
	const take = (bytes: number) => {
		const at = end;
		end += Math.ceil(bytes / 8) * 8;
		return at;
	};
	return {
		stateAt: take(stateFields * Int32Array.BYTES_PER_ELEMENT),
		inputAt: take(sizes.inputBytes + 1 + inputSlack),
		learnerIds: take((rows + 1) * Int32Array.BYTES_PER_ELEMENT),
		learnerRowStarts: take((rows + 1) * Int32Array.BYTES_PER_ELEMENT),
		years: take(rows * Int16Array.BYTES_PER_ELEMENT),
		registered: take(rows * Int16Array.BYTES_PER_ELEMENT),
		earned: take(rows * Int16Array.BYTES_PER_ELEMENT),
		contracts: take(rows),
		degrees: take(rows),
		rulesAt: take(populationRulesBytes(lawYearsOf(sizes))),
		end,
	};
}

const lawYearsOf = (sizes: PopulationParserSizes) => sizes.lawYears ?? defaultLawYears;

/**
 * Whether a parser of these sizes fits in the memory WebAssembly can address from JavaScript
 * (its 32-bit addresses, read as signed numbers, stay below 2 GiB).
 */
export function populationParserFits(sizes: PopulationParserSizes): boolean {
	return layoutOf(sizes).end <= largestParserBytes;
}

/** A parser whose input holds `inputBytes` (and a spare byte) and whose columns hold `rowCapacity` rows. */
export function createPopulationParser(sizes: PopulationParserSizes): PopulationParser {
	if (!populationParserFits(sizes)) {
		throw new RangeError(
			`a population parser of ${sizes.inputBytes} bytes and ${sizes.rowCapacity} rows is larger than 2 GiB: parse the file in chunks`,
		);
	}
	const rows = sizes.rowCapacity;
	const { stateAt, inputAt, rulesAt, end, ...columnsAt } = layoutOf(sizes);
	const addresses: ColumnAddresses = { ...columnsAt, rows };
	// Pages are only backed by the system once written, so memory grows as rows fill it.
	const memory = createMemory(end);
	const wasm = instantiateOn(populationLinesWasm, memory) as PopulationLinesExports;
	placeColumns(wasm, addresses);
	const { buffer } = memory;
	const wasmState = new Int32Array(buffer, stateAt, stateFields);
	const input = new Uint8Array(buffer, inputAt, sizes.inputBytes + 1);
	const columns: PopulationColumns = {
		rowCount: 0,
		learnerCount: 0,
		learnerIds: new Int32Array(buffer, addresses.learnerIds, rows + 1),
		learnerRowStarts: new Int32Array(buffer, addresses.learnerRowStarts, rows + 1),
		years: new Int16Array(buffer, addresses.years, rows),
		contracts: new Uint8Array(buffer, addresses.contracts, rows),
		registered: new Int16Array(buffer, addresses.registered, rows),
		earned: new Int16Array(buffer, addresses.earned, rows),
		degrees: new Uint8Array(buffer, addresses.degrees, rows),
	};
	attachPopulationRules({ memory, columns, addresses, rulesAt, lawYears: lawYearsOf(sizes) });

	function parseLines(
		range: { readonly start: number; readonly end: number },
		state: PopulationParseState,
		horizon: number,
	): void {
		for (let at = range.start; at < range.end; ) {
			wasmState.set([
				columns.rowCount,
				columns.learnerCount,
				state.lastLearnerId,
				state.lastYear,
				state.lines,
				state.earliestYear,
			]);
			const stop = wasm.parseLines(stateAt, inputAt + at, inputAt + range.end, horizon) - inputAt;
			const field = (index: number) => wasmState[index] as number;
			columns.rowCount = field(0);
			columns.learnerCount = field(1);
			state.lastLearnerId = field(2);
			state.lastYear = field(3);
			state.lines = field(4);
			if (field(5) < state.earliestYear) {
				state.earliestYear = field(5);
				state.earliestYearLine = state.lineOffset + field(6) + 1;
			}
			if (stop >= range.end) return;
			// A line WebAssembly did not take: the parser in TypeScript takes it, or says why not.
			const newlineAt = input.indexOf(newline, stop);
			at = newlineAt < 0 || newlineAt >= range.end ? range.end : newlineAt + 1;
			slowLines++;
			parsePopulationLines(input, { start: stop, end: at }, columns, state, horizon);
		}
	}

	let slowLines = 0;
	return {
		input,
		columns,
		get slowLines() {
			return slowLines;
		},
		parseLines,
	};
}
