import type { Fact, IsoDate } from "@rugzak/rules";
import { ConcurrencyError, type EventStore, IdempotencyKeyReused } from "@rugzak/store";
import type { LearnerRecord, LearnerStore } from "./learner-store.ts";
import { ApiError } from "./problem.ts";

/** The API's view of the event store: learners, their facts, appends and the leerkrediet projection. */
export function learnerStoreOver(store: EventStore, today: () => IsoDate): LearnerStore {
	const record = (summary: {
		learnerId: string;
		name: string | undefined;
		institutions: readonly string[];
		version: number;
	}): LearnerRecord => ({
		id: summary.learnerId,
		name: summary.name,
		institutions: summary.institutions,
		version: summary.version,
	});
	return {
		ready: () => store.ready(),
		version: (id) => store.readVersion(id),
		async createLearner(input) {
			return record(await store.registerLearner(input.id, { name: input.name }));
		},
		async learner(id) {
			const summary = await store.readLearner(id);
			return summary && record(summary);
		},
		async listLearners(query) {
			return (await store.listLearners(query)).map(record);
		},
		async facts(id) {
			return (await store.readLog(id)).facts.map((stored) => stored.fact as Fact);
		},
		async append(id, facts, options) {
			try {
				const result = await store.append(id, facts, { ...options, today: today() });
				const log = await store.readLog(id);
				return {
					version: result.version,
					facts: log.facts
						.slice(result.version - result.appended, result.version)
						.map((s) => s.fact as Fact),
				};
			} catch (error) {
				if (error instanceof ConcurrencyError) throw new ApiError("conflict", error.message);
				if (error instanceof IdempotencyKeyReused)
					throw new ApiError("conflict", error.message, [
						{ path: "Idempotency-Key", message: "used before for another request" },
					]);
				throw error;
			}
		},
		async projection(id) {
			const projection = await store.readLeerkrediet(id);
			if (!projection) return undefined;
			// A projection past its date of validity is recomputed rather than served stale.
			if (projection.staleFrom !== null && projection.staleFrom <= today()) return undefined;
			return {
				learnerId: id,
				version: projection.version,
				computedAt: projection.asOf,
				state: projection.state,
				years: projection.years,
			};
		},
	};
}
