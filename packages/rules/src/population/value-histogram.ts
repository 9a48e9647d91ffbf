/** How many times each whole number was counted: `counts[i]` times the value `lowest + i`. */
export interface ValueHistogram {
	lowest: number;
	counts: Int32Array;
}

/** One bucket of values `from` to `to`, both included. */
export interface HistogramBucket {
	readonly from: number;
	readonly to: number;
	readonly learners: number;
}

export function createValueHistogram(): ValueHistogram {
	return { lowest: 0, counts: new Int32Array(0) };
}

/** Counts `value` `times` times. */
export function countValue(histogram: ValueHistogram, value: number, times = 1): void {
	let index = value - histogram.lowest;
	if (index < 0 || index >= histogram.counts.length) {
		widen(histogram, value);
		index = value - histogram.lowest;
	}
	histogram.counts[index] = (histogram.counts[index] as number) + times;
}

// Credits stay within a few hundred of each other, so a histogram widens only a few times.
const widenMargin = 64;

function widen(histogram: ValueHistogram, value: number): void {
	const { counts, lowest: oldLowest } = histogram;
	const empty = counts.length === 0;
	const lowest = empty ? value - widenMargin : Math.min(oldLowest, value - widenMargin);
	const highestOld = oldLowest + counts.length - 1;
	const highest = empty ? value + widenMargin : Math.max(highestOld, value + widenMargin);
	const wider = new Int32Array(highest - lowest + 1);
	if (!empty) wider.set(counts, oldLowest - lowest);
	histogram.lowest = lowest;
	histogram.counts = wider;
}

/** Adds the counts of `part` to `into`. */
export function mergeHistograms(into: ValueHistogram, part: ValueHistogram): void {
	part.counts.forEach((count, i) => {
		if (count > 0) countValue(into, part.lowest + i, count);
	});
}

/**
 * The counts in buckets of `width` values aligned on multiples of `width` (0 to 19, 20 to 39 …),
 * from the lowest counted value to the highest, empty buckets between them included.
 */
export function bucketHistogram(histogram: ValueHistogram, width: number): HistogramBucket[] {
	const buckets: HistogramBucket[] = [];
	histogram.counts.forEach((count, i) => {
		if (count === 0) return;
		const from = Math.floor((histogram.lowest + i) / width) * width;
		let last = buckets.at(-1);
		while (last !== undefined && last.from + width < from) {
			last = { from: last.from + width, to: last.to + width, learners: 0 };
			buckets.push(last);
		}
		if (last?.from === from)
			buckets[buckets.length - 1] = { ...last, learners: last.learners + count };
		else buckets.push({ from, to: from + width - 1, learners: count });
	});
	return buckets;
}

/** The lowest and highest counted value, or undefined when nothing was counted. */
export function histogramRange(
	histogram: ValueHistogram,
): { lowest: number; highest: number } | undefined {
	const first = histogram.counts.findIndex((count) => count > 0);
	if (first < 0) return undefined;
	const last = histogram.counts.findLastIndex((count) => count > 0);
	return { lowest: histogram.lowest + first, highest: histogram.lowest + last };
}
