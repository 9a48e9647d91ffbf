import type { RegistrationDecision } from "@rugzak/rules";
import { api } from "../../../lib/api-client.ts";

/** The registration to check, as `POST …/leerkrediet/decisions` takes it; empty fields are left out. */
export interface DecisionRequest {
	readonly date?: string;
	readonly credits?: number;
	readonly programmeKind?: string;
	readonly contract?: string;
	readonly institution?: string;
	readonly tariff?: string;
	readonly connecting?: boolean;
}

/** What the law and the institution's policy say about a registration; nothing is written. */
export function decideRegistration(
	learnerId: string,
	request: DecisionRequest,
): Promise<RegistrationDecision> {
	return api(`/api/learners/${encodeURIComponent(learnerId)}/leerkrediet/decisions`, {
		json: request,
	});
}

/** The request a decision form's values make: credits as a number, `connecting` only when chosen. */
export function decisionRequestOf(values: Readonly<Record<string, string>>): DecisionRequest {
	const request: Record<string, string | number | boolean> = {};
	for (const [name, raw] of Object.entries(values)) {
		const text = raw.trim();
		if (text === "") continue;
		if (name === "credits") request[name] = Number(text);
		else if (name === "connecting") request[name] = text === "yes";
		else request[name] = text;
	}
	return request as DecisionRequest;
}
