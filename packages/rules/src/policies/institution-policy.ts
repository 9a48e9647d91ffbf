import { z } from "zod";
import { type IsoDate, isIsoDate, isMonthDay } from "../calendar/iso-date.ts";
import { LawFileError } from "../errors.ts";
import { type LawFile, parseLawFile } from "../parameters/law-file.ts";

const monthDay = z.string().refine(isMonthDay, "expected a day of the year as MM-DD");

/** What an institution does with credits not covered by leerkrediet (rule R15). */
export const creditChoices = ["enrol", "enrol-with-surcharge", "refuse-uncovered"] as const;
export type CreditChoice = (typeof creditChoices)[number];

/** The per-credit rate an institution charges as surcharge, never above the legal maximum. */
export const surchargeRates = [
	"none",
	"legal-maximum",
	"per-credit",
	"per-credit-near-scholarship",
] as const;
export type SurchargeRate = (typeof surchargeRates)[number];

const borderDateSchema = z.discriminatedUnion("rule", [
	z
		.strictObject({
			rule: z.literal("weeks-after-period-start"),
			weeks: z.number().int().positive(),
			firstPartialTrackWeeks: z.number().int().positive(),
		})
		.describe("Deregister within N weeks of the start of the teaching period (KdG)"),
	z
		.strictObject({
			rule: z.literal("fixed-days"),
			lastDay: z.strictObject({ year: monthDay, "semester-1": monthDay, "semester-2": monthDay }),
		})
		.describe("Deregister on or before a fixed day per teaching period (EhB, UAntwerpen)"),
]);

const policyVersionSchema = z.strictObject({
	reference: z.string().min(1),
	notes: z.string().optional(),
	borderDate: borderDateSchema,
	insufficientCredit: z.strictObject({
		partial: z.enum(creditChoices),
		exhausted: z.enum(creditChoices),
		firstMaster: z.enum(["enrol", "enrol-with-surcharge"]),
		exceptionalAdmission: z.enum(["enrol", "enrol-with-surcharge"]),
		masterDegreeHolders: z.enum(["apply-leerkrediet", "enrol", "enrol-with-surcharge"]),
	}),
	surcharge: z.strictObject({
		standard: z.enum(surchargeRates),
		"near-scholarship": z.enum(surchargeRates),
		scholarship: z.enum(surchargeRates),
	}),
	microCredentialsUseLeerkrediet: z.boolean(),
});

const policyFileSchema = z.strictObject({
	id: z.string().regex(/^[a-z0-9-]+$/, "expected a lower-case id such as kdg"),
	name: z.string().min(1),
	versions: z
		.record(
			z.string().refine(isIsoDate, "expected an effective date as YYYY-MM-DD"),
			policyVersionSchema,
		)
		.refine((versions) => Object.keys(versions).length > 0, "at least one version is needed")
		.refine(
			(versions) =>
				Object.keys(versions).every((date, i, dates) => i === 0 || (dates[i - 1] ?? "") < date),
			"versions must be in ascending order of date",
		),
});

export type PolicyVersion = z.infer<typeof policyVersionSchema>;
export type BorderDateRule = PolicyVersion["borderDate"];

/** What an institution decides where the law leaves it a choice, with the date each version holds from. */
export interface InstitutionPolicy {
	readonly id: string;
	readonly name: string;
	readonly versions: readonly (PolicyVersion & { readonly from: IsoDate })[];
}

/** Institution policies by institution id. */
export type PolicyRegistry = ReadonlyMap<string, InstitutionPolicy>;

/** Reads one policy file (`policies/<id>.yaml`). */
export function parsePolicy(file: LawFile): InstitutionPolicy {
	const content = parseLawFile(file, policyFileSchema);
	const expected = file.path.replace(/^.*\//, "").replace(/\.ya?ml$/, "");
	if (content.id !== expected) {
		throw new LawFileError(file.path, [`id: ${content.id} must match the file name ${expected}`]);
	}
	const versions = Object.entries(content.versions).map(([from, version]) => ({
		from,
		...version,
	}));
	return Object.freeze({ id: content.id, name: content.name, versions });
}

/** Reads every policy file into a registry keyed by institution id. */
export function parsePolicies(files: readonly LawFile[]): PolicyRegistry {
	return new Map(files.map((file) => parsePolicy(file)).map((policy) => [policy.id, policy]));
}

/** The version of `policy` in force on `date`, or undefined before its first version. */
export function policyAt(
	policy: InstitutionPolicy,
	date: IsoDate,
): (PolicyVersion & { readonly from: IsoDate }) | undefined {
	let found: (PolicyVersion & { readonly from: IsoDate }) | undefined;
	for (const version of policy.versions) {
		if (version.from > date) break;
		found = version;
	}
	return found;
}
