import { api } from "../../../lib/api-client.ts";

/** One learner in a search answer (`GET /api/learners?q=`). */
export interface LearnerSummary {
	readonly id: string;
	readonly name?: string;
	readonly institutions: readonly string[];
	/** In docs/api.md; left out by the API as it is today, so the portal shows a dash. */
	readonly balance?: number | null;
}

export interface LearnerPage {
	readonly items: readonly LearnerSummary[];
	readonly nextCursor: string | null;
}

/** A page of learners whose name or id matches `query`; staff see only their institution's. */
export function searchLearners(
	query: string,
	cursor: string | undefined,
	signal?: AbortSignal,
): Promise<LearnerPage> {
	const params = new URLSearchParams({ limit: "20" });
	if (query !== "") params.set("q", query);
	if (cursor !== undefined) params.set("cursor", cursor);
	return api<LearnerPage>(`/api/learners?${params}`, signal ? { signal } : {});
}
