/** A population file that breaks its format: nothing is computed, and the first bad line is named. */
export class PopulationError extends Error {
	override readonly name = "PopulationError";
	readonly code = "invalid-population";
	/** The line number in the file, 1 for the header. */
	readonly line: number;
	readonly reason: string;

	constructor(line: number, reason: string) {
		super(`line ${line}: ${reason}`);
		this.line = line;
		this.reason = reason;
	}
}

/** A law the population format cannot express, e.g. one under which a row would not use leerkrediet. */
export class UnsupportedPopulationLaw extends Error {
	override readonly name = "UnsupportedPopulationLaw";
	readonly code = "unsupported-law";
}
