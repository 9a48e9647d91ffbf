import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
	type IsoDate,
	leerkredietParameters,
	type ParameterName,
	type Parameters,
	parameterDefinitions,
	parseReform,
	populationLawParameters,
	valueAt,
} from "@rugzak/rules";
import type { ProblemFieldError } from "../problem.ts";

/**
 * The leerkrediet parameters of the population rules that the portal's form may change, by the
 * rules' own names for them; a change becomes a reform document of the shape of `reforms/*.yaml`.
 */
export const formFields = populationLawParameters;

type FormField = (typeof formFields)[number];
export type FormChanges = { readonly [TField in FormField]?: number | boolean | undefined };

/** The name a reform made from the form has (its file's name, as the reform loader takes it). */
export const formReformName = "changed-parameters";

/** A form field with the law's value in force on a date, for the form to start from. */
export interface FormParameter {
	readonly field: FormField;
	readonly name: ParameterName;
	readonly unit: string;
	readonly description: string;
	readonly value: unknown;
}

export function formParametersAt(parameters: Parameters, date: IsoDate): FormParameter[] {
	return formFields.map((field) => {
		const name = leerkredietParameters[field];
		const parameter = parameters[name];
		return {
			field,
			name,
			unit: parameterDefinitions[name],
			description: parameter.description,
			value: valueAt(parameters, name, date).value,
		};
	});
}

/**
 * The reform document for the changes: each replaces the parameter's values from the law's first
 * date, so that it holds in every year simulated. The reform loader checks it, as any reform file.
 */
export function formReformDocument(changes: FormChanges, parameters: Parameters): object {
	const changed = formFields.filter((field) => changes[field] !== undefined);
	const reference = "rugzak portal: a value changed in the simulation form";
	return {
		description: `Parameters changed in the simulation form: ${changed.map((field) => `${leerkredietParameters[field]} = ${changes[field]}`).join(", ")}`,
		reference,
		parameters: Object.fromEntries(
			changed.map((field) => {
				const name = leerkredietParameters[field];
				const from = parameters[name].values[0]?.from ?? "";
				return [name, { values: { [from]: { value: changes[field], reference } } }];
			}),
		),
	};
}

/**
 * The reform loader's problems (`parameters.<name>.values.<date>.value: message`) as the form's
 * fields (`reform.parameters.<field>`); a problem with no field stays on `reform`.
 */
export function formErrors(problems: readonly string[]): ProblemFieldError[] {
	return problems.map((text) => {
		const match = /^parameters\.([^.:]+)[^:]*: (.*)$/s.exec(text);
		const field = formFields.find((candidate) => leerkredietParameters[candidate] === match?.[1]);
		return field === undefined || match?.[2] === undefined
			? { path: "reform", message: text }
			: { path: `reform.parameters.${field}`, message: match[2] };
	});
}

/** A reform file shipped in `reforms/`, listed for the portal. */
export interface ShippedReform {
	readonly id: string;
	readonly description: string;
	readonly reference: string | null;
	readonly parameters: readonly string[];
	readonly path: string;
}

/** Reads and checks every reform file of a folder, with the reform loader. */
export function shippedReforms(folder: string): ShippedReform[] {
	return readdirSync(folder)
		.filter((name) => name.endsWith(".yaml"))
		.sort()
		.map((name) => {
			const path = join(folder, name);
			const reform = parseReform({ path: name, text: readFileSync(path, "utf8") });
			return {
				id: reform.name,
				description: reform.description.trim(),
				reference: reform.reference ?? null,
				parameters: [...reform.parameters.keys()],
				path,
			};
		});
}
