import { type FormEvent, useState } from "react";
import { ErrorAlert } from "../../../components/error-alert.tsx";
import { Link } from "../../../components/link.tsx";
import { Loading } from "../../../components/loading.tsx";
import { formatCredits } from "../../../lib/format.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";
import { navigate } from "../../../lib/navigation.ts";
import { hrefOf } from "../../../lib/router.ts";
import { useResource } from "../../../lib/use-resource.ts";
import { type LearnerSummary, searchLearners } from "../api/learners.ts";

/** Find a learner by name or id; the query lives in the address, so back and reload keep it. */
export function LearnerSearch({ query }: { readonly query: string }) {
	const { t } = useI18n();
	const [text, setText] = useState(query);
	const [more, setMore] = useState<{ items: LearnerSummary[]; cursor: string | null }>();
	const [moreError, setMoreError] = useState<unknown>();
	// The page is keyed by the query, so a new search starts with no extra pages loaded.
	const first = useResource(`learners:${query}`, (signal) =>
		searchLearners(query, undefined, signal),
	);
	const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
	const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);
	const submit = (event: FormEvent) => {
		event.preventDefault();
		navigate(hrefOf({ name: "learners", query: text.trim() }));
	};
	const loadMore = async () => {
		if (cursor === null) return;
		try {
			const page = await searchLearners(query, cursor);
			setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor });
		} catch (failure) {
			setMoreError(failure);
		}
	};
	return (
		<>
			<search>
				<form onSubmit={submit} className="inline-form">
					<div className="field">
						<label htmlFor="learner-query">{t("learners.query")}</label>
						<input
							id="learner-query"
							type="search"
							value={text}
							onChange={(event) => setText(event.target.value)}
						/>
					</div>
					<button type="submit">{t("learners.search")}</button>
				</form>
			</search>
			{first.loading && <Loading />}
			<ErrorAlert error={first.error ?? moreError} />
			{first.data && (
				<>
					<p role="status">{t("learners.count", { count: items.length })}</p>
					{items.length > 0 && (
						<table>
							<caption className="visually-hidden">{t("learners.caption")}</caption>
							<thead>
								<tr>
									<th scope="col">{t("learners.name")}</th>
									<th scope="col">{t("learners.id")}</th>
									<th scope="col">{t("learners.institutions")}</th>
									<th scope="col" className="number">
										{t("backpack.balance")}
									</th>
								</tr>
							</thead>
							<tbody>
								{items.map((learner) => (
									<tr key={learner.id}>
										<th scope="row">
											<Link href={hrefOf({ name: "learner", id: learner.id, tab: "backpack" })}>
												{learner.name ?? learner.id}
											</Link>
										</th>
										<td>
											<code>{learner.id}</code>
										</td>
										<td>{learner.institutions.join(", ")}</td>
										<td className="number">
											{typeof learner.balance === "number" ? formatCredits(learner.balance) : "—"}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					)}
					{cursor !== null && (
						<button type="button" onClick={() => void loadMore()}>
							{t("learners.more")}
						</button>
					)}
				</>
			)}
		</>
	);
}
