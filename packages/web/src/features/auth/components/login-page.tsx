import { useState } from "react";
import { ErrorAlert } from "../../../components/error-alert.tsx";
import { Loading } from "../../../components/loading.tsx";
import type { MessageKey } from "../../../lib/i18n/dictionaries.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";
import type { Role, Session } from "../../../lib/session.ts";
import { useResource } from "../../../lib/use-resource.ts";
import { demoLogin, fetchDemoUsers } from "../api/demo-login.ts";

const roles: readonly { role: Role; heading: MessageKey }[] = [
	{ role: "learner", heading: "login.learners" },
	{ role: "staff", heading: "login.staff" },
	{ role: "agency", heading: "login.agency" },
];

/** The demo login: every demo user by role, one button each. */
export function LoginPage({ onLogin }: { readonly onLogin: (session: Session) => void }) {
	const { t } = useI18n();
	const users = useResource("demo-users", fetchDemoUsers);
	const [busy, setBusy] = useState<string>();
	const [error, setError] = useState<unknown>();
	const choose = async (userId: string) => {
		setBusy(userId);
		setError(undefined);
		try {
			onLogin(await demoLogin(userId));
		} catch (failure) {
			setError(failure);
			setBusy(undefined);
		}
	};
	return (
		<>
			<h1 tabIndex={-1}>{t("login.title")}</h1>
			<p>{t("login.intro")}</p>
			{users.loading && <Loading />}
			<ErrorAlert error={users.error ?? error} />
			{users.data &&
				roles.map(({ role, heading }) => {
					const ofRole = users.data?.filter((user) => user.role === role) ?? [];
					if (ofRole.length === 0) return null;
					return (
						<section key={role} aria-labelledby={`login-${role}`} className="card">
							<h2 id={`login-${role}`}>{t(heading)}</h2>
							<ul className="user-list">
								{ofRole.map((user) => (
									<li key={user.id}>
										<button
											type="button"
											disabled={busy !== undefined}
											aria-busy={busy === user.id}
											onClick={() => void choose(user.id)}
										>
											{t("login.as", { name: user.name })}
										</button>
										{user.institution && <span className="muted"> {user.institution}</span>}
									</li>
								))}
							</ul>
						</section>
					);
				})}
		</>
	);
}
