import type { DifferenceSummary, PopulationSummary } from "./population-summary.ts";

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
