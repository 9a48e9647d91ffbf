import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { learnerCsvHeader } from "@rugzak/rules/population";
import type { PopulationRun } from "./population-run.ts";
import type { SimulationLaws } from "./simulate-range.ts";
import type { ByteRange } from "./split-by-learner.ts";

/** Writes `--out`: the header, then each range's part in file order, through a temporary file. */
export function joinParts(
	out: string,
	run: PopulationRun,
	parts: { readonly laws: SimulationLaws; readonly ranges: readonly ByteRange[] },
): void {
	const temporary = `${out}.partial`;
	const target = openSync(temporary, "w");
	try {
		writeSync(target, learnerCsvHeader(parts.laws));
		const buffer = new Uint8Array(run.chunkBytes);
		for (const range of parts.ranges) {
			const part = openSync(`${run.outPrefix}${range.start}`, "r");
			try {
				const size = fstatSync(part).size;
				for (let at = 0; at < size; ) {
					const got = readSync(part, buffer, 0, buffer.length, at);
					writeSync(target, buffer, 0, got);
					at += got;
				}
			} finally {
				closeSync(part);
			}
		}
	} finally {
		closeSync(target);
	}
	renameSync(temporary, out);
}

/** Removes the parts of `--out` that a run may have left, whether it succeeded or not. */
export function removeParts(run: PopulationRun): void {
	if (run.outPrefix === undefined) return;
	// A range starts where a piece does.
	for (const cut of run.queue.cuts) rmSync(`${run.outPrefix}${cut}`, { force: true });
}
