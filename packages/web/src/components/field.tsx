import type { ReactNode } from "react";

interface FieldProps {
	/** The field's name in the request (`data.courseUnit.credits`); ids derive from it. */
	readonly name: string;
	/** Prefix that makes the ids unique on the page. */
	readonly form: string;
	readonly label: string;
	readonly value: string;
	readonly onChange: (value: string) => void;
	readonly error?: string | undefined;
	readonly hint?: string;
	readonly required?: boolean;
}

export function fieldId(form: string, name: string): string {
	return `${form}-${name.replaceAll(".", "-")}`;
}

/** Label, hint and error around a control, wired with `for`, `aria-invalid` and `aria-describedby`. */
function FieldFrame(props: FieldProps & { readonly children: (aria: AriaProps) => ReactNode }) {
	const id = fieldId(props.form, props.name);
	const described = [props.hint && `${id}-hint`, props.error && `${id}-error`].filter(Boolean);
	const aria: AriaProps = {
		id,
		name: props.name,
		"aria-invalid": props.error === undefined ? undefined : true,
		"aria-describedby": described.length === 0 ? undefined : described.join(" "),
		required: props.required,
	};
	return (
		<div className={props.error === undefined ? "field" : "field field-invalid"}>
			<label htmlFor={id}>{props.label}</label>
			{props.hint && (
				<span className="hint" id={`${id}-hint`}>
					{props.hint}
				</span>
			)}
			{props.children(aria)}
			{props.error !== undefined && (
				<span className="field-error" id={`${id}-error`}>
					{props.error}
				</span>
			)}
		</div>
	);
}

interface AriaProps {
	readonly id: string;
	readonly name: string;
	readonly "aria-invalid": true | undefined;
	readonly "aria-describedby": string | undefined;
	readonly required: boolean | undefined;
}

export function TextField(
	props: FieldProps & {
		readonly type?: "text" | "number" | "date" | "search";
		readonly min?: number;
	},
) {
	return (
		<FieldFrame {...props}>
			{(aria) => (
				<input
					{...aria}
					type={props.type ?? "text"}
					min={props.min}
					inputMode={props.type === "number" ? "numeric" : undefined}
					value={props.value}
					onChange={(event) => props.onChange(event.target.value)}
				/>
			)}
		</FieldFrame>
	);
}

export interface Option {
	readonly value: string;
	readonly label: string;
}

export function SelectField(props: FieldProps & { readonly options: readonly Option[] }) {
	return (
		<FieldFrame {...props}>
			{(aria) => (
				<select
					{...aria}
					value={props.value}
					onChange={(event) => props.onChange(event.target.value)}
				>
					{props.options.map((option) => (
						<option key={option.value} value={option.value}>
							{option.label}
						</option>
					))}
				</select>
			)}
		</FieldFrame>
	);
}
