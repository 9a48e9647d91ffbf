import type { AcademicYear } from "../calendar/academic-year.ts";
import { formatAcademicYear } from "../calendar/academic-year.ts";
import type { IsoDate } from "../calendar/iso-date.ts";
import { InputError, ParameterNotInForce } from "../errors.ts";
import { valueAt } from "../parameters/parameters.ts";
import {
	type CreditChoice,
	type PolicyVersion,
	policyAt,
	type SurchargeRate,
} from "../policies/institution-policy.ts";
import type { Contract, ProgrammeKind, Tariff } from "../programme.ts";
import { type Tuition, tuitionIfKnown } from "../studiegeld/tuition.ts";
import {
	computeLeerkrediet,
	type LeerkredietAccount,
	type LeerkredietContext,
} from "./compute-account.ts";
import type { Text } from "./explain.ts";
import type { Fact } from "./facts.ts";
import { academicYearOfDate } from "./index-facts.ts";
import { leerkredietLawAt } from "./law.ts";
import type { RuleId } from "./rule-catalogue.ts";
import { usesLeerkrediet } from "./scope.ts";

/** A registration the learner or the institution is about to make. */
export interface RegistrationRequest {
	readonly date: IsoDate;
	readonly credits: number;
	readonly programmeKind: ProgrammeKind;
	readonly contract: Contract;
	readonly institution: string;
	readonly tariff: Tariff;
	/** Whether a master follows on from the learner's previous programme; by default, when they hold a bachelor. */
	readonly connecting?: boolean | undefined;
}

/** The legal category of a registration against the balance (E11). */
export type RegistrationCategory =
	| "not-required"
	| "sufficient"
	| "partial"
	| "exhausted"
	| "protected-first-master";

export interface RegistrationDecision {
	readonly academicYear: string;
	readonly category: RegistrationCategory;
	readonly balanceBefore: number;
	readonly requestedCredits: number;
	readonly coveredCredits: number;
	readonly uncoveredCredits: number;
	/** The institution's options under the law (R15, R16). */
	readonly lawAllows: readonly CreditChoice[];
	/** What the institution's policy does with this case. */
	readonly policyChooses: CreditChoice;
	readonly policy: {
		readonly id: string;
		readonly name: string;
		readonly from: IsoDate;
		readonly reference: string;
	};
	readonly enrolledCredits: number;
	readonly balanceAfter: number;
	/** Null when the policy charges a surcharge but no amount is known for the year. */
	readonly surchargePerCreditCents: number | null;
	readonly surchargeCents: number | null;
	readonly tuition: Tuition;
	readonly reasons: readonly { readonly rule: RuleId; readonly text: Text }[];
}

interface Situation {
	readonly account: LeerkredietAccount;
	readonly year: AcademicYear;
	readonly policy: PolicyVersion & { readonly from: IsoDate };
	readonly policyName: string;
	readonly exceptionalAdmission: boolean;
	readonly fixedPartAlreadyPaid: boolean;
}

function situationOf(
	facts: readonly Fact[],
	request: RegistrationRequest,
	context: LeerkredietContext,
): Situation {
	const account = computeLeerkrediet(facts, { ...context, at: request.date });
	const year = academicYearOfDate(request.date, context.parameters);
	const policyFile = context.policyOverride ?? context.policies.get(request.institution);
	const policy = policyFile && policyAt(policyFile, request.date);
	if (!policyFile || !policy) {
		const message = `no policy is known for institution ${request.institution} on ${request.date}`;
		throw new InputError([
			{ factId: undefined, field: "institution", rule: "V2", code: "unknown-institution", message },
		]);
	}
	const label = formatAcademicYear(year);
	const earlier = facts.filter((fact) => fact.date <= request.date);
	const exceptionalAdmission = earlier.some(
		(fact) =>
			fact.type === "ExceptionalAdmissionGranted" &&
			fact.data.academicYear === label &&
			fact.data.institution === request.institution,
	);
	const fixedPartAlreadyPaid = earlier.some(
		(fact) =>
			fact.type === "LearnerEnrolled" &&
			fact.data.academicYear === label &&
			fact.data.contract !== "exam",
	);
	return {
		account,
		year,
		policy,
		policyName: policyFile.name,
		exceptionalAdmission,
		fixedPartAlreadyPaid,
	};
}

const allChoices: readonly CreditChoice[] = ["enrol", "enrol-with-surcharge", "refuse-uncovered"];

