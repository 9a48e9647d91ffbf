import type { Fact } from "@rugzak/rules";
import { type FormEvent, useState } from "react";
import { ErrorAlert } from "../../../components/error-alert.tsx";
import { type Option, SelectField, TextField } from "../../../components/field.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import type { MessageKey } from "../../../lib/i18n/dictionaries.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";
import { fieldErrors, messageFor } from "../../../lib/problem.ts";
import type { Institution } from "../../institutions/api/institutions.ts";
import {
	buildFact,
	type FactField,
	type FactForm,
	factForms,
	fieldsOf,
} from "../api/fact-forms.ts";
import { recordFacts } from "../api/record-facts.ts";
import { choicesOf } from "./fact-choices.ts";

interface RecordFactFormProps {
	readonly learnerId: string;
	readonly facts: readonly Fact[];
	readonly institutions: readonly Institution[];
	/** Called after the API has recorded the fact. */
	readonly onRecorded: () => void;
}

/** One form for every fact staff record: the kind chooses the fields; errors land beside them. */
export function RecordFactForm(props: RecordFactFormProps) {
	const { t } = useI18n();
	const [form, setForm] = useState<FactForm>("result");
	const [values, setValues] = useState<Record<string, string>>({});
	const [error, setError] = useState<unknown>();
	const [busy, setBusy] = useState(false);
	const fields = fieldsOf[form];
	const names = fields.map((field) => field.name);
	const problem =
		error instanceof ApiError ? fieldErrors(error.problem, names, "facts.0.") : undefined;
	const unmatched =
		problem && problem.unmatched.length === 0 && Object.keys(problem.byField).length === 0
			? [error instanceof ApiError ? (error.problem.detail ?? "") : ""].filter(Boolean)
			: (problem?.unmatched ?? []);
	const submit = async (event: FormEvent) => {
		event.preventDefault();
		setBusy(true);
		setError(undefined);
		try {
			const fact = buildFact(form, values, `web-${crypto.randomUUID()}`);
			await recordFacts(props.learnerId, [fact], crypto.randomUUID());
			setValues({});
			props.onRecorded();
		} catch (failure) {
			setError(failure);
		} finally {
			setBusy(false);
		}
	};
	const kinds = Object.keys(factForms) as FactForm[];
	return (
		<form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="record-heading">
			<h2 id="record-heading">{t("record.title")}</h2>
			<SelectField
				form="record"
				name="kind"
				label={t("record.kind")}
				value={form}
				onChange={(value) => {
					setForm(value as FactForm);
					setError(undefined);
				}}
				options={kinds.map((kind) => ({ value: kind, label: t(`record.kind.${kind}`) }))}
			/>
			<fieldset>
				<legend>{t(`record.kind.${form}`)}</legend>
				{fields.map((field) => (
					<FactInput
						key={`${form}:${field.name}`}
						field={field}
						value={values[field.name] ?? ""}
						onChange={(value) => setValues((was) => ({ ...was, [field.name]: value }))}
						error={messageFor(
							problem,
							{ name: field.name, value: values[field.name] },
							t("error.required"),
						)}
						options={choicesOf(field.source, props, t)}
					/>
				))}
			</fieldset>
			<ErrorAlert error={error} extra={unmatched} />
			<button type="submit" disabled={busy}>
				{t("record.submit")}
			</button>
		</form>
	);
}

function FactInput(props: {
	readonly field: FactField;
	readonly value: string;
	readonly onChange: (value: string) => void;
	readonly error: string | undefined;
	readonly options: readonly Option[] | undefined;
}) {
	const { t } = useI18n();
	const { field } = props;
	const label = `${t(`fact.${field.name}` as MessageKey)}${field.optional ? ` ${t("common.optional")}` : ""}`;
	const common = {
		form: "record",
		name: field.name,
		label,
		value: props.value,
		onChange: props.onChange,
		error: props.error,
		required: !field.optional,
	};
	if (props.options !== undefined) {
		return (
			<SelectField
				{...common}
				options={[{ value: "", label: t("common.choose") }, ...props.options]}
			/>
		);
	}
	const type = field.source === "date" ? "date" : field.source === "number" ? "number" : "text";
	const hint = field.name === "data.academicYear" ? t("fact.academicYearHint") : undefined;
	return <TextField {...common} type={type} {...(hint ? { hint } : {})} />;
}
