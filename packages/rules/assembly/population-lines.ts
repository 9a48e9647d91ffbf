// The fast path of the population parser, in AssemblyScript, compiled to WebAssembly by
// `npm run build:wasm -w @rugzak/rules` into `src/population/population-lines-wasm.ts`.
//
// It reads the lines that are valid and plain (`learner_id,academic_year,contract,registered,
// earned,degree` with a newline, as `bench/gen-population.mjs` writes them) into the columns, and
// stops at the first line it does not take. It never decides that a line is wrong: the parser in
// TypeScript (`parsePopulationLines`), the one definition of the format, then reads that line and
// either takes it or says why it is not valid. So this file can only make parsing faster, never
// change what a file means; `population-parser.test.ts` checks both give the same columns.
//
// Being WebAssembly, it runs at full speed from its first line, where JavaScript would run the
// first megabytes of every thread in slow code while the engine optimises it.
//
// Memory is the caller's (imported); `parseLines` reads the input and the parse state at the
// addresses it is given, and writes the columns where `placeColumns` put them
// (population-columns.ts).

import {
	bachelorDegree,
	contractsAt,
	creditContract,
	degreesAt,
	diplomaContract,
	earnedAt,
	learnerIdsAt,
	learnerRowStartsAt,
	masterDegree,
	noDegree,
	registeredAt,
	rowCapacity,
	yearsAt,
} from "./population-columns";

export { placeColumns } from "./population-columns";

// The parse state, as 32-bit numbers from the address `parseLines` is given.
const rowCountField = 0;
const learnerCountField = 4;
const lastLearnerIdField = 8;
const lastYearField = 12;
/** Lines taken so far in this part of the file. */
const linesField = 16;
const earliestYearField = 20;
/** The lines taken before the row with the earliest year. */
const linesBeforeEarliestField = 24;

const comma: u32 = 0x2c;
const newline: u32 = 0x0a;
const carriageReturn: u32 = 0x0d;
const zero: u32 = 0x30;
const largestLearnerId: u64 = 2147483647;
const learnerIdDigits = 10;
// The shortest valid line (`1,2019,credit,0,0,` and a newline); no byte of a shorter rest is read.
const shortestLineBytes: usize = 19;
// Words compared 4 bytes at a time, little-endian: "dipl" "oma,", "cred" "dit,", "bach" "elor",
// "mast" "ster".
const diplomaHead: u32 = 0x6c706964;
const diplomaTail: u32 = 0x2c616d6f;
const creditHead: u32 = 0x64657263;
const creditTail: u32 = 0x2c746964;
const bachelorHead: u32 = 0x68636162;
const bachelorTail: u32 = 0x726f6c65;
const masterHead: u32 = 0x7473616d;
const masterTail: u32 = 0x72657473;
const bachelorFirstByte: u32 = 0x62;
const masterFirstByte: u32 = 0x6d;

function digitAt(at: usize): u32 {
	return <u32>load<u8>(at) - zero;
}

function isDigit(digit: u32): bool {
	return digit <= 9;
}

/**
 * Reads the lines in [start, end) into the columns and returns where it stopped: at `end`, or at
 * the start of the first line it did not take. Every line, the last one included, ends in a newline.
 */
