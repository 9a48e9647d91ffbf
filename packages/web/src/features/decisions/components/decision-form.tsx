import type { RegistrationDecision } from "@rugzak/rules";
import { type FormEvent, useState } from "react";
import { ErrorAlert } from "../../../components/error-alert.tsx";
import { SelectField, TextField } from "../../../components/field.tsx";
import { Loading } from "../../../components/loading.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { formatCredits, formatEuro } from "../../../lib/format.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";
import { fieldErrors, messageFor } from "../../../lib/problem.ts";
import type { Session } from "../../../lib/session.ts";
import { useResource } from "../../../lib/use-resource.ts";
import { fetchLearner } from "../../backpack/api/leerkrediet.ts";
import { choicesOf } from "../../facts/components/fact-choices.ts";
import { fetchInstitutions } from "../../institutions/api/institutions.ts";
import { decideRegistration, decisionRequestOf } from "../api/decide-registration.ts";

const fields = [
	"date",
	"credits",
	"programmeKind",
	"contract",
	"institution",
	"tariff",
	"connecting",
] as const;
const tariffs = ["standard", "near-scholarship", "scholarship"] as const;

/** Check a registration before it is made: category, uncovered credits, law, policy and tuition. */
export function DecisionForm({
	learnerId,
	session,
}: {
	readonly learnerId: string;
	readonly session: Session;
}) {
	const { t } = useI18n();
	const known = useResource(`decision:${learnerId}`, async (signal) => {
		const [institutions, learner] = await Promise.all([
			fetchInstitutions(signal),
			fetchLearner(learnerId, signal),
		]);
		return { institutions, learner };
	});
	const [values, setValues] = useState<Record<string, string>>({
		date: new Date().toISOString().slice(0, 10),
		credits: "60",
		programmeKind: "bachelor",
		contract: "diploma",
		institution: "",
		tariff: "standard",
		connecting: "",
	});
	const [decision, setDecision] = useState<RegistrationDecision>();
	const [error, setError] = useState<unknown>();
	const problem = error instanceof ApiError ? fieldErrors(error.problem, fields) : undefined;
	// Until chosen: staff's own institution, else the one the learner enrolled at last.
	const institution =
		values["institution"] ||
		session.user.institution ||
		known.data?.learner.institutions.at(-1) ||
		"";
	const effective: Record<string, string> = { ...values, institution };
	const set = (name: string) => (value: string) => setValues((was) => ({ ...was, [name]: value }));
	const submit = async (event: FormEvent) => {
		event.preventDefault();
		setError(undefined);
		try {
			setDecision(await decideRegistration(learnerId, decisionRequestOf(effective)));
			// Take keyboard and screen reader users to the answer they asked for.
			requestAnimationFrame(() => document.getElementById("decision-result-heading")?.focus());
		} catch (failure) {
			setDecision(undefined);
			setError(failure);
		}
	};
	if (!known.data) return known.loading ? <Loading /> : <ErrorAlert error={known.error} />;
	const context = { facts: [], institutions: known.data.institutions };
	const common = (name: (typeof fields)[number]) => ({
		form: "decision",
		name,
		value: effective[name] ?? "",
		onChange: set(name),
		error: messageFor(problem, { name, value: effective[name] }, t("error.required")),
	});
	return (
		<>
			<form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="decision-heading">
				<h2 id="decision-heading">{t("decision.title")}</h2>
				<p>{t("decision.intro")}</p>
				<div className="form-grid">
					<TextField {...common("date")} type="date" label={t("decision.date")} required />
					<TextField
						{...common("credits")}
						type="number"
						min={1}
						label={t("decision.credits")}
						required
					/>
					<SelectField
						{...common("programmeKind")}
						label={t("fact.data.programme.kind")}
						options={choicesOf("programme-kinds", context, t) ?? []}
					/>
					<SelectField
						{...common("contract")}
						label={t("fact.data.contract")}
						options={choicesOf("contracts", context, t) ?? []}
					/>
					<SelectField
						{...common("institution")}
						label={t("fact.data.institution")}
						options={[
							{ value: "", label: t("common.choose") },
							...(choicesOf("institutions", context, t) ?? []),
						]}
					/>
					<SelectField
						{...common("tariff")}
						label={t("decision.tariff")}
						options={tariffs.map((tariff) => ({ value: tariff, label: t(`tariff.${tariff}`) }))}
					/>
					<SelectField
						{...common("connecting")}
						label={t("decision.connecting")}
						options={[
							{ value: "", label: t("decision.connecting.default") },
							{ value: "yes", label: t("common.yes") },
							{ value: "no", label: t("common.no") },
						]}
					/>
				</div>
				<ErrorAlert error={error} extra={problem?.unmatched ?? []} />
				<button type="submit">{t("decision.submit")}</button>
			</form>
			{decision && <DecisionResult decision={decision} />}
		</>
	);
}

function DecisionResult({ decision }: { readonly decision: RegistrationDecision }) {
	const { t, language } = useI18n();
	const euro = (cents: number | null) =>
		cents === null ? t("decision.notKnown") : formatEuro(cents, language);
	const tuition = decision.tuition;
	const total = (tuition.applicable ? tuition.totalCents : 0) + (decision.surchargeCents ?? 0);
	const rows: readonly [string, string][] = [
		[t("decision.category"), t(`category.${decision.category}`)],
		[t("decision.balanceBefore"), formatCredits(decision.balanceBefore)],
		[t("decision.requested"), String(decision.requestedCredits)],
		[t("decision.uncovered"), String(decision.uncoveredCredits)],
		[t("decision.lawAllows"), decision.lawAllows.map((choice) => t(`choice.${choice}`)).join("; ")],
		[
			t("decision.policyChooses"),
			`${t(`choice.${decision.policyChooses}`)} (${decision.policy.name})`,
		],
		[t("decision.enrolled"), String(decision.enrolledCredits)],
		[t("decision.balanceAfter"), formatCredits(decision.balanceAfter)],
		[t("decision.surcharge"), euro(decision.surchargeCents)],
		[
			t("decision.tuition"),
			tuition.applicable ? euro(tuition.totalCents) : t("decision.notApplicable"),
		],
		[t("decision.total"), euro(total)],
	];
	return (
		<section aria-labelledby="decision-result-heading" className="card">
			<h3 id="decision-result-heading" tabIndex={-1}>
				{t("decision.resultTitle", { year: decision.academicYear })}
			</h3>
			<dl className="facts-list">
				{rows.map(([term, value]) => (
					<div key={term}>
						<dt>{term}</dt>
						<dd>{value}</dd>
					</div>
				))}
			</dl>
			<h4>{t("decision.reasons")}</h4>
			<ul>
				{decision.reasons.map((reason) => (
					<li key={`${reason.rule}:${reason.text.en}`}>
						<strong>{reason.rule}</strong> {reason.text[language]}
					</li>
				))}
				<li>
					<strong>R22</strong> {tuition.text[language]}
				</li>
			</ul>
		</section>
	);
}
