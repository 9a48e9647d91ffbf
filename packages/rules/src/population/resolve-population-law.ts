import { formatAcademicYear } from "../calendar/academic-year.ts";
import { ParameterNotInForce } from "../errors.ts";
import {
	type LeerkredietLaw,
	leerkredietLawAt,
	type leerkredietParameters,
	rebuildLawOf,
} from "../leerkrediet/law.ts";
import { programmeUsesLeerkrediet } from "../leerkrediet/scope.ts";
import type { Parameters } from "../parameters/parameters.ts";
import { UnsupportedPopulationLaw } from "./population-error.ts";
import { type PopulationLaw, populationContracts, type YearLaw } from "./population-law.ts";

/**
 * The leerkrediet parameters, by the rules' names for them, whose single number or yes/no makes
 * a population's law of a year (`YearLaw`); besides them, only which contracts earn the bonus.
 * A form that changes the population's law (the portal's) offers these.
 */
export const populationLawParameters = [
	"initial",
	"bonus",
	"masterDeduction",
	"masterDeductionFirstOnly",
	"rebuildIncrement",
	"rebuildCeiling",
	"rebuildOnce",
	"rebuildForfeitsBonus",
	"rebuildWaitingAfterStopping",
	"rebuildWaitingAfterMaster",
] as const satisfies readonly (keyof typeof leerkredietParameters)[];

/** The programme kinds a population row stands for: an initial bachelor or master. */
const rowProgrammeKinds = ["bachelor", "master"] as const;

/**
 * The law of every academic year up to `horizon` as plain values, each resolved on the year's
 * first day as the single-learner engine resolves the rebuild; years before the law is in force
 * are left out. Throws ParameterNotInForce when the law is not in force at the horizon.
 */
export function resolvePopulationLaw(
	parameters: Parameters,
	options: { readonly horizon: number; readonly reform?: string | undefined },
): PopulationLaw {
	const { horizon } = options;
	const years: YearLaw[] = [];
	const earliest = earliestYearOf(parameters);
	// The horizon is tried even before the earliest value, to say which parameter is missing.
	for (let year = horizon; year === horizon || year >= earliest; year--) {
		let law: LeerkredietLaw;
		try {
			const firstDay = leerkredietLawAt(parameters, `${year}-12-31`).yearFirstDay.value;
			law = leerkredietLawAt(parameters, `${year}-${firstDay}`);
		} catch (error) {
			if (error instanceof ParameterNotInForce && year < horizon) break;
			throw error;
		}
		checkRowsUseLeerkrediet(law, year);
		years.unshift(yearLawOf(law));
	}
	return { reform: options.reform, firstYear: horizon - years.length + 1, horizon, years };
}

function yearLawOf(law: LeerkredietLaw): YearLaw {
	return {
		initial: law.initial.value,
		bonus: law.bonus.value,
		contractEarnsBonus: populationContracts.map((contract) =>
			law.bonusContracts.value.includes(contract),
		),
		masterDeduction: law.masterDeduction.value,
		masterDeductionFirstOnly: law.masterDeductionFirstOnly.value,
		rebuild: rebuildLawOf(law),
	};
}

/** The calendar year of the earliest value of any parameter: no law can be in force before it. */
function earliestYearOf(parameters: Parameters): number {
	const firsts = Object.values(parameters).map((parameter) => parameter.values[0]?.from ?? "");
	return Number(firsts.sort()[0]?.slice(0, 4));
}

// The population format has no programme kind: each row counts as an enrolment that uses leerkrediet.
function checkRowsUseLeerkrediet(law: LeerkredietLaw, year: number): void {
	for (const contract of populationContracts) {
		for (const kind of rowProgrammeKinds) {
			if (programmeUsesLeerkrediet(law, contract, kind)) continue;
			throw new UnsupportedPopulationLaw(
				`in ${formatAcademicYear(year)} a ${contract} contract in a ${kind} uses no leerkrediet under this law, but the population format counts every row as an enrolment that uses it`,
			);
		}
	}
}
