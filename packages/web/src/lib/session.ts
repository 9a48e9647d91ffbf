/** A demo user as `GET /api/auth/demo-users` lists them (docs/api.md). */
export interface DemoUser {
	readonly id: string;
	readonly role: Role;
	readonly name: string;
	readonly learnerId?: string;
	readonly institution?: string;
}

export type Role = "learner" | "staff" | "agency";

/** Who is logged in, with the bearer token every API call sends. */
export interface Session {
	readonly token: string;
	readonly user: DemoUser;
}

const key = "rugzak.session";

/** The session of this browser tab: sessionStorage keeps it across reloads, not across tabs. */
export function loadSession(): Session | undefined {
	try {
		const text = sessionStorage.getItem(key);
		return text === null ? undefined : (JSON.parse(text) as Session);
	} catch {
		return undefined;
	}
}

export function saveSession(session: Session | undefined): void {
	try {
		if (session === undefined) sessionStorage.removeItem(key);
		else sessionStorage.setItem(key, JSON.stringify(session));
	} catch {
		// Storage may be off (private mode); the session then lives in memory only.
	}
}
