import { useCallback, useEffect, useState } from "react";
import { LoginPage } from "../features/auth/components/login-page.tsx";
import { ImportForm } from "../features/imports/components/import-form.tsx";
import { LearnerSearch } from "../features/learners/components/learner-search.tsx";
import { SimulationPage } from "../features/simulation/components/simulation-page.tsx";
import { configureApi } from "../lib/api-client.ts";
import { useI18n } from "../lib/i18n/i18n.tsx";
import { navigate, useRoute } from "../lib/navigation.ts";
import { hrefOf, type Route } from "../lib/router.ts";
import { loadSession, type Session, saveSession } from "../lib/session.ts";
import { AppHeader } from "./app-header.tsx";
import { LearnerPage } from "./learner-page.tsx";

/** Where a user lands: a learner on their own backpack, staff and agency on the learner search. */
function homeOf(session: Session): Route {
	const learnerId = session.user.learnerId;
	return session.user.role === "learner" && learnerId !== undefined
		? { name: "learner", id: learnerId, tab: "backpack" }
		: { name: "learners", query: "" };
}

/** The portal: the session, the route and the page for it. */
export function App() {
	const { t, language } = useI18n();
	const route = useRoute();
	const [session, setSession] = useState<Session | undefined>(loadSession);
	const logout = useCallback(() => {
		saveSession(undefined);
		setSession(undefined);
		navigate(hrefOf({ name: "login" }));
	}, []);
	// Set during render, not in an effect: the pages' effects, which fetch, run before the App's own.
	configureApi(session?.token, logout);
	const login = (next: Session) => {
		saveSession(next);
		setSession(next);
		configureApi(next.token, logout);
		navigate(hrefOf(homeOf(next)));
	};
	useEffect(() => {
		if (session === undefined && route.name !== "login") navigate(hrefOf({ name: "login" }), true);
		else if (session !== undefined && (route.name === "home" || route.name === "login")) {
			navigate(hrefOf(homeOf(session)), true);
		}
	}, [session, route]);
	// After each navigation, move focus to the new page's heading so keyboard and screen reader users start there.
	const path = hrefOf(route);
	useEffect(() => {
		const heading = document.querySelector<HTMLElement>("main h1");
		if (path !== "/" && document.activeElement !== heading) heading?.focus();
	}, [path]);
	// biome-ignore lint/correctness/useExhaustiveDependencies: the heading's text changes with the page and the language.
	useEffect(() => {
		document.title = `${document.querySelector("main h1")?.textContent ?? ""} · rugzak`;
	}, [path, language]);
	return (
		<>
			<a className="skip-link" href="#main">
				{t("app.skip")}
			</a>
			<AppHeader session={session} onLogout={logout} />
			<main id="main">
				{session === undefined ? (
					<LoginPage onLogin={login} />
				) : (
					<Page route={route} session={session} />
				)}
			</main>
		</>
	);
}

function Page({ route, session }: { readonly route: Route; readonly session: Session }) {
	const { t } = useI18n();
	switch (route.name) {
		case "learner":
			return <LearnerPage key={route.id} id={route.id} tab={route.tab} session={session} />;
		case "learners":
			return (
				<>
					<h1 tabIndex={-1}>{t("learners.title")}</h1>
					<LearnerSearch key={route.query} query={route.query} />
				</>
			);
		case "import":
			return (
				<>
					<h1 tabIndex={-1}>{t("import.title")}</h1>
					<ImportForm />
				</>
			);
		case "simulation":
			return <SimulationPage />;
		case "home":
		case "login":
			return <h1 tabIndex={-1}>rugzak</h1>;
		case "not-found":
			return (
				<>
					<h1 tabIndex={-1}>{t("notFound.title")}</h1>
					<p>{t("notFound.text")}</p>
				</>
			);
		default: {
			const _: never = route;
			return _;
		}
	}
}
