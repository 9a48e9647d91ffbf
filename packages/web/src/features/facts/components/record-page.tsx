import { useState } from "react";
import { ErrorAlert } from "../../../components/error-alert.tsx";
import { Loading } from "../../../components/loading.tsx";
import { formatCredits, formatSignedCredits } from "../../../lib/format.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";
import { useResource } from "../../../lib/use-resource.ts";
import { fetchLeerkrediet } from "../../backpack/api/leerkrediet.ts";
import { fetchInstitutions } from "../../institutions/api/institutions.ts";
import { fetchFacts } from "../api/record-facts.ts";
import { RecordFactForm } from "./record-fact-form.tsx";

/** Staff record a fact and see at once what it did to the balance. */
export function RecordPage({ learnerId }: { readonly learnerId: string }) {
	const { t } = useI18n();
	const [round, setRound] = useState(0);
	const [change, setChange] = useState<{ before: number; after: number }>();
	const data = useResource(`record:${learnerId}:${round}`, async (signal) => {
		const [facts, institutions, account] = await Promise.all([
			fetchFacts(learnerId, signal),
			fetchInstitutions(signal),
			fetchLeerkrediet(learnerId, signal),
		]);
		return { facts, institutions, balance: account.state.balance };
	});
	if (!data.data) return data.loading ? <Loading /> : <ErrorAlert error={data.error} />;
	const balance = data.data.balance;
	const recorded = () => {
		setChange({ before: balance, after: balance });
		setRound((value) => value + 1);
	};
	const shown = change && { ...change, after: balance };
	return (
		<>
			<p className="current-balance">
				{t("record.currentBalance")} <strong data-testid="balance">{formatCredits(balance)}</strong>
			</p>
			<div role="status" className="success">
				{shown && !data.loading && (
					<p>
						{t("record.recorded", {
							before: formatCredits(shown.before),
							after: formatCredits(shown.after),
							change: formatSignedCredits(shown.after - shown.before),
						})}
					</p>
				)}
			</div>
			<RecordFactForm
				learnerId={learnerId}
				facts={data.data.facts}
				institutions={data.data.institutions}
				onRecorded={recorded}
			/>
		</>
	);
}
