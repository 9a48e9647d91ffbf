import { Link } from "../components/link.tsx";
import { BackpackView } from "../features/backpack/components/backpack-view.tsx";
import { DecisionForm } from "../features/decisions/components/decision-form.tsx";
import { RecordPage } from "../features/facts/components/record-page.tsx";
import { useI18n } from "../lib/i18n/i18n.tsx";
import { hrefOf, type LearnerTab, learnerTabs } from "../lib/router.ts";
import type { Session } from "../lib/session.ts";

/** One learner: the backpack for everyone allowed to see it; recording and checks for staff and agency. */
export function LearnerPage({
	id,
	tab,
	session,
}: {
	readonly id: string;
	readonly tab: LearnerTab;
	readonly session: Session;
}) {
	const { t } = useI18n();
	const tabs = session.user.role === "learner" ? (["backpack"] as const) : learnerTabs;
	return (
		<>
			<h1 tabIndex={-1}>
				{session.user.role === "learner" ? t("backpack.pageTitle") : t("learner.pageTitle", { id })}{" "}
				<span className="muted">· {t(`tab.${tab}`)}</span>
			</h1>
			{tabs.length > 1 && (
				<nav aria-label={t("learner.sections")} className="tabs">
					<ul>
						{tabs.map((name) => (
							<li key={name}>
								<Link
									href={hrefOf({ name: "learner", id, tab: name })}
									aria-current={name === tab ? "page" : undefined}
								>
									{t(`tab.${name}`)}
								</Link>
							</li>
						))}
					</ul>
				</nav>
			)}
			{tab === "backpack" && <BackpackView learnerId={id} />}
			{tab === "record" && <RecordPage learnerId={id} />}
			{tab === "check" && <DecisionForm learnerId={id} session={session} />}
		</>
	);
}
