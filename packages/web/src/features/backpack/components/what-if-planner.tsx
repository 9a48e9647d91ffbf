import { type FormEvent, useState } from "react";
import { ErrorAlert } from "../../../components/error-alert.tsx";
import { SelectField, TextField } from "../../../components/field.tsx";
import { TableScroll } from "../../../components/table-scroll.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { formatCredits, formatSignedCredits } from "../../../lib/format.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";
import { fieldErrors, messageFor } from "../../../lib/problem.ts";
import { fetchWhatIf, type WhatIfAnswer } from "../api/leerkrediet.ts";
import { whatIfRows } from "./what-if-rows.ts";

const fields = ["academicYear", "registered", "passed"] as const;

/** The academic year running today (it starts in September) and the five after it. */
export function plannableYears(today: Date): string[] {
	const first = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
	return Array.from({ length: 6 }, (_, index) => `${first + index}-${first + index + 1}`);
}

function toNumber(text: string): number | undefined {
	return text.trim() === "" ? undefined : Number(text);
}

/** "Next year I register for N credits and pass M": the balance per year before and after. */
export function WhatIfPlanner({ learnerId }: { readonly learnerId: string }) {
	const { t } = useI18n();
	const years = plannableYears(new Date());
	const [values, setValues] = useState({
		academicYear: years[1] ?? "",
		registered: "60",
		passed: "60",
	});
	const [answer, setAnswer] = useState<WhatIfAnswer>();
	const [error, setError] = useState<unknown>();
	const [busy, setBusy] = useState(false);
	const problem =
		error instanceof ApiError ? fieldErrors(error.problem, fields, "plan.0.") : undefined;
	const set = (name: keyof typeof values) => (value: string) =>
		setValues((was) => ({ ...was, [name]: value }));
	const submit = async (event: FormEvent) => {
		event.preventDefault();
		setBusy(true);
		setError(undefined);
		try {
			const plan = {
				academicYear: values.academicYear,
				registered: toNumber(values.registered),
				passed: toNumber(values.passed),
			};
			setAnswer(await fetchWhatIf(learnerId, [plan]));
		} catch (failure) {
			setAnswer(undefined);
			setError(failure);
		} finally {
			setBusy(false);
		}
	};
	return (
		<section aria-labelledby="what-if-heading" className="card">
			<h2 id="what-if-heading">{t("whatIf.title")}</h2>
			<p>{t("whatIf.intro")}</p>
			<form onSubmit={(event) => void submit(event)} noValidate className="inline-form">
				<SelectField
					form="what-if"
					name="academicYear"
					label={t("statement.academicYear")}
					value={values.academicYear}
					onChange={set("academicYear")}
					options={years.map((year) => ({ value: year, label: year }))}
					error={problem?.byField["academicYear"]}
				/>
				{(["registered", "passed"] as const).map((name) => (
					<TextField
						key={name}
						form="what-if"
						name={name}
						type="number"
						min={0}
						label={t(`whatIf.${name}`)}
						value={values[name]}
						onChange={set(name)}
						error={messageFor(problem, { name: name, value: values[name] }, t("error.required"))}
					/>
				))}
				<button type="submit" disabled={busy}>
					{t("whatIf.submit")}
				</button>
			</form>
			<ErrorAlert error={error} extra={problem?.unmatched ?? []} />
			{answer && <WhatIfResult answer={answer} />}
		</section>
	);
}

function WhatIfResult({ answer }: { readonly answer: WhatIfAnswer }) {
	const { t } = useI18n();
	return (
		<div className="what-if-result">
			<p role="status" className="what-if-total">
				{t("whatIf.total", {
					before: formatCredits(answer.before.state.balance),
					after: formatCredits(answer.after.state.balance),
					change: formatSignedCredits(answer.balanceChange),
				})}
			</p>
			<TableScroll label={t("whatIf.caption")}>
				<table>
					<caption>{t("whatIf.caption")}</caption>
					<thead>
						<tr>
							<th scope="col">{t("statement.academicYear")}</th>
							<th scope="col" className="number">
								{t("whatIf.before")}
							</th>
							<th scope="col" className="number">
								{t("whatIf.after")}
							</th>
							<th scope="col" className="number">
								{t("whatIf.change")}
							</th>
						</tr>
					</thead>
					<tbody>
						{whatIfRows(answer.years).map((row) => (
							<tr key={row.academicYear}>
								<th scope="row">{row.academicYear}</th>
								<td className="number">{formatCredits(row.before)}</td>
								<td className="number">{formatCredits(row.after)}</td>
								<td className="number">{formatSignedCredits(row.change)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</TableScroll>
		</div>
	);
}
