import type { Fact } from "@rugzak/rules";
import { api } from "../../../lib/api-client.ts";

const factsPath = (learnerId: string) => `/api/learners/${encodeURIComponent(learnerId)}/facts`;

/** Records facts; the idempotency key makes a retried submission count once. */
export function recordFacts(
	learnerId: string,
	facts: readonly unknown[],
	idempotencyKey: string,
): Promise<{ readonly version: number; readonly facts: readonly Fact[] }> {
	return api(factsPath(learnerId), {
		json: { facts },
		headers: { "Idempotency-Key": idempotencyKey },
	});
}

/** A learner's facts, page by page up to a bound (a learner has hundreds, not millions). */
export async function fetchFacts(learnerId: string, signal: AbortSignal): Promise<Fact[]> {
	const facts: Fact[] = [];
	let cursor: string | null = null;
	for (let page = 0; page < 50; page++) {
		const params = new URLSearchParams({ limit: "100" });
		if (cursor !== null) params.set("cursor", cursor);
		const answer: { items: readonly Fact[]; nextCursor: string | null } = await api(
			`${factsPath(learnerId)}?${params}`,
			{ signal },
		);
		facts.push(...answer.items);
		cursor = answer.nextCursor;
		if (cursor === null) break;
	}
	return facts;
}
