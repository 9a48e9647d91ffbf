import { createPopulationColumns, type PopulationColumns } from "./population-columns.ts";
import { PopulationError } from "./population-error.ts";
import {
	bachelorDegree,
	creditContract,
	diplomaContract,
	masterDegree,
	noDegree,
	populationContracts,
	populationDegrees,
} from "./population-law.ts";

/** The header a population file starts with, as `bench/gen-population.mjs` writes it. */
export const populationHeader = "learner_id,academic_year,contract,registered,earned,degree";

/** The most rows a learner can have: one per academic year, which has 4 digits, in ascending order. */
export const mostRowsPerLearner = 9000;

/** The shortest line that can be valid (`1,2019,credit,0,0,` and its newline), to size columns. */
export const shortestPopulationLineBytes = 19;

const comma = ",".charCodeAt(0);
const newline = "\n".charCodeAt(0);
const carriageReturn = "\r".charCodeAt(0);
const zero = "0".charCodeAt(0);
const largestLearnerId = 2_147_483_647;
const learnerIdDigits = String(largestLearnerId).length;
const decimalBase = "0123456789".length;

/** Where the parser stands in one part of a file; it carries over from chunk to chunk. */
export interface PopulationParseState {
	/** Added to the line count in error messages: the lines of the file before this part. */
	readonly lineOffset: number;
	/** Lines parsed so far in this part. */
	lines: number;
	/** The last row's learner and year (0 before the first row): the next row must come after them. */
	lastLearnerId: number;
	lastYear: number;
	/** The earliest academic year seen and its line, checked against the law once it is known. */
	earliestYear: number;
	earliestYearLine: number;
}

/** A fresh state for a part of a file that starts after `lineOffset` lines. */
export function startPopulationParse(lineOffset: number): PopulationParseState {
	return {
		lineOffset,
		lines: 0,
		lastLearnerId: 0,
		lastYear: 0,
		earliestYear: Number.POSITIVE_INFINITY,
		earliestYearLine: 0,
	};
}

/** The number of bytes of the header line (with its line end), or throws PopulationError for line 1. */
export function checkPopulationHeader(bytes: Uint8Array): number {
	let end = bytes.indexOf(newline);
	if (end < 0) end = bytes.length;
	const text = new TextDecoder().decode(bytes.subarray(0, end)).replace(/\r$/, "");
	if (text !== populationHeader) {
		throw new PopulationError(
			1,
			`the header must be ${populationHeader}, not ${JSON.stringify(text)}`,
		);
	}
	return Math.min(end + 1, bytes.length);
}

/**
 * Parses the lines in `bytes[start, end)` into `columns`, checking each field; every line,
 * the last one included, must end in a newline. Throws PopulationError at the first bad line.
 */
export function parsePopulationLines(
	bytes: Uint8Array,
	range: { readonly start: number; readonly end: number },
	columns: PopulationColumns,
	state: PopulationParseState,
	horizon: number,
): void {
	// The state lives in locals while the loop runs, and goes back into `state` and `columns` after.
	const parser = new LineParser(bytes, columns, horizon);
	const { learnerIds, learnerRowStarts, years } = columns;
	let { rowCount, learnerCount } = columns;
	// No closure may capture `lines`: a captured variable lives in memory, not in a register.
	let { lines, lastLearnerId, lastYear } = state;
	for (let at = range.start; at < range.end; lines++) {
		if (rowCount === years.length) throw new Error("population columns are full");
		const next = parser.parse(at, rowCount, learnerCount);
		if (next < 0) throw lineError(state, lines, explainBadLine(lineAt(bytes, at), horizon));
		const learnerId = learnerIds[learnerCount] as number;
		const year = years[rowCount] as number;
		if (learnerId !== lastLearnerId) {
			if (learnerId < lastLearnerId) {
				throw lineError(state, lines, learnerOutOfOrder(learnerId, lastLearnerId));
			}
			learnerRowStarts[learnerCount++] = rowCount;
		} else if (year <= lastYear) {
			throw lineError(state, lines, yearOutOfOrder(learnerId, year, lastYear));
		}
		if (year < state.earliestYear) {
			state.earliestYear = year;
			state.earliestYearLine = state.lineOffset + lines + 1;
		}
		lastLearnerId = learnerId;
		lastYear = year;
		rowCount++;
		at = next;
	}
	learnerRowStarts[learnerCount] = rowCount;
	Object.assign(columns, { rowCount, learnerCount });
	Object.assign(state, { lines, lastLearnerId, lastYear });
}

