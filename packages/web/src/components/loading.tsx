import { useI18n } from "../lib/i18n/i18n.tsx";

/** A polite status while data loads, so screen readers hear that something is on its way. */
export function Loading() {
	const { t } = useI18n();
	return (
		<p className="loading" role="status">
			{t("common.loading")}
		</p>
	);
}
