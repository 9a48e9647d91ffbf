import type { LeerkredietState } from "@rugzak/rules";
import { formatCredits } from "../../../lib/format.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";

/** The balance, big, with the remaining bonus and the rebuild reserve beside it. */
export function BalanceSummary({ state }: { readonly state: LeerkredietState }) {
	const { t } = useI18n();
	return (
		<dl className="balance-summary">
			<div className="balance-main">
				<dt>{t("backpack.balance")}</dt>
				<dd>
					<span className="balance-number" data-testid="balance">
						{formatCredits(state.balance)}
					</span>{" "}
					<span className="unit">{t("common.credits")}</span>
				</dd>
			</div>
			<div>
				<dt>{t("backpack.bonusRemaining")}</dt>
				<dd>{formatCredits(state.bonusRemaining)}</dd>
			</div>
			<div>
				<dt>{t("backpack.rebuildReserve")}</dt>
				<dd>{formatCredits(state.rebuildReserve)}</dd>
			</div>
		</dl>
	);
}
