import { ApiError } from "../lib/api-client.ts";
import { useI18n } from "../lib/i18n/i18n.tsx";

/** An error as an alert: the problem's detail, or a general message when the API was not reached. */
export function ErrorAlert({
	error,
	extra = [],
}: {
	readonly error: unknown;
	readonly extra?: readonly string[];
}) {
	const { t } = useI18n();
	if (error === undefined) return null;
	let message = t("error.network");
	if (error instanceof ApiError) {
		// A problem that names fields (400 for a bad shape, 422 for a refused fact) points at them.
		if ((error.problem.errors ?? []).length > 0) message = t("error.invalid");
		else if (error.status === 403) message = t("error.forbidden");
		else if (error.status === 404) message = t("error.notFound");
		else message = error.message;
	}
	const details = extra;
	return (
		<div className="alert" role="alert">
			<p>{message}</p>
			{details.length > 0 && (
				<ul>
					{details.map((detail) => (
						<li key={detail}>{detail}</li>
					))}
				</ul>
			)}
		</div>
	);
}
