import type { Fact, IsoDate, LeerkredietState, YearStatement } from "@rugzak/rules";

/** A learner as the API lists them: id, display name, the institutions they enrolled at, and the log's version. */
export interface LearnerRecord {
	readonly id: string;
	readonly name: string | undefined;
	readonly institutions: readonly string[];
	/** Number of facts in the learner's log; the expected version for the next append. */
	readonly version: number;
}

/** The leerkrediet projection kept beside the log: what a balance-with-statement request reads. */
export interface LeerkredietProjection {
	readonly learnerId: string;
	readonly version: number;
	readonly computedAt: IsoDate;
	readonly state: LeerkredietState;
	readonly years: readonly YearStatement[];
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
	append(
		id: string,
		facts: readonly Fact[],
		options: { idempotencyKey: string; expectedVersion?: number | undefined },
	): Promise<{ version: number; facts: readonly Fact[] }>;
	projection(id: string): Promise<LeerkredietProjection | undefined>;
	/** One row, nothing else: what the benchmark's bare endpoint reads. */
	version(id: string): Promise<number | undefined>;
}
