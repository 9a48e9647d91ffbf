import type { CreditDistribution, SimulationDocument } from "@rugzak/rules/population";
import { formatCredits } from "../../../lib/format.ts";

/** One category of a chart comparing the law (baseline) with a reform. */
export interface ComparedRow {
	readonly label: string;
	readonly baseline: number;
	/** Undefined when the simulation had no reform. */
	readonly reform: number | undefined;
}

/** The law's summary and the reform's, whichever way the document holds them. */
export function summariesOf(document: SimulationDocument) {
	return { baseline: document.baseline ?? document, reform: document.baseline && document };
}

/**
 * The buckets of two distributions side by side, from the lowest to the highest of either; both
 * are aligned on multiples of the same width, and a bucket one of them lacks holds no learners.
 */
export function distributionRows(
	baseline: CreditDistribution,
	reform: CreditDistribution | undefined,
): ComparedRow[] {
	const width = baseline.bucketWidth;
	const all = [...baseline.buckets, ...(reform?.buckets ?? [])];
	if (all.length === 0) return [];
	const first = Math.min(...all.map((bucket) => bucket.from));
	const last = Math.max(...all.map((bucket) => bucket.from));
	const learnersIn = (distribution: CreditDistribution, from: number) =>
		distribution.buckets.find((bucket) => bucket.from === from)?.learners ?? 0;
	return Array.from({ length: (last - first) / width + 1 }, (_, i) => {
		const from = first + i * width;
		return {
			label: `${formatCredits(from)}…${formatCredits(from + width - 1)}`,
			baseline: learnersIn(baseline, from),
			reform: reform && learnersIn(reform, from),
		};
	});
}

/** Learners with no credit left at the end of each academic year, under the law and the reform. */
export function exhaustedRows(document: SimulationDocument): ComparedRow[] {
	const { baseline, reform } = summariesOf(document);
	return baseline.years.map((year) => ({
		label: year.academicYear,
		baseline: year.exhausted,
		reform: reform?.years.find((other) => other.academicYear === year.academicYear)?.exhausted,
	}));
}
