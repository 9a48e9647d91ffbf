import { type FormEvent, type ReactNode, useRef, useState } from "react";
import { ErrorAlert } from "../../../components/error-alert.tsx";
import { fieldId, SelectField, TextField } from "../../../components/field.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import type { MessageKey } from "../../../lib/i18n/dictionaries.ts";
import { useI18n } from "../../../lib/i18n/i18n.tsx";
import { type FieldErrors, fieldErrors, messageFor } from "../../../lib/problem.ts";
import type { FormParameter, ReformsAnswer } from "../api/simulations.ts";
import { initialParameters, type SimulationValues } from "./simulation-request.ts";

const form = "simulation";

/** Choose a population, a reform (shipped, or parameters changed here) and a horizon, and run. */
export function SimulationForm(props: {
	readonly reforms: ReformsAnswer;
	readonly busy: boolean;
	readonly error: unknown;
	readonly onRun: (values: SimulationValues, file: File | undefined) => void;
}) {
	const { t } = useI18n();
	const { reforms, busy, error } = props;
	const fileInput = useRef<HTMLInputElement>(null);
	const [missingFile, setMissingFile] = useState(false);
	const [values, setValues] = useState<SimulationValues>({
		population: "demo",
		reformKind: "file",
		reformFile: reforms.reforms[0]?.id ?? "",
		parameters: initialParameters(reforms.parameters),
		// The API's default, the demo population's horizon: the portal takes only types from the rules.
		horizon: String(reforms.horizon),
	});
	const names = [
		"population",
		"horizon",
		"reform.file",
		...reforms.parameters.map((parameter) => `reform.parameters.${parameter.field}`),
	];
	const problem = error instanceof ApiError ? fieldErrors(error.problem, names) : undefined;
	const set = (change: Partial<SimulationValues>) => setValues((was) => ({ ...was, ...change }));
	const submit = (event: FormEvent) => {
		event.preventDefault();
		const file = fileInput.current?.files?.[0];
		const missing = values.population === "upload" && file === undefined;
		setMissingFile(missing);
		if (!missing) props.onRun(values, values.population === "upload" ? file : undefined);
	};
	return (
		<form onSubmit={submit} noValidate>
			<Choices
				name="population"
				legend={t("simulation.population")}
				labels={{
					demo: t("simulation.population.demo"),
					upload: t("simulation.population.upload"),
				}}
				values={values}
				set={set}
			>
				{values.population === "upload" && (
					<FileField
						input={fileInput}
						error={missingFile ? t("simulation.fileMissing") : problem?.byField["population"]}
						onChange={() => setMissingFile(false)}
					/>
				)}
			</Choices>
			<ReformFields reforms={reforms} values={values} problem={problem} set={set} />
			<TextField
				form={form}
				name="horizon"
				type="number"
				label={t("simulation.horizon")}
				hint={t("simulation.horizonHint")}
				value={values.horizon}
				onChange={(horizon) => set({ horizon })}
				error={messageFor(problem, { name: "horizon", value: values.horizon }, t("error.required"))}
			/>
			<button type="submit" disabled={busy}>
				{t("simulation.submit")}
			</button>
			<ErrorAlert error={error} extra={problem?.unmatched ?? []} />
		</form>
	);
}

interface FieldsProps {
	readonly values: SimulationValues;
	readonly problem: FieldErrors | undefined;
	readonly set: (change: Partial<SimulationValues>) => void;
}