/** The error for the line after the `lines` lines parsed so far. */
function lineError(state: PopulationParseState, lines: number, reason: string): PopulationError {
	return new PopulationError(state.lineOffset + lines + 1, reason);
}

/** The reason for a learner whose rows come after a learner with a higher learner_id. */
export function learnerOutOfOrder(learnerId: number, previousLearnerId: number): string {
	return `learner ${learnerId} comes after learner ${previousLearnerId}: rows must be grouped by learner, in ascending learner_id`;
}

function yearOutOfOrder(learnerId: number, year: number, previousYear: number): string {
	return year === previousYear
		? `learner ${learnerId} has two rows for academic year ${year}`
		: `academic year ${year} comes after ${previousYear} for learner ${learnerId}: a learner's rows must be in ascending academic_year`;
}

/** A word of 4 to 8 bytes as two (overlapping) 4-byte numbers, to compare 8 bytes in two steps. */
interface Word {
	readonly length: number;
	readonly head: number;
	readonly tail: number;
	/** Where the tail's 4 bytes start. */
	readonly tailAt: number;
}

const wordBytes = Uint32Array.BYTES_PER_ELEMENT;

function wordOf(text: string): Word {
	const bytes = new TextEncoder().encode(text);
	const view = new DataView(bytes.buffer);
	return {
		length: bytes.length,
		head: view.getUint32(0, true),
		tail: view.getUint32(bytes.length - wordBytes, true),
		tailAt: bytes.length - wordBytes,
	};
}

function matchesAt(view: DataView, at: number, word: Word): boolean {
	return (
		at + word.length <= view.byteLength &&
		view.getUint32(at, true) === word.head &&
		view.getUint32(at + word.tailAt, true) === word.tail
	);
}

const diplomaWord = wordOf("diploma,");
const creditWord = wordOf("credit,");
const bachelorWord = wordOf("bachelor");
const masterWord = wordOf("master");
// Most rows have no degree: one byte tells whether a degree word can follow.
const bachelorFirstByte = "b".charCodeAt(0);
const masterFirstByte = "m".charCodeAt(0);

/** Reads lines into columns; what is wrong with a line it refuses, `explainBadLine` tells. */
class LineParser {
	readonly #bytes: Uint8Array;
	readonly #view: DataView;
	readonly #columns: PopulationColumns;
	readonly #horizon: number;

	constructor(bytes: Uint8Array, columns: PopulationColumns, horizon: number) {
		this.#bytes = bytes;
		this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		this.#columns = columns;
		this.#horizon = horizon;
	}

