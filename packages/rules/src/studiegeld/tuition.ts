import { type AcademicYear, formatAcademicYear } from "../calendar/academic-year.ts";
import { ParameterNotInForce } from "../errors.ts";
import type { Text } from "../leerkrediet/explain.ts";
import type { Parameters, ResolvedValue } from "../parameters/parameters.ts";
import { valueAt } from "../parameters/parameters.ts";
import type { Contract, ProgrammeKind, Tariff } from "../programme.ts";

/** Programme kinds whose tuition the Codex sets (R22); others are priced by the institution. */
const regulatedKinds = new Set<ProgrammeKind>([
	"bachelor",
	"verkorte-bachelor",
	"master",
	"schakelprogramma",
	"voorbereidingsprogramma",
]);

export interface TuitionRequest {
	readonly academicYear: AcademicYear;
	readonly contract: Contract;
	readonly programmeKind: ProgrammeKind;
	readonly credits: number;
	readonly tariff: Tariff;
	/** The fixed part is paid once a year for all diploma and credit contracts together. */
	readonly fixedPartAlreadyPaid: boolean;
}

export type Tuition =
	| {
			readonly applicable: true;
			readonly academicYear: string;
			readonly fixedCents: number;
			readonly perCreditCents: number;
			readonly variableCents: number;
			readonly totalCents: number;
			/** True when any amount used was inferred rather than read in a source. */
			readonly inferred: boolean;
			readonly parameters: readonly ResolvedValue<number>[];
			readonly text: Text;
	  }
	| {
			readonly applicable: false;
			readonly academicYear: string;
			readonly reason: "set-by-institution" | "amounts-not-known";
			readonly text: Text;
	  };

type TuitionParameter =
	| "studiegeld/fixed"
	| "studiegeld/per-credit"
	| "studiegeld/per-credit-near-scholarship"
	| "studiegeld/scholarship";

const euro = (cents: number) => (cents / 100).toFixed(2);

/**
 * Tuition (studiegeld) for a registration, rule R22: fixed part plus an amount per credit; the
 * scholarship rate is a flat amount; an exam contract pays the scholarship amount plus the
 * near-scholarship rate per credit. Amounts in euro cents; throws ParameterNotInForce for a year
 * whose amounts are not known.
 */
export function tuitionFor(parameters: Parameters, request: TuitionRequest): Tuition {
	const label = formatAcademicYear(request.academicYear);
	if (!regulatedKinds.has(request.programmeKind)) {
		return {
			applicable: false,
			academicYear: label,
			reason: "set-by-institution",
			text: {
				nl: `Het studiegeld voor een ${request.programmeKind} bepaalt de instelling zelf.`,
				en: `The institution sets the tuition for a ${request.programmeKind} itself.`,
			},
		};
	}
	const date = `${request.academicYear}-${valueAt(parameters, "academic-year/first-day", `${request.academicYear}-12-31`).value}`;
	const lookup = (name: TuitionParameter) => valueAt(parameters, name, date);
	let fixed: ResolvedValue<number> | undefined;
	let perCredit: ResolvedValue<number> | undefined;
	if (request.contract === "exam") {
		fixed = lookup("studiegeld/scholarship");
		perCredit = lookup("studiegeld/per-credit-near-scholarship");
	} else if (request.tariff === "scholarship") {
		fixed = lookup("studiegeld/scholarship");
	} else {
		fixed = lookup("studiegeld/fixed");
		perCredit = lookup(
			request.tariff === "standard"
				? "studiegeld/per-credit"
				: "studiegeld/per-credit-near-scholarship",
		);
	}
	const fixedCents = request.contract !== "exam" && request.fixedPartAlreadyPaid ? 0 : fixed.value;
	const perCreditCents = perCredit?.value ?? 0;
	const variableCents = perCreditCents * request.credits;
	const totalCents = fixedCents + variableCents;
	const used = perCredit ? [fixed, perCredit] : [fixed];
	return {
		applicable: true,
		academicYear: label,
		fixedCents,
		perCreditCents,
		variableCents,
		totalCents,
		inferred: used.some((value) => value.inferred),
		parameters: used,
		text: {
			nl: `Studiegeld ${label}: € ${euro(fixedCents)} vast + ${request.credits} × € ${euro(perCreditCents)} = € ${euro(totalCents)}.`,
			en: `Tuition ${label}: € ${euro(fixedCents)} fixed + ${request.credits} × € ${euro(perCreditCents)} = € ${euro(totalCents)}.`,
		},
	};
}

/** Like `tuitionFor`, but a year whose amounts are not known gives an answer saying so instead of throwing. */
export function tuitionIfKnown(parameters: Parameters, request: TuitionRequest): Tuition {
	try {
		return tuitionFor(parameters, request);
	} catch (error) {
		if (!(error instanceof ParameterNotInForce)) throw error;
		const label = formatAcademicYear(request.academicYear);
		return {
			applicable: false,
			academicYear: label,
			reason: "amounts-not-known",
			text: {
				nl: `Het studiegeld voor ${label} is niet gekend: ${error.message}`,
				en: `The tuition for ${label} is not known: ${error.message}`,
			},
		};
	}
}
