import { z } from "zod";
import { isIsoDate } from "../calendar/date-text.ts";
import { LawFileError } from "../errors.ts";
import { type LawFile, parseLawFile } from "./law-file.ts";
import {
	isParameterName,
	type ParameterName,
	type ParameterUnit,
	parameterDefinitions,
	parameterNames,
	parameterUnits,
} from "./parameter-definitions.ts";
import type { DatedValue, Parameter, Parameters } from "./parameters.ts";

const isoDateKey = z.string().refine(isIsoDate, "expected an effective date as YYYY-MM-DD");

function datedValuesSchema(unit: ParameterUnit) {
	const entry = z.strictObject({
		value: parameterUnits[unit].nullable(),
		reference: z.string().min(1, "every value needs a reference"),
		inferred: z.boolean().optional(),
		note: z.string().optional(),
	});
	return z
		.record(isoDateKey, entry)
		.refine((values) => Object.keys(values).length > 0, "at least one dated value is needed")
		.refine(
			(values) =>
				Object.keys(values).every((date, i, dates) => i === 0 || (dates[i - 1] ?? "") < date),
			"effective dates must be in ascending order",
		);
}

function makeParameterFileSchema(unit: ParameterUnit) {
	return z.strictObject({
		description: z.string().min(1),
		unit: z.literal(unit),
		documentation: z.string().optional(),
		values: datedValuesSchema(unit),
	});
}

// One schema per unit, made when first needed: building a zod schema costs more than using it.
const parameterFileSchemas = new Map<ParameterUnit, ReturnType<typeof makeParameterFileSchema>>();

function parameterFileSchema(unit: ParameterUnit) {
	let schema = parameterFileSchemas.get(unit);
	if (schema === undefined) {
		schema = makeParameterFileSchema(unit);
		parameterFileSchemas.set(unit, schema);
	}
	return schema;
}

type RawValues = Record<
	string,
	{ value: unknown; reference: string; inferred?: boolean | undefined; note?: string | undefined }
>;

function toDatedValues(values: RawValues, reform: string | undefined): DatedValue<unknown>[] {
	return Object.entries(values).map(([from, entry]) => ({
		from,
		value: entry.value,
		reference: entry.reference,
		inferred: entry.inferred ?? false,
		note: entry.note,
		reform,
	}));
}

function nameOf(path: string): string {
	return path.replace(/\\/g, "/").replace(/\.ya?ml$/, "");
}

/**
 * Builds the parameters from the files under `parameters/`, checking each against its unit.
 * Every known parameter must have exactly one file, and every file must be a known parameter.
 */
export function parseParameters(files: readonly LawFile[]): Parameters {
	const parsed = new Map<ParameterName, Parameter<unknown>>();
	for (const file of files) {
		const name = nameOf(file.path);
		if (!isParameterName(name)) {
			throw new LawFileError(file.path, [`no parameter is called ${name}`]);
		}
		const unit = parameterDefinitions[name];
		const content = parseLawFile(file, parameterFileSchema(unit));
		parsed.set(name, {
			name,
			description: content.description,
			unit,
			values: toDatedValues(content.values as RawValues, undefined),
		});
	}
	const missing = parameterNames.filter((name) => !parsed.has(name));
	if (missing.length > 0) {
		throw new LawFileError(
			"parameters",
			missing.map((name) => `missing file ${name}.yaml`),
		);
	}
	return Object.freeze(Object.fromEntries(parsed)) as unknown as Parameters;
}

/** A set of changed law values, in the shape of the parameter files, applied with `applyReform`. */
export interface Reform {
	readonly name: string;
	readonly description: string;
	readonly reference: string | undefined;
	readonly parameters: ReadonlyMap<ParameterName, readonly DatedValue<unknown>[]>;
}

const reformSchema = z.strictObject({
	description: z.string().min(1),
	reference: z.string().optional(),
	parameters: z.record(
		z.string(),
		z.strictObject({
			description: z.string().optional(),
			unit: z.string().optional(),
			values: z.record(z.string(), z.unknown()),
		}),
	),
});

/** Reads a reform file: for each parameter it names, the values that replace the law's. */
export function parseReform(file: LawFile): Reform {
	const content = parseLawFile(file, reformSchema);
	const parameters = new Map<ParameterName, readonly DatedValue<unknown>[]>();
	for (const [name, override] of Object.entries(content.parameters)) {
		if (!isParameterName(name)) {
			throw new LawFileError(file.path, [`parameters.${name}: no parameter is called ${name}`]);
		}
		const unit = parameterDefinitions[name];
		if (override.unit !== undefined && override.unit !== unit) {
			throw new LawFileError(file.path, [`parameters.${name}.unit: ${name} is in ${unit}`]);
		}
		const values = datedValuesSchema(unit).safeParse(override.values);
		if (!values.success) {
			throw new LawFileError(
				file.path,
				values.error.issues.map(
					(issue) => `parameters.${name}.values.${issue.path.join(".")}: ${issue.message}`,
				),
			);
		}
		parameters.set(
			name,
			toDatedValues(values.data as RawValues, nameOf(file.path).replace(/^.*\//, "")),
		);
	}
	return {
		name: nameOf(file.path).replace(/^.*\//, ""),
		description: content.description,
		reference: content.reference,
		parameters,
	};
}

/**
 * The parameters with the reform applied: for each parameter the reform names, its values
 * replace the law's from the reform's first date onward; earlier law values stay.
 */
export function applyReform(parameters: Parameters, reform: Reform): Parameters {
	const result: Record<string, Parameter<unknown>> = { ...parameters };
	for (const [name, values] of reform.parameters) {
		const base = parameters[name] as Parameter<unknown>;
		const firstDate = values[0]?.from ?? "";
		result[name] = {
			...base,
			values: [...base.values.filter((entry) => entry.from < firstDate), ...values],
		};
	}
	return Object.freeze(result) as unknown as Parameters;
}
