import { contracts, isIsoDate, type Language, programmeKinds, tariffs } from "@rugzak/rules";
import { UsageError } from "./usage-error.ts";

/** Checks that a flag's value is one of `allowed`. */
export function oneOf<TValue extends string>(
	flag: string,
	value: string | undefined,
	allowed: readonly TValue[],
): TValue | undefined {
	if (value === undefined) return undefined;
	if (!(allowed as readonly string[]).includes(value)) {
		throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}, not ${value}`);
	}
	return value as TValue;
}

export function isoDateOption(flag: string, value: string | undefined): string | undefined {
	if (value !== undefined && !isIsoDate(value))
		throw new UsageError(`--${flag} must be a date as YYYY-MM-DD, not ${value}`);
	return value;
}

export function positiveInteger(flag: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value) || Number(value) <= 0 || Number(value) > 999) {
		throw new UsageError(`--${flag} must be a whole number of credits from 1 to 999, not ${value}`);
	}
	return Number(value);
}

export function required<TValue>(flag: string, value: TValue | undefined): TValue {
	if (value === undefined) throw new UsageError(`--${flag} is required`);
	return value;
}

/** The language to answer in: `--lang`, else Dutch where the environment's LANG is Dutch. */
export function languageOption(
	value: string | undefined,
	env: Readonly<Record<string, string | undefined>>,
): Language {
	return (
		oneOf("lang", value, ["nl", "en"] as const) ?? (env["LANG"]?.startsWith("nl") ? "nl" : "en")
	);
}

export const choices = { contracts, programmeKinds, tariffs };
