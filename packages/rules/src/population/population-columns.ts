/**
 * A batch of whole learners in columns: one entry per row (a learner's enrolled academic year)
 * and one per learner, in typed arrays that are allocated once and reused batch after batch.
 */
export interface PopulationColumns {
	rowCount: number;
	learnerCount: number;
	/** By learner: the learner_id. */
	readonly learnerIds: Int32Array;
	/** By learner: the index of its first row; entry `learnerCount` is `rowCount`. */
	readonly learnerRowStarts: Int32Array;
	/** By row: the academic year (its starting calendar year, 2019 for 2019-2020). */
	readonly years: Int16Array;
	/** By row: an index into `populationContracts`. */
	readonly contracts: Uint8Array;
	readonly registered: Int16Array;
	readonly earned: Int16Array;
	/** By row: an index into `populationDegrees`. */
	readonly degrees: Uint8Array;
}

/** Empty columns with room for `rowCapacity` rows (and as many learners). */
export function createPopulationColumns(rowCapacity: number): PopulationColumns {
	return {
		rowCount: 0,
		learnerCount: 0,
		// One more than the rows: the parser reads a line's learner_id into the slot after the last.
		learnerIds: new Int32Array(rowCapacity + 1),
		learnerRowStarts: new Int32Array(rowCapacity + 1),
		years: new Int16Array(rowCapacity),
		contracts: new Uint8Array(rowCapacity),
		registered: new Int16Array(rowCapacity),
		earned: new Int16Array(rowCapacity),
		degrees: new Uint8Array(rowCapacity),
	};
}

/** The learners `from` (included) to `to` (excluded) of a batch of columns. */
export interface LearnerRange {
	readonly from: number;
	readonly to: number;
}

/**
 * Keeps only the last learner, moved to the front: a batch read from a chunk of a file may end
 * inside a learner, whose rows go on in the next chunk.
 */
export function keepLastLearner(columns: PopulationColumns): void {
	const last = columns.learnerCount - 1;
	if (last < 0) return;
	const first = columns.learnerRowStarts[last] as number;
	const end = columns.rowCount;
	columns.years.copyWithin(0, first, end);
	columns.contracts.copyWithin(0, first, end);
	columns.registered.copyWithin(0, first, end);
	columns.earned.copyWithin(0, first, end);
	columns.degrees.copyWithin(0, first, end);
	columns.learnerIds[0] = columns.learnerIds[last] as number;
	columns.learnerRowStarts[0] = 0;
	columns.learnerRowStarts[1] = end - first;
	columns.rowCount = end - first;
	columns.learnerCount = 1;
}

/** Empties the columns for the next batch. */
export function clearPopulationColumns(columns: PopulationColumns): void {
	columns.rowCount = 0;
	columns.learnerCount = 0;
	columns.learnerRowStarts[0] = 0;
}
