import type { FormParameter, SimulationRequest } from "../api/simulations.ts";

/** What the form holds: every value as the user typed or chose it. */
export interface SimulationValues {
	readonly population: "demo" | "upload";
	readonly reformKind: "file" | "parameters";
	readonly reformFile: string;
	/** By form field; booleans as "true" or "false". */
	readonly parameters: Readonly<Record<string, string>>;
	readonly horizon: string;
}

/** A field's text as the API takes it; an empty field is null, so that the API names it. */
function sentValue(parameter: FormParameter, text: string): number | boolean | null {
	if (parameter.unit === "boolean") return text === "true";
	return text.trim() === "" ? null : Number(text);
}

/** The values the form starts from: the law's, as `GET /api/reforms` gives them. */
export function initialParameters(parameters: readonly FormParameter[]): Record<string, string> {
	return Object.fromEntries(
		parameters.map((parameter) => [parameter.field, String(parameter.value)]),
	);
}

/**
 * The request for the form's values: of the parameters only those that differ from the law's
 * value, so that the reform says what changes; `population` is `demo` or an upload's id.
 */
export function simulationRequest(
	values: SimulationValues,
	law: readonly FormParameter[],
	population: string,
): SimulationRequest {
	const changed = law.flatMap((parameter) => {
		const value = sentValue(parameter, values.parameters[parameter.field] ?? "");
		return value === parameter.value ? [] : [[parameter.field, value] as const];
	});
	return {
		population,
		horizon: values.horizon.trim() === "" ? null : Number(values.horizon),
		reform:
			values.reformKind === "file"
				? { file: values.reformFile }
				: { parameters: Object.fromEntries(changed) },
	};
}
