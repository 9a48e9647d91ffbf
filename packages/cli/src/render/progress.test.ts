import { describe, expect, it } from "vitest";
import { progressReporter } from "./progress.ts";

const progress = {
	bytesRead: 500,
	linesRead: 10,
	factsWritten: 8,
	factsAlreadyPresent: 2,
	rowsRejected: 0,
	batchesWritten: 1,
	batchesRejected: 0,
};

function terminal(isTTY: boolean) {
	const written: string[] = [];
	return { written, write: (text: string) => written.push(text), isTTY };
}

describe("import progress", () => {
	it("draws a bar in place on a terminal, and clears it when done", () => {
		const stderr = terminal(true);
		let clock = 0;
		const reporter = progressReporter("auto", stderr, 1000, () => clock);
		clock = 2000;
		reporter.update(progress);
		reporter.done();
		expect(stderr.written).toEqual([
			`\r${"█".repeat(15)}${"░".repeat(15)}  50%  10 facts  5/s\x1b[K`,
			"\r\x1b[K",
		]);
	});

	it("writes nothing when stderr is not a terminal, unless asked for lines", () => {
		const quiet = terminal(false);
		progressReporter("auto", quiet, 1000, () => 0).update(progress);
		expect(quiet.written).toEqual([]);
		const lines = terminal(false);
		progressReporter("lines", lines, 1000, () => 0).update(progress);
		expect(lines.written).toEqual([
			"progress: 50% 8 facts written, 2 already present, 0 rejected\n",
		]);
	});
});
