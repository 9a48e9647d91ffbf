import { createPopulationColumns, type PopulationColumns } from "./population-columns.ts";
import { PopulationError } from "./population-error.ts";
import {
	bachelorDegree,
	creditContract,
	diplomaContract,
	masterDegree,
	noDegree,
	type PopulationLaw,
	populationContracts,
	populationDegrees,
} from "./population-law.ts";
import { createPopulationParser, populationParserFits } from "./population-parser.ts";

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

/**
 * More than any academic year of 4 digits; a small integer, not Infinity, so that the state's
 * fields stay small integers, which the parser's optimised code relies on.
 */
const afterEveryYear = 10_000;

/** Where the parser stands in one part of a file; it carries over from chunk to chunk. */
export interface PopulationParseState {
	/** Added to the line count in error messages: the lines of the file before this part. */
	readonly lineOffset: number;
	/** Lines parsed so far in this part. */
	lines: number;
	/** The last row's learner and year (0 before the first row): the next row must come after them. */
	lastLearnerId: number;
	lastYear: number;
	/**
	 * The earliest academic year seen (`afterEveryYear` before the first row) and its line,
	 * checked against the law once it is known.
	 */
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
		earliestYear: afterEveryYear,
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
	const { learnerIds, learnerRowStarts, years, contracts, registered, earned, degrees } = columns;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const { end } = range;
	// The state lives in locals while the loop runs, and goes back into `state` and `columns` after.
	let { rowCount, learnerCount } = columns;
	let { lines, lastLearnerId, lastYear, earliestYear, earliestYearLine } = state;
	// One loop, with no call that is not inlined and no object per line: it runs for each of
	// millions of rows, where a call or an object per row costs as much as the parsing itself.
	// A field that breaks the format stops the loop, and `explainBadLine` says why. No byte past
	// `end` is read: the last line ends in a newline, at which each field stops, and fixed-width
	// fields are read only where the shortest valid rest of a line still fits before `end`.
	let at = range.start;
	let lineStart = at;
	rows: for (; at < end; lines++) {
		if (rowCount === years.length) throw new Error("population columns are full");
		lineStart = at;
		let learnerId = 0;
		let byte = bytes[at] as number;
		do {
			const digit = byte - zero;
			if (!isDigit(digit) || at - lineStart === learnerIdDigits) break rows;
			learnerId = learnerId * decimalBase + digit;
			byte = bytes[++at] as number;
		} while (byte !== comma);
		at++;
		if (learnerId < 1 || learnerId > largestLearnerId || at + shortestRestBytes > end) break;
		const year = readYear(bytes, at);
		if (year < 0 || year > horizon) break;
		at += yearFieldBytes;
		let contract = diplomaContract;
		if (matchesAt(view, at, diplomaWord)) at += diplomaWord.length;
		else if (matchesAt(view, at, creditWord)) {
			contract = creditContract;
			at += creditWord.length;
		} else break;
		const registeredField = readCreditsField(bytes, at);
		if (registeredField < 0) break;
		at += fieldDigits(registeredField) + 1;
		const earnedField = readCreditsField(bytes, at);
		if (earnedField < 0) break;
		at += fieldDigits(earnedField);
		const registeredCredits = fieldValue(registeredField);
		const earnedCredits = fieldValue(earnedField);
		if (earnedCredits > registeredCredits) break;
		let degree = noDegree;
		byte = bytes[++at] as number;
		if (byte === bachelorFirstByte) {
			if (at + bachelorWord.length >= end || !matchesAt(view, at, bachelorWord)) break;
			degree = bachelorDegree;
			at += bachelorWord.length;
			byte = bytes[at] as number;
		} else if (byte === masterFirstByte) {
			if (at + masterWord.length >= end || !matchesAt(view, at, masterWord)) break;
			degree = masterDegree;
			at += masterWord.length;
			byte = bytes[at] as number;
		}
		if (byte === carriageReturn) byte = bytes[++at] as number;
		if (byte !== newline || (degree !== noDegree && contract !== diplomaContract)) break;
		at++;
		if (learnerId !== lastLearnerId) {
			if (learnerId < lastLearnerId) {
				throw lineError(state, lines, learnerOutOfOrder(learnerId, lastLearnerId));
			}
			learnerIds[learnerCount] = learnerId;
			learnerRowStarts[learnerCount++] = rowCount;
		} else if (year <= lastYear) {
			throw lineError(state, lines, yearOutOfOrder(learnerId, year, lastYear));
		}
		if (year < earliestYear) {
			earliestYear = year;
			earliestYearLine = state.lineOffset + lines + 1;
		}
		lastLearnerId = learnerId;
		lastYear = year;
		years[rowCount] = year;
		contracts[rowCount] = contract;
		registered[rowCount] = registeredCredits;
		earned[rowCount] = earnedCredits;
		degrees[rowCount] = degree;
		rowCount++;
	}
	// The loop stops before `end` only at a line it refuses (`at` is then within that line, or -1).
	if (at < end) throw lineError(state, lines, explainBadLine(lineAt(bytes, lineStart), horizon));
	learnerRowStarts[learnerCount] = rowCount;
	Object.assign(columns, { rowCount, learnerCount });
	Object.assign(state, { lines, lastLearnerId, lastYear, earliestYear, earliestYearLine });
}