	/**
	 * Reads the line at `start` into row `row`, its learner_id into learner slot `slot`, and returns
	 * where the next line starts, or -1 when the line is not valid on its own. One function with
	 * locals, because it runs once for each of millions of rows.
	 */
	parse(start: number, row: number, slot: number): number {
		const bytes = this.#bytes;
		const view = this.#view;
		const columns = this.#columns;
		let at = start;
		let learnerId = 0;
		for (let byte = bytes[at] as number; byte !== comma; byte = bytes[++at] as number) {
			const digit = byte - zero;
			// Written so that a byte past the end (undefined, so NaN) is refused too.
			if (!(digit >= 0 && digit <= 9) || at - start === learnerIdDigits) return -1;
			learnerId = learnerId * decimalBase + digit;
		}
		if (at === start || learnerId < 1 || learnerId > largestLearnerId) return -1;
		let year = 0;
		for (const end = at + 5; ++at < end; ) {
			const digit = (bytes[at] as number) - zero;
			if (!(digit >= 0 && digit <= 9)) return -1;
			year = year * decimalBase + digit;
		}
		if (bytes[at++] !== comma || year > this.#horizon) return -1;
		// Inline, not through matchesAt: every row has a contract. A valid line goes on for 8 bytes.
		if (at + diplomaWord.length > view.byteLength) return -1;
		const head = view.getUint32(at, true);
		let contract = diplomaContract;
		if (
			head === diplomaWord.head &&
			view.getUint32(at + diplomaWord.tailAt, true) === diplomaWord.tail
		) {
			at += diplomaWord.length;
		} else if (
			head === creditWord.head &&
			view.getUint32(at + creditWord.tailAt, true) === creditWord.tail
		) {
			contract = creditContract;
			at += creditWord.length;
		} else return -1;
		at = readCredits(bytes, at, columns.registered, row);
		if (at < 0) return -1;
		at = readCredits(bytes, at, columns.earned, row);
		if (at < 0 || (columns.earned[row] as number) > (columns.registered[row] as number)) return -1;
		let degree = noDegree;
		const first = bytes[at];
		if (first === bachelorFirstByte && matchesAt(view, at, bachelorWord)) {
			degree = bachelorDegree;
			at += bachelorWord.length;
		} else if (first === masterFirstByte && matchesAt(view, at, masterWord)) {
			degree = masterDegree;
			at += masterWord.length;
		}
		if (bytes[at] === carriageReturn) at++;
		if (bytes[at] !== newline || (degree !== noDegree && contract !== diplomaContract)) return -1;
		columns.learnerIds[slot] = learnerId;
		columns.years[row] = year;
		columns.contracts[row] = contract;
		columns.degrees[row] = degree;
		return at + 1;
	}
}

/** Reads a number of 1 to 3 digits and its comma into `column[row]`; returns what follows, or -1. */
function readCredits(bytes: Uint8Array, start: number, column: Int16Array, row: number): number {
	let at = start;
	let value = 0;
	for (let byte = bytes[at] as number; byte !== comma; byte = bytes[++at] as number) {
		const digit = byte - zero;
		if (!(digit >= 0 && digit <= 9) || at - start === 3) return -1;
		value = value * decimalBase + digit;
	}
	if (at === start) return -1;
	column[row] = value;
	return at + 1;
}

/** The text of the line starting at `start`, without its line end. */
function lineAt(bytes: Uint8Array, start: number): string {
	let end = bytes.indexOf(newline, start);
	if (end < 0) end = bytes.length;
	return new TextDecoder().decode(bytes.subarray(start, end)).replace(/\r$/, "");
}

const wholeNumber = /^\d+$/;

/** Why a line that the parser refused is not valid: the first thing wrong with it on its own. */
export function explainBadLine(line: string, horizon: number): string {
	if (line === "") return "the line is empty";
	const fields = line.split(",");
	if (fields.length !== 6) {
		return `the line has ${fields.length} field${fields.length === 1 ? "" : "s"}, not 6`;
	}
	const [learnerId, year, contract, registered, earned, degree] = fields as [
		string,
		string,
		string,
		string,
		string,
		string,
	];
	const quoted = (text: string) => JSON.stringify(text);
	if (
		!wholeNumber.test(learnerId) ||
		Number(learnerId) < 1 ||
		Number(learnerId) > largestLearnerId
	) {
		return `learner_id must be a whole number from 1 to ${largestLearnerId}, not ${quoted(learnerId)}`;
	}
	if (!/^\d{4}$/.test(year)) return `academic_year must be a year of 4 digits, not ${quoted(year)}`;
	if (Number(year) > horizon) return `academic year ${year} is after the horizon ${horizon}`;
	if (!(populationContracts as readonly string[]).includes(contract)) {
		return `contract must be ${populationContracts.join(" or ")}, not ${quoted(contract)}`;
	}
	for (const [field, value] of [
		["registered", registered],
		["earned", earned],
	] as const) {
		if (!wholeNumber.test(value) || value.length > 3) {
			return `${field} must be a whole number of at most 3 digits, not ${quoted(value)}`;
		}
	}
	if (Number(earned) > Number(registered)) {
		return `earned ${earned} is more than registered ${registered}`;
	}
	if (!(populationDegrees as readonly string[]).includes(degree)) {
		return `degree must be empty, bachelor or master, not ${quoted(degree)}`;
	}
	if (degree !== "" && contract !== "diploma") return "a degree needs a diploma contract";
	throw new Error(`the line ${quoted(line)} is valid`);
}

/**
 * Parses a whole population file held in memory, header included; for tests and small files
 * (the command line streams large files through `parsePopulationLines` in parts).
 */
export function parsePopulation(bytes: Uint8Array, horizon: number): PopulationColumns {
	let text = bytes;
	if (text.length > 0 && text[text.length - 1] !== newline) {
		text = new Uint8Array(bytes.length + 1);
		text.set(bytes);
		text[bytes.length] = newline;
	}
	const start = checkPopulationHeader(text);
	const columns = createPopulationColumns(Math.ceil(text.length / shortestPopulationLineBytes));
	parsePopulationLines(
		text,
		{ start, end: text.length },
		columns,
		startPopulationParse(1),
		horizon,
	);
	return columns;
}