export function parseLines(state: usize, start: usize, end: usize, horizon: i32): usize {
	let rowCount = load<i32>(state, rowCountField);
	let learnerCount = load<i32>(state, learnerCountField);
	let lastLearnerId = load<i32>(state, lastLearnerIdField);
	let lastYear = load<i32>(state, lastYearField);
	let lines = load<i32>(state, linesField);
	let earliestYear = load<i32>(state, earliestYearField);
	let linesBeforeEarliest = load<i32>(state, linesBeforeEarliestField);
	// Most lines repeat the learner_id of the line before: its bytes and comma (up to 8 bytes)
	// are compared as one number before any digit is read. A length of 0 turns this off.
	let idBytes: usize = 0;
	let idMask: u64 = 0;
	let idWord: u64 = 0;
	let at = start;
	while (at < end) {
		if (rowCount === rowCapacity || at + shortestLineBytes > end) break;
		const lineStart = at;
		let learnerId = lastLearnerId;
		if (idBytes !== 0 && (load<u64>(at) & idMask) === idWord) {
			at += idBytes;
		} else {
			let id: u64 = 0;
			let digits = 0;
			let digit = digitAt(at);
			while (isDigit(digit) && digits < learnerIdDigits) {
				id = id * 10 + digit;
				digits++;
				digit = digitAt(++at);
			}
			if (digits === 0 || digit + zero !== comma || id < 1 || id > largestLearnerId) break;
			at++;
			learnerId = <i32>id;
			idBytes = digits < 8 ? <usize>(digits + 1) : 0;
			// (a shift by 64 bits is a shift by 0 in WebAssembly: 8 bytes need all bits)
			idMask = idBytes === 8 ? ~(<u64>0) : ((<u64>1) << (<u64>idBytes * 8)) - 1;
			idWord = load<u64>(lineStart) & idMask;
		}
		const thousands = digitAt(at);
		const hundreds = digitAt(at + 1);
		const tens = digitAt(at + 2);
		const ones = digitAt(at + 3);
		if (!(isDigit(thousands) && isDigit(hundreds) && isDigit(tens) && isDigit(ones))) break;
		if (<u32>load<u8>(at, 4) !== comma) break;
		const year = <i32>(((thousands * 10 + hundreds) * 10 + tens) * 10 + ones);
		if (year > horizon) break;
		at += 5;
		let contract = diplomaContract;
		const head = load<u32>(at);
		if (head === diplomaHead && load<u32>(at, 4) === diplomaTail) at += 8;
		else if (head === creditHead && load<u32>(at, 3) === creditTail) {
			contract = creditContract;
			at += 7;
		} else break;
		const registeredField = creditsAt(at);
		if (registeredField < 0) break;
		at += fieldBytes(registeredField);
		const earnedField = creditsAt(at);
		if (earnedField < 0 || fieldValue(earnedField) > fieldValue(registeredField)) break;
		at += fieldBytes(earnedField);
		let degree = noDegree;
		let byte = <u32>load<u8>(at);
		if (byte === bachelorFirstByte) {
			if (at + 9 > end || load<u32>(at) !== bachelorHead || load<u32>(at, 4) !== bachelorTail)
				break;
			degree = bachelorDegree;
			at += 8;
			byte = <u32>load<u8>(at);
		} else if (byte === masterFirstByte) {
			if (at + 7 > end || load<u32>(at) !== masterHead || load<u32>(at, 2) !== masterTail) break;
			degree = masterDegree;
			at += 6;
			byte = <u32>load<u8>(at);
		}
		if (byte === carriageReturn) byte = <u32>load<u8>(++at);
		if (byte !== newline || (degree !== noDegree && contract !== diplomaContract)) break;
		if (learnerId !== lastLearnerId) {
			if (learnerId < lastLearnerId) break;
			store<i32>(learnerIdsAt + ((<usize>learnerCount) << 2), learnerId);
			store<i32>(learnerRowStartsAt + ((<usize>learnerCount) << 2), rowCount);
			learnerCount++;
		} else if (year <= lastYear) break;
		if (year < earliestYear) {
			earliestYear = year;
			linesBeforeEarliest = lines;
		}
		lastLearnerId = learnerId;
		lastYear = year;
		store<i16>(yearsAt + ((<usize>rowCount) << 1), <i16>year);
		store<u8>(contractsAt + <usize>rowCount, contract);
		store<i16>(registeredAt + ((<usize>rowCount) << 1), <i16>fieldValue(registeredField));
		store<i16>(earnedAt + ((<usize>rowCount) << 1), <i16>fieldValue(earnedField));
		store<u8>(degreesAt + <usize>rowCount, degree);
		rowCount++;
		lines++;
		at++;
	}
	// A line not taken: back to its start, for the parser in TypeScript.
	if (at < end) at = lineStartOf(at, start);
	store<i32>(learnerRowStartsAt + ((<usize>learnerCount) << 2), rowCount);
	store<i32>(state, rowCount, rowCountField);
	store<i32>(state, learnerCount, learnerCountField);
	store<i32>(state, lastLearnerId, lastLearnerIdField);
	store<i32>(state, lastYear, lastYearField);
	store<i32>(state, lines, linesField);
	store<i32>(state, earliestYear, earliestYearField);
	store<i32>(state, linesBeforeEarliest, linesBeforeEarliestField);
	return at;
}

/**
 * The credits at `at` (1 to 3 digits, then a comma) as one number, `value << 2 | digits`, or -1
 * when they are not there.
 */
function creditsAt(at: usize): i32 {
	let digit = digitAt(at);
	if (!isDigit(digit)) return -1;
	let value = digit;
	let digits = 1;
	for (; digits < 3; digits++) {
		digit = digitAt(at + digits);
		if (!isDigit(digit)) break;
		value = value * 10 + digit;
	}
	if (digits === 3) digit = digitAt(at + 3);
	return digit + zero === comma ? <i32>((value << 2) | digits) : -1;
}

function fieldValue(field: i32): i32 {
	return field >> 2;
}

/** The bytes of a credits field and its comma. */
function fieldBytes(field: i32): usize {
	return <usize>(field & 3) + 1;
}

/** The start of the line that `at` is in (lines after `start` start after a newline). */
function lineStartOf(at: usize, start: usize): usize {
	while (at > start && <u32>load<u8>(at - 1) !== newline) at--;
	return at;
}