/** The error for the line after the `lines` lines parsed so far. */
function lineError(state: PopulationParseState, lines: number, reason: string): PopulationError {
	return new PopulationError(state.lineOffset + lines + 1, reason);
}

/** Refuses a population with a year before the law is in force, naming its first such line. */
export function checkEarliestYear(state: PopulationParseState, law: PopulationLaw): void {
	if (state.earliestYear >= law.firstYear) return;
	throw new PopulationError(
		state.earliestYearLine,
		`academic year ${state.earliestYear} is before ${law.firstYear}, the first in which the leerkrediet law is in force`,
	);
}

/** The error for a chunk of `chunkBytes` that holds no whole line: the next line is too long. */
export function lineTooLong(state: PopulationParseState, chunkBytes: number): PopulationError {
	const line = state.lineOffset + state.lines + 1;
	return new PopulationError(line, `the line is longer than ${chunkBytes} bytes`);
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

/** A byte minus `zero` is a digit when it is 0 to 9; `>>> 0` makes a negative one large. */
function isDigit(digit: number): boolean {
	return digit >>> 0 <= 9;
}

/** The year of 4 digits and a comma at `at`, or -1; the caller makes sure the 5 bytes are there. */
function readYear(bytes: Uint8Array, at: number): number {
	const thousands = (bytes[at] as number) - zero;
	const hundreds = (bytes[at + 1] as number) - zero;
	const tens = (bytes[at + 2] as number) - zero;
	const ones = (bytes[at + 3] as number) - zero;
	if (!(isDigit(thousands) && isDigit(hundreds) && isDigit(tens) && isDigit(ones))) return -1;
	if (bytes[at + 4] !== comma) return -1;
	return ((thousands * decimalBase + hundreds) * decimalBase + tens) * decimalBase + ones;
}

/**
 * The credits field at `at` (1 to 3 digits, then a comma) as one number, `value * 4 + digits`,
 * or -1: one small function returns both without an object, so the parser's loop inlines it.
 */
function readCreditsField(bytes: Uint8Array, at: number): number {
	const hundredsOrLess = (bytes[at] as number) - zero;
	if (!isDigit(hundredsOrLess)) return -1;
	const second = bytes[at + 1] as number;
	if (second === comma) return packField(hundredsOrLess, 1);
	const tens = second - zero;
	if (!isDigit(tens)) return -1;
	const third = bytes[at + 2] as number;
	if (third === comma) return packField(hundredsOrLess * decimalBase + tens, 2);
	const ones = third - zero;
	if (!isDigit(ones) || bytes[at + 3] !== comma) return -1;
	return packField((hundredsOrLess * decimalBase + tens) * decimalBase + ones, 3);
}

const digitsBits = 2;
const packField = (value: number, digits: number) => (value << digitsBits) | digits;
const fieldDigits = (field: number) => field & ((1 << digitsBits) - 1);
const fieldValue = (field: number) => field >> digitsBits;

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

/** Whether `word` is at `at`; the caller makes sure its bytes are there. */
function matchesAt(view: DataView, at: number, word: Word): boolean {
	return (
		view.getUint32(at, true) === word.head && view.getUint32(at + word.tailAt, true) === word.tail
	);
}

const diplomaWord = wordOf("diploma,");
const creditWord = wordOf("credit,");
const bachelorWord = wordOf("bachelor");
const masterWord = wordOf("master");
// Most rows have no degree: one byte tells whether a degree word can follow.
const bachelorFirstByte = "b".charCodeAt(0);
const masterFirstByte = "m".charCodeAt(0);
const yearFieldBytes = "2019,".length;
/** The shortest valid rest of a line after the learner_id's comma. */
const shortestRestBytes = "2019,credit,0,0,\n".length;

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
 * Parses a whole population file held in memory, header included, into columns of its own; for
 * tests and files that fit in memory (the command line streams files chunk by chunk).
 */
export function parsePopulation(bytes: Uint8Array, horizon: number): PopulationColumns {
	const sizes = {
		inputBytes: bytes.length,
		rowCapacity: Math.ceil(bytes.length / shortestPopulationLineBytes),
	};
	// Beyond what one WebAssembly parser holds, the parser in TypeScript reads it alone.
	const parser = populationParserFits(sizes)
		? createPopulationParser(sizes)
		: {
				input: new Uint8Array(bytes.length + 1),
				columns: createPopulationColumns(sizes.rowCapacity),
			};
	const { input, columns } = parser;
	input.set(bytes);
	let end = bytes.length;
	if (end > 0 && input[end - 1] !== newline) input[end++] = newline;
	const start = checkPopulationHeader(input.subarray(0, end));
	const range = { start, end };
	const state = startPopulationParse(1);
	if ("parseLines" in parser) parser.parseLines(range, state, horizon);
	else parsePopulationLines(input, range, columns, state, horizon);
	return columns;
}
