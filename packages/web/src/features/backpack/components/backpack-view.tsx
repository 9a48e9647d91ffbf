import { ErrorAlert } from "../../../components/error-alert.tsx";
import { Loading } from "../../../components/loading.tsx";
import { formatDate } from "../../../lib/format.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";
import { useResource } from "../../../lib/use-resource.ts";
import { fetchBackpack } from "../api/leerkrediet.ts";
import { BalanceChart } from "./balance-chart.tsx";
import { BalanceSummary } from "./balance-summary.tsx";
import { LedgerTable } from "./ledger-table.tsx";
import { WhatIfPlanner } from "./what-if-planner.tsx";
import { YearStatementTable } from "./year-statement-table.tsx";

/** A learner's backpack: balance, yearly statement, chart, explained ledger and the what-if planner. */
export function BackpackView({ learnerId }: { readonly learnerId: string }) {
	const { t, language } = useI18n();
	const backpack = useResource(`backpack:${learnerId}`, (signal) =>
		fetchBackpack(learnerId, signal),
	);
	if (backpack.loading && !backpack.data) return <Loading />;
	if (!backpack.data) return <ErrorAlert error={backpack.error} />;
	const { account, ledger } = backpack.data;
	return (
		<>
			<section aria-labelledby="balance-heading" className="card">
				<h2 id="balance-heading">{t("backpack.title")}</h2>
				<p className="muted">{t("backpack.at", { date: formatDate(account.at, language) })}</p>
				<BalanceSummary state={account.state} />
			</section>
			{account.years.length === 0 ? (
				<p>{t("backpack.empty")}</p>
			) : (
				<section aria-labelledby="statement-heading" className="card">
					<h2 id="statement-heading">{t("statement.title")}</h2>
					<YearStatementTable years={account.years} />
					<BalanceChart years={account.years} />
				</section>
			)}
			<WhatIfPlanner learnerId={learnerId} />
			<section aria-labelledby="ledger-heading" className="card">
				<h2 id="ledger-heading">{t("ledger.title")}</h2>
				<p>{t("ledger.intro")}</p>
				<LedgerTable ledger={ledger} />
			</section>
		</>
	);
}
