import { type AcademicYear, formatAcademicYear } from "../calendar/academic-year.ts";
import type { IsoDate } from "../calendar/iso-date.ts";
import type { ResolvedValue } from "../parameters/parameters.ts";
import type { Contract, ProgrammeKind } from "../programme.ts";
import { describe } from "./explain.ts";
import type { Outcome } from "./facts.ts";
import { type RuleId, ruleCatalogue, type Source } from "./rule-catalogue.ts";

/** How a ledger line moves the balance; the yearly statement has a column for each that moves it. */
export const lineKinds = [
	"initial",
	"invested",
	"earned",
	"bonus",
	"refunded",
	"deducted",
	"rebuilt",
	"noted",
] as const;
export type LineKind = (typeof lineKinds)[number];

/** A course unit as a line names it. */
export interface CourseUnitRef {
	readonly registrationId: string;
	readonly name: string | undefined;
	readonly credits: number;
}

/** Why a line exists, with the details its sentence needs. */
export type Reason =
	| { readonly type: "initial" }
	| { readonly type: "invested"; readonly unit: CourseUnitRef }
	| { readonly type: "earned"; readonly unit: CourseUnitRef }
	| { readonly type: "not-earned"; readonly unit: CourseUnitRef; readonly outcome: Outcome }
	| { readonly type: "bonus"; readonly unit: CourseUnitRef; readonly remaining: number }
	| {
			readonly type: "no-bonus-contract";
			readonly unit: CourseUnitRef;
			readonly contract: Contract;
	  }
	| { readonly type: "exempted"; readonly unit: CourseUnitRef }
	| { readonly type: "exemption-granted"; readonly unit: CourseUnitRef }
	| {
			readonly type: "refund-border-date";
			readonly unit: CourseUnitRef;
			readonly borderDate: IsoDate;
	  }
	| {
			readonly type: "lost-border-date";
			readonly unit: CourseUnitRef;
			readonly borderDate: IsoDate;
	  }
	| { readonly type: "lost-credit-contract"; readonly unit: CourseUnitRef }
	| {
			readonly type: "refund-generation-full";
			readonly unit: CourseUnitRef;
			readonly lastDay: IsoDate;
	  }
	| {
			readonly type: "refund-generation-half";
			readonly unit: CourseUnitRef;
			readonly firstDay: IsoDate;
			readonly lastDay: IsoDate;
	  }
	| { readonly type: "lost-generation"; readonly unit: CourseUnitRef; readonly lastDay: IsoDate }
	| { readonly type: "restored"; readonly unit: CourseUnitRef; readonly why: string }
	| { readonly type: "master-deduction" }
	| { readonly type: "later-master" }
	| { readonly type: "bachelor-degree" }
	| { readonly type: "graduaat-degree" }
	| { readonly type: "degree-without-effect"; readonly kind: ProgrammeKind }
	| { readonly type: "rebuild"; readonly ceiling: number }
	| { readonly type: "bonus-forfeited"; readonly forfeited: number }
	| { readonly type: "graduaat-top-up"; readonly topUpTo: number }
	| { readonly type: "not-required"; readonly contract: Contract; readonly kind: ProgrammeKind }
	| { readonly type: "exceptional-admission"; readonly institution: string };

/** One explained movement (or a noted non-movement) of a learner's leerkrediet. */
export interface LedgerLine {
	/** Position in the ledger, from 1. */
	readonly sequence: number;
	readonly date: IsoDate;
	readonly academicYear: string;
	readonly kind: LineKind;
	/** Signed change of the balance: invested and deducted credits are negative. */
	readonly credits: number;
	readonly balanceAfter: number;
	readonly rule: RuleId;
	readonly ruleTitle: { readonly nl: string; readonly en: string };
	readonly sources: readonly Source[];
	/** The law values used, each with the date it holds from and its reference. */
	readonly parameters: readonly ResolvedValue<unknown>[];
	readonly factIds: readonly string[];
	readonly reason: Reason;
	readonly text: { readonly nl: string; readonly en: string };
}

/** What only an explained line needs: its date, the rule, the law values, the facts and the reason. */
export interface LineExplanation {
	readonly date: IsoDate;
	readonly rule: RuleId;
	readonly parameters: readonly ResolvedValue<unknown>[];
	readonly factIds: readonly string[];
	readonly reason: Reason;
}

/** A line as a rule decides it: how it moves the balance, and its explanation. */
export interface LineInput extends LineExplanation {
	readonly kind: LineKind;
	readonly credits: number;
}

/**
 * Where the engine sends each line it decides. The explained ledger builds the line with its
 * sentences and sources; a lean computation (the store's projection) has no sink, so the
 * explanation of a line is never built: `explain` is only called by a sink that keeps it.
 */
export interface LedgerSink {
	add(
		academicYear: AcademicYear,
		kind: LineKind,
		credits: number,
		explain: () => LineExplanation,
	): void;
}

/** Builds the explained ledger line by line, keeping the balance. */
export class LedgerBuilder implements LedgerSink {
	readonly lines: LedgerLine[] = [];
	balance = 0;
	add(
		academicYear: AcademicYear,
		kind: LineKind,
		credits: number,
		explain: () => LineExplanation,
	): void {
		this.balance += credits;
		const input = explain();
		const rule = ruleCatalogue[input.rule];
		this.lines.push({
			sequence: this.lines.length + 1,
			date: input.date,
			academicYear: formatAcademicYear(academicYear),
			kind,
			credits,
			balanceAfter: this.balance,
			rule: input.rule,
			ruleTitle: rule.title,
			sources: rule.sources,
			parameters: input.parameters,
			factIds: input.factIds,
			reason: input.reason,
			text: describe(input.reason, credits),
		});
	}
}
