import { Link } from "../components/link.tsx";
import { useI18n } from "../lib/i18n/i18n.tsx";
import { hrefOf } from "../lib/router.ts";
import type { Session } from "../lib/session.ts";

/** The header: name, the user's links, the language switch and logout. */
export function AppHeader({
	session,
	onLogout,
}: {
	readonly session: Session | undefined;
	readonly onLogout: () => void;
}) {
	const { t, language, setLanguage } = useI18n();
	const user = session?.user;
	const other = language === "nl" ? "en" : "nl";
	return (
		<header className="app-header">
			<p className="brand">rugzak</p>
			{user && (
				<nav aria-label={t("app.navigation")}>
					<ul>
						{user.role === "learner" && user.learnerId !== undefined ? (
							<li>
								<Link href={hrefOf({ name: "learner", id: user.learnerId, tab: "backpack" })}>
									{t("nav.backpack")}
								</Link>
							</li>
						) : (
							<li>
								<Link href={hrefOf({ name: "learners", query: "" })}>{t("nav.learners")}</Link>
							</li>
						)}
						{user.role !== "learner" && (
							<li>
								<Link href={hrefOf({ name: "import" })}>{t("nav.import")}</Link>
							</li>
						)}
						{user.role === "agency" && (
							<li>
								<Link href={hrefOf({ name: "simulation" })}>{t("nav.simulation")}</Link>
							</li>
						)}
					</ul>
				</nav>
			)}
			<div className="header-tools">
				{user && (
					<p className="who">
						{user.name} <span className="muted">({t(`role.${user.role}`)})</span>
					</p>
				)}
				<button type="button" lang={other} onClick={() => setLanguage(other)}>
					{other === "en" ? "English" : "Nederlands"}
				</button>
				{user && (
					<button type="button" onClick={onLogout}>
						{t("app.logout")}
					</button>
				)}
			</div>
		</header>
	);
}
