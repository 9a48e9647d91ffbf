import type { Contract, Fact, Outcome, ProgrammeKind, TeachingPeriod } from "@rugzak/rules";
import type { Option } from "../../../components/field.tsx";
import { nl } from "../../../lib/i18n/dictionaries.ts";
import type { I18n } from "../../../lib/i18n/i18n.tsx";
import type { Institution } from "../../institutions/api/institutions.ts";
import type { FieldSource } from "../api/fact-forms.ts";

/**
 * The values of a closed list, read from the Dutch dictionary's keys (`contract.diploma` …): each
 * value's label is its key, so the list and its labels cannot drift apart (a test holds them to rules).
 */
export function valuesOf(prefix: "programmeKind" | "contract" | "period" | "outcome"): string[] {
	return Object.keys(nl)
		.filter((key) => key.startsWith(`${prefix}.`))
		.map((key) => key.slice(prefix.length + 1));
}

const programmeKinds = valuesOf("programmeKind") as ProgrammeKind[];
const contracts = valuesOf("contract") as Contract[];
const periods = valuesOf("period") as TeachingPeriod[];
const outcomes = valuesOf("outcome") as Outcome[];

/** The options of a select field, or undefined for a field typed in. */
export function choicesOf(
	source: FieldSource,
	context: { readonly facts: readonly Fact[]; readonly institutions: readonly Institution[] },
	t: I18n["t"],
): Option[] | undefined {
	switch (source) {
		case "text":
		case "number":
		case "date":
			return undefined;
		case "institutions":
			return context.institutions.map((institution) => ({
				value: institution.id,
				label: institution.name,
			}));
		case "enrolments":
			return context.facts.flatMap((fact) =>
				fact.type === "LearnerEnrolled"
					? [
							{
								value: fact.id,
								label: `${fact.data.academicYear} · ${fact.data.programme.name ?? t(`programmeKind.${fact.data.programme.kind}`)} · ${fact.data.institution} (${fact.id})`,
							},
						]
					: [],
			);
		case "registrations":
			return context.facts.flatMap((fact) =>
				fact.type === "CourseUnitRegistered"
					? [
							{
								value: fact.id,
								label: `${fact.date} · ${fact.data.courseUnit.name ?? fact.id} · ${t("common.creditsCount", { count: fact.data.courseUnit.credits })} (${fact.id})`,
							},
						]
					: [],
			);
		case "programme-kinds":
			return programmeKinds.map((kind) => ({ value: kind, label: t(`programmeKind.${kind}`) }));
		case "contracts":
			return contracts.map((contract) => ({ value: contract, label: t(`contract.${contract}`) }));
		case "periods":
			return periods.map((period) => ({ value: period, label: t(`period.${period}`) }));
		case "outcomes":
			return outcomes.map((outcome) => ({ value: outcome, label: t(`outcome.${outcome}`) }));
		case "sessions":
			return [
				{ value: "1", label: t("session.1") },
				{ value: "2", label: t("session.2") },
			];
		default: {
			const _: never = source;
			return _;
		}
	}
}
