import { api } from "../../../lib/api-client.ts";
import type { DemoUser, Session } from "../../../lib/session.ts";

/** The demo users, for the login screen (anonymous). */
export async function fetchDemoUsers(signal: AbortSignal): Promise<readonly DemoUser[]> {
	const answer = await api<readonly DemoUser[] | { users: readonly DemoUser[] }>(
		"/api/auth/demo-users",
		{ signal },
	);
	return Array.isArray(answer) ? answer : (answer as { users: readonly DemoUser[] }).users;
}

/** Logs in as a demo user and answers the session with its bearer token. */
export function demoLogin(userId: string): Promise<Session> {
	return api<Session>("/api/auth/demo-login", { json: { userId } });
}
