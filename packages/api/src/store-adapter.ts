import type { Fact, IsoDate } from "@rugzak/rules";
import {
	ConcurrencyError,
	type EventStore,
	IdempotencyKeyReused,
	type LearnerSummary,
} from "@rugzak/store";
import type { LearnerRecord, LearnerStore } from "./learner-store.ts";
import { ApiError } from "./problem.ts";

const pageSize = 5000;

/** The API's view of the event store: learners, their facts, appends and the leerkrediet projection. */
export function learnerStoreOver(store: EventStore, today: () => IsoDate): LearnerStore {
	const record = (summary: LearnerSummary): LearnerRecord => ({
		id: summary.learnerId,
		name: summary.name,
		institutions: summary.institutions,
		version: summary.version,
		balance: summary.balance,
	});
	return {
		ready: () => store.ready(),
		version: (id) => store.readVersion(id),
		importFacts: (source, options) => store.importFacts(source, options),
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
			const facts: Fact[] = [];
			for (
				let page = await store.readLog(id, { limit: pageSize });
				;
				page = await store.readLog(id, { after: facts.length, limit: pageSize })
			) {
				facts.push(...page.facts.map((stored) => stored.fact));
				if (page.facts.length < pageSize) return facts;
			}
		},
		async factsPage(id, after, limit) {
			const page = await store.readLog(id, { after, limit });
			return { facts: page.facts.map((stored) => stored.fact), version: page.version };
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
			// The stored row when it still holds today; computed afresh when a new year or law value has come.
			const projection = await store.readLeerkredietJson(id, today());
			if (!projection) return undefined;
			return {
				learnerId: id,
				version: projection.version,
				computedAt: projection.asOf,
				stateJson: projection.stateJson,
				yearsJson: projection.yearsJson,
				institutions: projection.institutions,
			};
		},
	};
}