/** A shipped reform, or the parameters to change. */
function ReformFields(props: FieldsProps & { readonly reforms: ReformsAnswer }) {
	const { t } = useI18n();
	const { reforms, values, problem, set } = props;
	const chosen = reforms.reforms.find((reform) => reform.id === values.reformFile);
	return (
		<Choices
			name="reformKind"
			legend={t("simulation.reform")}
			labels={{ file: t("simulation.reform.file"), parameters: t("simulation.reform.parameters") }}
			values={values}
			set={set}
		>
			{values.reformKind === "file" ? (
				<SelectField
					form={form}
					name="reform.file"
					label={t("simulation.reformFile")}
					value={values.reformFile}
					onChange={(reformFile) => set({ reformFile })}
					options={reforms.reforms.map((reform) => ({ value: reform.id, label: reform.id }))}
					hint={chosen?.description ?? ""}
					error={problem?.byField["reform.file"]}
				/>
			) : (
				<ParameterFields
					values={values}
					parameters={reforms.parameters}
					problem={problem}
					set={set}
				/>
			)}
		</Choices>
	);
}

/** A group of radio buttons named by its legend, with what the choice brings below them. */
function Choices<TKey extends "population" | "reformKind">(props: {
	readonly name: TKey;
	readonly legend: string;
	readonly labels: Readonly<Record<SimulationValues[TKey], string>>;
	readonly values: SimulationValues;
	readonly set: (change: Partial<SimulationValues>) => void;
	readonly children: ReactNode;
}) {
	const { name, values } = props;
	const options = Object.entries(props.labels) as [SimulationValues[TKey], string][];
	return (
		<fieldset>
			<legend>{props.legend}</legend>
			{options.map(([value, label]) => {
				const id = fieldId(form, `${name}-${value}`);
				return (
					<div className="choice" key={value}>
						<input
							type="radio"
							id={id}
							name={name}
							value={value}
							checked={values[name] === value}
							onChange={() => props.set({ [name]: value })}
						/>
						<label htmlFor={id}>{label}</label>
					</div>
				);
			})}
			{props.children}
		</fieldset>
	);
}

function FileField(props: {
	readonly input: React.RefObject<HTMLInputElement | null>;
	readonly error: string | undefined;
	readonly onChange: () => void;
}) {
	const { t } = useI18n();
	const id = fieldId(form, "file");
	const described = props.error === undefined ? `${id}-hint` : `${id}-hint ${id}-error`;
	return (
		<div className={props.error === undefined ? "field" : "field field-invalid"}>
			<label htmlFor={id}>{t("simulation.file")}</label>
			<span className="hint" id={`${id}-hint`}>
				{t("simulation.fileHint")}
			</span>
			<input
				ref={props.input}
				id={id}
				name="file"
				type="file"
				accept=".csv,text/csv"
				aria-invalid={props.error === undefined ? undefined : true}
				aria-describedby={described}
				onChange={props.onChange}
			/>
			{props.error !== undefined && (
				<span className="field-error" id={`${id}-error`}>
					{props.error}
				</span>
			)}
		</div>
	);
}

function ParameterFields(props: FieldsProps & { readonly parameters: readonly FormParameter[] }) {
	const { t } = useI18n();
	const { values, problem } = props;
	const change = (field: string) => (text: string) =>
		props.set({ parameters: { ...values.parameters, [field]: text } });
	return (
		<div className="form-grid">
			{props.parameters.map((parameter) => {
				const name = `reform.parameters.${parameter.field}`;
				const value = values.parameters[parameter.field] ?? "";
				const common = {
					form,
					name,
					label: t(`simulation.parameter.${parameter.field}` as MessageKey),
					hint: t("simulation.lawValue", { value: lawValue(parameter, t) }),
					value,
					onChange: change(parameter.field),
				};
				return parameter.unit === "boolean" ? (
					<SelectField
						key={name}
						{...common}
						options={[
							{ value: "true", label: t("common.yes") },
							{ value: "false", label: t("common.no") },
						]}
						error={problem?.byField[name]}
					/>
				) : (
					<TextField
						key={name}
						{...common}
						type="number"
						min={0}
						error={messageFor(problem, { name, value }, t("error.required"))}
					/>
				);
			})}
		</div>
	);
}

function lawValue(parameter: FormParameter, t: (key: MessageKey) => string): string {
	if (typeof parameter.value === "boolean") return t(parameter.value ? "common.yes" : "common.no");
	return String(parameter.value);
}