/** R15–R17 and the institution's policy: what it does with credits the balance does not cover. */
function choose(
	category: RegistrationCategory,
	situation: Situation,
): { choice: CreditChoice; rule: RuleId } {
	const rules = situation.policy.insufficientCredit;
	const { state } = situation.account;
	if (category === "sufficient" || category === "not-required")
		return { choice: "enrol", rule: "R15" };
	if (state.masterDegreeObtained && rules.masterDegreeHolders !== "apply-leerkrediet") {
		return { choice: rules.masterDegreeHolders, rule: "R15" };
	}
	if (category === "protected-first-master") return { choice: rules.firstMaster, rule: "R16" };
	if (situation.exceptionalAdmission) return { choice: rules.exceptionalAdmission, rule: "R17" };
	return { choice: category === "partial" ? rules.partial : rules.exhausted, rule: "R15" };
}

/** The surcharge per uncovered credit (R15b): the policy's rate, never above the legal maximum; null if not known. */
function surchargeRateCents(
	rate: SurchargeRate,
	year: AcademicYear,
	context: LeerkredietContext,
): number | null {
	if (rate === "none") return 0;
	const date = `${year}-12-31`;
	const lookup = (
		name:
			| "leerkrediet/surcharge-maximum-per-credit"
			| "studiegeld/per-credit"
			| "studiegeld/per-credit-near-scholarship",
	) => valueAt(context.parameters, name, date).value;
	try {
		const maximum = lookup("leerkrediet/surcharge-maximum-per-credit");
		if (rate === "legal-maximum") return maximum;
		return Math.min(
			maximum,
			lookup(
				rate === "per-credit" ? "studiegeld/per-credit" : "studiegeld/per-credit-near-scholarship",
			),
		);
	} catch (error) {
		if (error instanceof ParameterNotInForce) return null;
		throw error;
	}
}

/**
 * Decides a proposed registration against the learner's leerkrediet on its date (E11): the legal
 * category, the credits not covered, what the law allows, what the institution's policy chooses,
 * the surcharge and the tuition. Nothing is recorded.
 */
export function decideRegistration(
	facts: readonly Fact[],
	request: RegistrationRequest,
	context: LeerkredietContext,
): RegistrationDecision {
	const situation = situationOf(facts, request, context);
	const { state } = situation.account;
	const law = leerkredietLawAt(context.parameters, request.date);
	const uses = usesLeerkrediet(law, request.contract, request.programmeKind, situation.policy);
	let balance = state.started ? state.balance : law.initial.value;
	if (uses && state.graduaatTopUpPending && request.programmeKind === "bachelor") {
		balance = Math.max(balance, law.graduaatTopUp.value);
	}
	const credits = request.credits;
	const connecting = request.connecting ?? state.bachelorDegreeObtained;
	const protectedMaster =
		request.programmeKind === "master" &&
		request.contract === "diploma" &&
		!state.masterDegreeObtained &&
		connecting;
	const category: RegistrationCategory = !uses
		? "not-required"
		: balance >= credits && balance > 0
			? "sufficient"
			: protectedMaster
				? "protected-first-master"
				: balance > 0
					? "partial"
					: "exhausted";
	const uncovered =
		category === "not-required" || category === "sufficient" ? 0 : credits - Math.max(balance, 0);
	const { choice, rule } = choose(category, situation);
	const enrolled = choice === "refuse-uncovered" ? credits - uncovered : credits;
	const rate = situation.policy.surcharge[request.tariff];
	const perCredit =
		choice === "enrol-with-surcharge" ? surchargeRateCents(rate, situation.year, context) : 0;
	return {
		academicYear: formatAcademicYear(situation.year),
		category,
		balanceBefore: balance,
		requestedCredits: credits,
		coveredCredits: credits - uncovered,
		uncoveredCredits: uncovered,
		lawAllows: lawAllowsFor(category),
		policyChooses: choice,
		policy: policySummary(situation, request),
		enrolledCredits: enrolled,
		balanceAfter: uses ? balance - enrolled : balance,
		surchargePerCreditCents: perCredit,
		surchargeCents: perCredit === null ? null : perCredit * uncovered,
		tuition: tuitionIfKnown(context.parameters, {
			academicYear: situation.year,
			contract: request.contract,
			programmeKind: request.programmeKind,
			credits: enrolled,
			tariff: request.tariff,
			fixedPartAlreadyPaid: situation.fixedPartAlreadyPaid,
		}),
		reasons: reasonsFor(category, { choice, rule, uncovered, balance, credits, perCredit }),
	};
}

