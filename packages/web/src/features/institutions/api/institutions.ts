import { api } from "../../../lib/api-client.ts";

export interface Institution {
	readonly id: string;
	readonly name: string;
}

/** The institutions with a known policy (anonymous). */
export async function fetchInstitutions(signal: AbortSignal): Promise<readonly Institution[]> {
	const answer = await api<{ institutions: readonly Institution[] }>("/api/institutions", {
		signal,
	});
	return answer.institutions;
}
