import { formatAcademicYear } from "../calendar/academic-year.ts";
import type { SimulationLaws } from "./population-law.ts";
import {
	type DifferenceSummary,
	type PopulationSummary,
	summarizeDifference,
	summarizeTally,
} from "./population-summary.ts";
import type { SimulationTallies } from "./simulate-laws.ts";

/** What `rugzak simulate --json` prints: the summary under the law (the reform when one is given). */
export type SimulationDocument = PopulationSummary & {
	readonly schemaVersion: 1;
	readonly population: string;
	readonly horizon: string;
	readonly reform: string | null;
	/** With a reform: the law as rugzak ships it, and what the reform changes. */
	readonly baseline?: PopulationSummary;
	readonly difference?: DifferenceSummary;
};

/** Credits per bucket of the distributions in a simulation's summary. */
export const summaryBucketWidth = 20;

/**
 * The summary of a simulation from its tallies: under the law, or, with a reform, under the
 * reform with the law beside it and what the reform changes.
 */
export function simulationDocument(
	head: { readonly population: string; readonly horizon: number },
	laws: SimulationLaws,
	tallies: SimulationTallies,
): SimulationDocument {
	const bucketWidth = summaryBucketWidth;
	const baseline = summarizeTally(tallies.baseline, laws.baseline, bucketWidth);
	const start = {
		schemaVersion: 1 as const,
		population: head.population,
		horizon: formatAcademicYear(head.horizon),
		reform: laws.reform?.reform ?? null,
	};
	const { reform, difference } = tallies;
	if (!(laws.reform && reform && difference)) return { ...start, ...baseline };
	return {
		...start,
		...summarizeTally(reform, laws.reform, bucketWidth),
		baseline,
		difference: summarizeDifference({ baseline: tallies.baseline, reform }, difference, {
			law: laws.reform,
			bucketWidth,
		}),
	};
}
