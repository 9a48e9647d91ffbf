import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { checkPopulationHeader } from "@rugzak/rules/population";

/** A part of a population file, `start` to `end` in bytes, holding whole lines of whole learners. */
export interface ByteRange {
	readonly start: number;
	readonly end: number;
}

// Enough for the header and for the rows of a learner around a cut; a longer stretch is read on.
const windowBytes = 64 * 1024;
const newline = "\n".charCodeAt(0);
const comma = ",".charCodeAt(0);

/**
 * Checks the header of a population file and cuts the rest into at most `parts` byte ranges of
 * about equal size, each starting at a learner's first row, so that workers can each take one.
 */
export function splitByLearner(path: string, parts: number): ByteRange[] {
	const fd = openSync(path, "r");
	try {
		const size = fstatSync(fd).size;
		const head = readAt(fd, 0, Math.min(size, windowBytes));
		const start = checkPopulationHeader(head);
		const cuts = [start];
		for (let part = 1; part < parts; part++) {
			const cut = learnerStartAfter(fd, start + Math.floor(((size - start) * part) / parts), size);
			if (cut > (cuts.at(-1) as number) && cut < size) cuts.push(cut);
		}
		if (start === size) return [];
		return cuts.map((from, i) => ({ start: from, end: cuts[i + 1] ?? size }));
	} finally {
		closeSync(fd);
	}
}

function readAt(fd: number, position: number, length: number): Uint8Array {
	const bytes = new Uint8Array(length);
	let read = 0;
	while (read < length) {
		const got = readSync(fd, bytes, read, length - read, position + read);
		if (got === 0) break;
		read += got;
	}
	return bytes.subarray(0, read);
}

/**
 * Where the first learner starts whose first row comes after the line that holds `position`
 * (the file's size when there is none): the start of the first line, after that one, whose
 * learner_id differs from the line before it.
 */
function learnerStartAfter(fd: number, position: number, size: number): number {
	const newlineAt = readAt(fd, position, Math.min(windowBytes, size - position)).indexOf(newline);
	if (newlineAt < 0) return size;
	let at = position + newlineAt + 1;
	let firstId: string | undefined;
	// Each pass reads on by at least one line, or stops.
	while (at < size) {
		const window = readAt(fd, at, Math.min(windowBytes, size - at));
		let lineStart = 0;
		for (let lineEnd = window.indexOf(newline); lineEnd >= 0; ) {
			const id = learnerIdText(window, lineStart);
			if (firstId === undefined) firstId = id;
			else if (id !== firstId) return at + lineStart;
			lineStart = lineEnd + 1;
			lineEnd = window.indexOf(newline, lineStart);
		}
		if (lineStart === 0) return size;
		at += lineStart;
	}
	return size;
}

/** The learner_id field as text: cuts only need to see where it changes, the workers check it. */
function learnerIdText(bytes: Uint8Array, start: number): string {
	let end = start;
	while (end < bytes.length && bytes[end] !== comma && bytes[end] !== newline) end++;
	return String.fromCharCode(...bytes.subarray(start, end));
}
