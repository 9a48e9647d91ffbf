import type { Fact, IsoDate } from "@rugzak/rules";
import type { ImportOptions, ImportReport } from "@rugzak/store";

/** A learner as the API lists them: id, display name, the institutions they enrolled at, and the log's version. */
export interface LearnerRecord {
	readonly id: string;
	readonly name: string | undefined;
	readonly institutions: readonly string[];
	/** Number of facts in the learner's log; the expected version for the next append. */
	readonly version: number;
	/** The leerkrediet balance as last projected; undefined before any fact. */
	readonly balance: number | undefined;
}

/**
 * The leerkrediet projection kept beside the log: what a balance-with-statement request reads.
 * Its state and statement come as the JSON text stored, which the answer carries as it is.
 */
export interface LeerkredietProjection {
	readonly learnerId: string;
	readonly version: number;
	readonly computedAt: IsoDate;
	/** `LeerkredietState` as JSON. */
	readonly stateJson: string;
	/** `YearStatement[]` as JSON, in the statement's order of years and of fields. */
	readonly yearsJson: string;
	/** Institutions the learner enrolled at: whose staff may see the account. */
	readonly institutions: readonly string[];
}

/** What the API needs from the event store (the port `@rugzak/store` implements). */
export interface LearnerStore {
	ready(): Promise<boolean>;
	createLearner(input: { id: string; name?: string | undefined }): Promise<LearnerRecord>;
	learner(id: string): Promise<LearnerRecord | undefined>;
	listLearners(query: {
		text?: string | undefined;
		institution?: string | undefined;
		after?: string | undefined;
		limit: number;
	}): Promise<LearnerRecord[]>;
	facts(id: string): Promise<Fact[]>;
	/** Facts after a position (0 for the first), at most `limit`, and the log's version. */
	factsPage(id: string, after: number, limit: number): Promise<{ facts: Fact[]; version: number }>;
	append(
		id: string,
		facts: readonly Fact[],
		options: { idempotencyKey: string; expectedVersion?: number | undefined },
	): Promise<{ version: number; facts: readonly Fact[] }>;
	projection(id: string): Promise<LeerkredietProjection | undefined>;
	/** Bulk import (docs/import.md), with a check of who may write each learner's facts. */
	importFacts(
		source: AsyncIterable<Uint8Array | string>,
		options: ImportOptions,
	): Promise<ImportReport>;
	/** One row, nothing else: what the benchmark's bare endpoint reads. */
	version(id: string): Promise<number | undefined>;
}
