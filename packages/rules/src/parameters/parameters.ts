import type { IsoDate } from "../calendar/iso-date.ts";
import { ParameterNotInForce } from "../errors.ts";
import type { ParameterName, ParameterUnit, ParameterValue } from "./parameter-definitions.ts";

/** One value of a parameter and the date from which it holds. `value: null` means none is in force. */
export interface DatedValue<TValue> {
	readonly from: IsoDate;
	readonly value: TValue | null;
	readonly reference: string;
	/** True where the value was derived rather than read in a source; the note says how. */
	readonly inferred: boolean;
	readonly note: string | undefined;
	/** The reform that set this value, if any. */
	readonly reform: string | undefined;
}

export interface Parameter<TValue> {
	readonly name: string;
	readonly description: string;
	readonly unit: ParameterUnit;
	/** Ascending by `from`. */
	readonly values: readonly DatedValue<TValue>[];
}

/** Every law value the rules use, with its history; loaded and checked once at the edge. */
export type Parameters = { readonly [TName in ParameterName]: Parameter<ParameterValue<TName>> };

/** A value looked up at a date, with where it comes from, so an explanation can cite it. */
export interface ResolvedValue<TValue> {
	readonly name: ParameterName;
	readonly value: TValue;
	readonly from: IsoDate;
	readonly reference: string;
	readonly inferred: boolean;
	readonly reform: string | undefined;
}

/**
 * The value of `name` in force on `date`: the latest dated value on or before it
 * (as openfisca-core's `_get_at_instant`). Throws ParameterNotInForce when there is none.
 */
export function valueAt<TName extends ParameterName>(
	parameters: Parameters,
	name: TName,
	date: IsoDate,
): ResolvedValue<ParameterValue<TName>> {
	const values = parameters[name].values as readonly DatedValue<ParameterValue<TName>>[];
	let found: DatedValue<ParameterValue<TName>> | undefined;
	for (const entry of values) {
		if (entry.from > date) break;
		found = entry;
	}
	if (found === undefined) {
		throw new ParameterNotInForce(name, date, `its first value holds from ${values[0]?.from}`);
	}
	if (found.value === null) {
		const why = found.note ?? "no value is in force from that date";
		throw new ParameterNotInForce(name, date, `${why} (${found.reference})`);
	}
	return {
		name,
		value: found.value,
		from: found.from,
		reference: found.reference,
		inferred: found.inferred,
		reform: found.reform,
	};
}