function lawAllowsFor(category: RegistrationCategory): readonly CreditChoice[] {
	if (category === "not-required" || category === "sufficient") return ["enrol"];
	if (category === "protected-first-master") return ["enrol", "enrol-with-surcharge"];
	return allChoices;
}

function policySummary(situation: Situation, request: RegistrationRequest) {
	const { policy } = situation;
	return {
		id: request.institution,
		name: situation.policyName,
		from: policy.from,
		reference: policy.reference,
	};
}

const euro = (cents: number) => (cents / 100).toFixed(2);

interface Outcome {
	readonly choice: CreditChoice;
	readonly rule: RuleId;
	readonly uncovered: number;
	readonly balance: number;
	readonly credits: number;
	readonly perCredit: number | null;
}

function categoryReason(category: RegistrationCategory, o: Outcome): { rule: RuleId; text: Text } {
	const { balance: b, credits: n, uncovered: u } = o;
	switch (category) {
		case "not-required":
			return {
				rule: "R1",
				text: {
					nl: "Deze inschrijving gebruikt geen leerkrediet.",
					en: "This registration uses no leerkrediet.",
				},
			};
		case "sufficient":
			return {
				rule: "R3",
				text: {
					nl: `Je leerkrediet (${b}) dekt de ${n} studiepunten; daarna blijft ${b - n} over.`,
					en: `Your leerkrediet (${b}) covers the ${n} credits; ${b - n} remain afterwards.`,
				},
			};
		case "partial":
			return {
				rule: "R15",
				text: {
					nl: `Je leerkrediet (${b}) dekt ${n - u} van de ${n} studiepunten: ${u} zijn niet gedekt.`,
					en: `Your leerkrediet (${b}) covers ${n - u} of the ${n} credits: ${u} are not covered.`,
				},
			};
		case "exhausted":
			return {
				rule: "R15",
				text: {
					nl: `Je leerkrediet is op (${b}): geen van de ${n} studiepunten is gedekt.`,
					en: `Your leerkrediet is used up (${b}): none of the ${n} credits is covered.`,
				},
			};
		case "protected-first-master":
			return {
				rule: "R16",
				text: {
					nl: `Eerste aansluitende master: ${u} studiepunten zijn niet gedekt, maar de instelling mag je niet weigeren; verhoogd studiegeld mag wel.`,
					en: `First connecting master: ${u} credits are not covered, but the institution may not refuse you; it may charge more tuition.`,
				},
			};
		default: {
			const _: never = category;
			throw new Error(`unknown category ${_}`);
		}
	}
}

function surchargeText(o: Outcome, language: "nl" | "en"): string {
	if (o.perCredit === null)
		return language === "nl"
			? "bedrag niet gekend voor dit jaar"
			: "amount not known for this year";
	return `${o.uncovered} × € ${euro(o.perCredit)} = € ${euro(o.uncovered * o.perCredit)}`;
}

function choiceReason(o: Outcome): { rule: RuleId; text: Text } {
	switch (o.choice) {
		case "enrol":
			return {
				rule: o.rule,
				text: { nl: "De instelling schrijft je in.", en: "The institution enrols you." },
			};
		case "enrol-with-surcharge":
			return {
				rule: o.rule,
				text: {
					nl: `De instelling schrijft je in met verhoogd studiegeld: ${surchargeText(o, "nl")}.`,
					en: `The institution enrols you with a surcharge: ${surchargeText(o, "en")}.`,
				},
			};
		case "refuse-uncovered":
			return {
				rule: o.rule,
				text: {
					nl: `De instelling weigert de ${o.uncovered} studiepunten die je leerkrediet niet dekt.`,
					en: `The institution refuses the ${o.uncovered} credits your leerkrediet does not cover.`,
				},
			};
		default: {
			const _: never = o.choice;
			throw new Error(`unknown choice ${_}`);
		}
	}
}

function reasonsFor(
	category: RegistrationCategory,
	outcome: Outcome,
): { rule: RuleId; text: Text }[] {
	const reasons = [categoryReason(category, outcome)];
	if (category !== "not-required" && category !== "sufficient") reasons.push(choiceReason(outcome));
	return reasons;
}
