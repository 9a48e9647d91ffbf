import type { LedgerLine, LeerkredietState, WhatIfYear, YearStatement } from "@rugzak/rules";
import { api } from "../../../lib/api-client.ts";

/** `GET /api/learners/{id}`. */
export interface Learner {
	readonly id: string;
	readonly name?: string;
	readonly institutions: readonly string[];
	readonly version: number;
}

/** `GET /api/learners/{id}/leerkrediet`: the balance with the yearly statement. */
export interface LeerkredietAnswer {
	readonly learnerId: string;
	readonly at: string;
	readonly state: LeerkredietState;
	readonly years: readonly YearStatement[];
}

/** `GET /api/learners/{id}/leerkrediet/ledger`: every line, explained. */
export interface LedgerAnswer {
	readonly learnerId: string;
	readonly at: string;
	readonly ledger: readonly LedgerLine[];
}

/** A year the learner plans, as the what-if route takes it; an empty field is left out, so the API names it. */
export interface PlannedYear {
	readonly academicYear: string;
	readonly registered: number | undefined;
	readonly passed: number | undefined;
}

/** `POST /api/learners/{id}/leerkrediet/what-if`: the account before and after the plan. */
export interface WhatIfAnswer {
	readonly at: string;
	readonly before: Pick<LeerkredietAnswer, "state" | "years">;
	readonly after: Pick<LeerkredietAnswer, "state" | "years">;
	readonly balanceChange: number;
	readonly years: readonly WhatIfYear[];
}

const learnerPath = (id: string) => `/api/learners/${encodeURIComponent(id)}`;

/** The learner: name, institutions and the version of their facts. */
export function fetchLearner(id: string, signal: AbortSignal): Promise<Learner> {
	return api<Learner>(learnerPath(id), { signal });
}

/** The learner, their leerkrediet and its ledger, fetched side by side. */
export async function fetchBackpack(id: string, signal: AbortSignal) {
	const [learner, account, ledger] = await Promise.all([
		fetchLearner(id, signal),
		api<LeerkredietAnswer>(`${learnerPath(id)}/leerkrediet`, { signal }),
		api<LedgerAnswer>(`${learnerPath(id)}/leerkrediet/ledger`, { signal }),
	]);
	return { learner, account, ledger: ledger.ledger };
}

export type Backpack = Awaited<ReturnType<typeof fetchBackpack>>;

/** Only the balance and statement, e.g. to show the change after recording a fact. */
export function fetchLeerkrediet(id: string, signal?: AbortSignal): Promise<LeerkredietAnswer> {
	return api<LeerkredietAnswer>(`${learnerPath(id)}/leerkrediet`, signal ? { signal } : {});
}

/** Asks what a plan would do; nothing is written. */
export function fetchWhatIf(id: string, plan: readonly PlannedYear[]): Promise<WhatIfAnswer> {
	return api<WhatIfAnswer>(`${learnerPath(id)}/leerkrediet/what-if`, { json: { plan } });
}
