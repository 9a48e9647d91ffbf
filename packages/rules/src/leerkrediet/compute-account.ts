import { type AcademicYear, formatAcademicYear } from "../calendar/academic-year.ts";
import type { IsoDate } from "../calendar/iso-date.ts";
import { InputError, type InputIssue } from "../errors.ts";
import type { Parameters } from "../parameters/parameters.ts";
import {
	type InstitutionPolicy,
	type PolicyRegistry,
	type PolicyVersion,
	policyAt,
} from "../policies/institution-policy.ts";
import type { ProgrammeKind } from "../programme.ts";
import type { Fact, FactOf } from "./facts.ts";
import { type FactIndex, indexFacts, type RegistrationEntry } from "./index-facts.ts";
import { type LeerkredietLaw, leerkredietLawAt, rebuildLawOf } from "./law.ts";
import {
	type CourseUnitRef,
	LedgerBuilder,
	type LedgerLine,
	type LedgerSink,
	type LineExplanation,
	type LineInput,
	type LineKind,
} from "./ledger.ts";
import { applyChange, applyDeregistration } from "./refunds.ts";
import { usesLeerkrediet } from "./scope.ts";
import { StatementBuilder, type YearStatement } from "./statement.ts";
import { type StudyProgress, studyProgressFrom } from "./study-progress.ts";
import {
	bonusFor,
	graduaatTopUpFor,
	masterDeductionFor,
	rebuildEnded,
	rebuildEpisodeAfter,
	rebuildIncrementFor,
	rebuildNotStarted,
} from "./yearly-rules.ts";

/** Everything the engine needs besides the facts: the law, the institutions' policies, and the date. */
export interface LeerkredietContext {
	readonly parameters: Parameters;
	readonly policies: PolicyRegistry;
	/** When given, this policy is applied at every institution instead of its own. */
	readonly policyOverride?: InstitutionPolicy | undefined;
	/** The account as it stands at the end of this day: later facts are left out. */
	readonly at: IsoDate;
}

/** The state the government keeps per learner (DHO: saldo, resterende bonus, reserve), and more. */
export interface LeerkredietState {
	readonly balance: number;
	readonly bonusRemaining: number;
	/** What the automatic rebuild could still add (E20): up to the ceiling while it is available. */
	readonly rebuildReserve: number;
	readonly rebuild: "not-started" | "running" | "used";
	readonly started: boolean;
	readonly firstMasterObtained: boolean;
	readonly masterDegreeObtained: boolean;
	readonly bachelorDegreeObtained: boolean;
	readonly graduaatTopUpPending: boolean;
	readonly generationStudentYear: string | undefined;
	/** Institutions the learner enrolled at (any contract), sorted: who may see the account. */
	readonly institutions: readonly string[];
}

/** A learner's leerkrediet without its explanation: the yearly statement and the resulting state. */
export interface LeerkredietSummary {
	readonly at: IsoDate;
	readonly years: readonly YearStatement[];
	readonly state: LeerkredietState;
}

/** A learner's leerkrediet: the explained ledger, the yearly statement and the resulting state. */
export interface LeerkredietAccount extends LeerkredietSummary {
	readonly ledger: readonly LedgerLine[];
	/** Study efficiency per academic year (R21), beside the leerkrediet. */
	readonly studyProgress: readonly StudyProgress[];
}

const bachelorKinds = new Set<ProgrammeKind>(["bachelor", "verkorte-bachelor"]);
const episodeNames = ["not-started", "running", "used"] as const;

/** Computes a learner's leerkrediet from their facts; throws InputError, with nothing computed, on bad facts. */
export function computeLeerkrediet(
	facts: readonly Fact[],
	context: LeerkredietContext,
): LeerkredietAccount {
	const ledger = new LedgerBuilder();
	const { at, years, state } = new AccountEngine(indexFacts(facts, context.parameters), context, {
		sink: ledger,
	}).run();
	return { at, ledger: ledger.lines, years, state, studyProgress: studyProgressFrom(ledger.lines) };
}

/**
 * The same as computeLeerkrediet, by the same rules, without building the explained ledger: the
 * check of a history and what the store projects (statement and state), at a fraction of the cost.
 */
export function summarizeLeerkrediet(
	facts: readonly Fact[],
	context: LeerkredietContext,
): LeerkredietSummary {
	return new AccountEngine(indexFacts(facts, context.parameters), context).run();
}

interface UnitState {
	readonly entry: RegistrationEntry;
	readonly unit: CourseUnitRef;
	readonly consuming: boolean;
	open: boolean;
	refunded: boolean;
}

/** Applies the rules fact by fact, academic year by academic year (E1), keeping the learner's state. */
export class AccountEngine {
	readonly #index: FactIndex;
	readonly #context: LeerkredietContext;
	readonly #sink: LedgerSink | undefined;
	readonly #statement = new StatementBuilder();
	#balance = 0;
	readonly #units = new Map<string, UnitState>();
	readonly #consuming = new Map<string, boolean>();
	#started = false;
	#bonusRemaining = 0;
	#episode = rebuildNotStarted;
	#yearsWithoutEnrolment = 0;
	#lastEnrolledYear: AcademicYear | undefined;
	#firstMasterYear: AcademicYear | undefined;
	#masterDegree = false;
	#bachelorDegree = false;
	#graduaatPending = false;
	#generationYear: AcademicYear | undefined;
	readonly #institutions = new Set<string>();

	/** `sink` receives every line with its explanation; without one, none is built. */
	constructor(index: FactIndex, context: LeerkredietContext, options: { sink?: LedgerSink } = {}) {
		this.#index = index;
		this.#context = context;
		this.#sink = options.sink;
		this.#checkInstitutions();
	}

	run(): LeerkredietSummary {
		const { at } = this.#context;
		const facts = this.#index.sorted.filter((fact) => fact.date <= at);
		const byYear = new Map<AcademicYear, Fact[]>();
		for (const fact of facts) {
			const year = this.#index.yearOf.get(fact.id) as AcademicYear;
			const inYear = byYear.get(year);
			if (inYear === undefined) byYear.set(year, [fact]);
			else inYear.push(fact);
		}
		const consumingYears = new Set<AcademicYear>();
		for (const fact of facts) {
			if (fact.type === "LearnerEnrolled" && this.#enrolmentConsumes(fact)) {
				consumingYears.add(this.#index.enrolments.get(fact.id)?.year as AcademicYear);
			}
		}
		const years = [...byYear.keys()];
		if (years.length > 0) {
			const last = Math.max(...years, this.#yearOfDate(at));
			for (let year = Math.min(...years); year <= last; year++) {
				this.#startYear(year, consumingYears.has(year));
				for (const fact of byYear.get(year) ?? []) this.#apply(fact, year);
				if (consumingYears.has(year)) this.#lastEnrolledYear = year;
			}
		}
		return { at, years: this.#statement.rows(), state: this.state() };
	}

	/** The state after the facts applied so far. */
	state(): LeerkredietState {
		let reserve = 0;
		if (this.#started && this.#episode !== rebuildEnded) {
			const ceiling = this.#law(this.#context.at).rebuildCeiling.value;
			reserve = Math.max(0, ceiling - this.#balance);
		}
		return {
			balance: this.#balance,
			bonusRemaining: this.#bonusRemaining,
			rebuildReserve: reserve,
			// The episode is one of the three the yearly rules give.
			rebuild: episodeNames[this.#episode] as LeerkredietState["rebuild"],
			started: this.#started,
			firstMasterObtained: this.#firstMasterYear !== undefined,
			masterDegreeObtained: this.#masterDegree,
			bachelorDegreeObtained: this.#bachelorDegree,
			graduaatTopUpPending: this.#graduaatPending,
			generationStudentYear:
				this.#generationYear === undefined ? undefined : formatAcademicYear(this.#generationYear),
			institutions: [...this.#institutions].sort(),
		};
	}

	#checkInstitutions(): void {
		const issues: InputIssue[] = [];
		for (const { fact } of this.#index.enrolments.values()) {
			if (this.#context.policyOverride || this.#context.policies.has(fact.data.institution))
				continue;
			const known = [...this.#context.policies.keys()].join(", ");
			const message = `no policy is known for institution ${fact.data.institution} (known: ${known})`;
			issues.push({
				factId: fact.id,
				field: "data.institution",
				rule: "V2",
				code: "unknown-institution",
				message,
			});
		}
		if (issues.length > 0) throw new InputError(issues);
	}

	#lawCache = new Map<IsoDate, LeerkredietLaw>();
	#law(date: IsoDate): LeerkredietLaw {
		let law = this.#lawCache.get(date);
		if (law === undefined) {
			law = leerkredietLawAt(this.#context.parameters, date);
			this.#lawCache.set(date, law);
		}
		return law;
	}

	#policy(institution: string, date: IsoDate): PolicyVersion {
		const policy = this.#context.policyOverride ?? this.#context.policies.get(institution);
		const version = policy && policyAt(policy, date);
		if (!version) {
			const issue = {
				factId: undefined,
				field: "institution",
				rule: "V2" as const,
				code: "unknown-institution" as const,
			};
			throw new InputError([
				{ ...issue, message: `no policy of ${institution} is in force on ${date}` },
			]);
		}
		return version;
	}

	#yearOfDate(date: IsoDate): AcademicYear {
		const year = Number(date.slice(0, 4));
		try {
			return date.slice(5) >= this.#law(date).yearFirstDay.value ? year : year - 1;
		} catch {
			return Number.NEGATIVE_INFINITY;
		}
	}

	/** R1, R10, R11: whether an enrolment uses leerkrediet, by contract, programme kind and policy. */
	#enrolmentConsumes(fact: FactOf<"LearnerEnrolled">): boolean {
		let consumes = this.#consuming.get(fact.id);
		if (consumes === undefined) {
			const { contract, programme, institution } = fact.data;
			const policy = this.#policy(institution, fact.date);
			consumes = usesLeerkrediet(this.#law(fact.date), contract, programme.kind, policy);
			this.#consuming.set(fact.id, consumes);
		}
		return consumes;
	}

	/** Adds a line to the balance and the statement; its explanation is built only for a sink. */
	#line(year: AcademicYear, kind: LineKind, credits: number, explain: () => LineExplanation): void {
		this.#balance += credits;
		this.#statement.add(year, kind, credits);
		this.#sink?.add(year, kind, credits, explain);
	}

	/** A line a refund rule built whole (they are rare: deregistrations and programme changes). */
	#refundLine(year: AcademicYear, line: LineInput): void {
		this.#line(year, line.kind, line.credits, () => line);
	}

	/** R18: at the start of each academic year after the first enrolment, the rebuild may add credits. */
	#startYear(year: AcademicYear, enrolled: boolean): void {
		if (!this.#started) return;
		this.#yearsWithoutEnrolment = enrolled ? 0 : this.#yearsWithoutEnrolment + 1;
		const firstDay = `${year}-${this.#law(`${year}-12-31`).yearFirstDay.value}`;
		if (firstDay > this.#context.at) return;
		const law = this.#law(firstDay);
		const rebuild = rebuildLawOf(law);
		const afterFirstMaster =
			this.#firstMasterYear !== undefined && this.#lastEnrolledYear === this.#firstMasterYear;
		const increment = rebuildIncrementFor(
			rebuild.increment,
			rebuild.ceiling,
			rebuild.waitingYearsAfterStopping,
			rebuild.waitingYearsAfterMaster,
			this.#balance,
			this.#yearsWithoutEnrolment,
			afterFirstMaster,
			this.#episode,
		);
		if (increment > 0) {
			this.#line(year, "rebuilt", increment, () => ({
				date: firstDay,
				rule: "R18",
				parameters: [
					law.rebuildIncrement,
					law.rebuildCeiling,
					law.rebuildOnce,
					afterFirstMaster ? law.rebuildWaitingAfterMaster : law.rebuildWaitingAfterStopping,
				],
				factIds: [],
				reason: { type: "rebuild", ceiling: rebuild.ceiling },
			}));
			if (this.#episode === rebuildNotStarted) this.#forfeitBonus(law, firstDay, year, []);
		}
		this.#episode = rebuildEpisodeAfter(rebuild.once, this.#episode, increment, enrolled);
	}

	/** R18, R19: a granted rebuild or top-up forfeits what is left of the bonus. */
	#forfeitBonus(law: LeerkredietLaw, date: IsoDate, year: AcademicYear, factIds: string[]): void {
		if (!law.rebuildForfeitsBonus.value || this.#bonusRemaining === 0) return;
		const forfeited = this.#bonusRemaining;
		this.#bonusRemaining = 0;
		this.#line(year, "noted", 0, () => ({
			date,
			rule: "R18",
			parameters: [law.rebuildForfeitsBonus],
			factIds,
			reason: { type: "bonus-forfeited", forfeited },
		}));
	}

	#apply(fact: Fact, year: AcademicYear): void {
		switch (fact.type) {
			case "LearnerEnrolled":
				this.#enrol(fact, year);
				break;
			case "CourseUnitRegistered":
				this.#register(fact, year);
				break;
			case "CourseUnitDeregistered":
				this.#deregister(fact, year);
				break;
			case "ProgrammeChanged":
				this.#changeProgramme(fact, year);
				break;
			case "ExamTaken": {
				const unit = this.#units.get(fact.data.registrationId);
				if (unit) unit.open = false;
				break;
			}
			case "ResultRecorded":
				this.#recordResult(fact, year);
				break;
			case "ExemptionGranted":
				this.#noteExemption(fact, year);
				break;
			case "CreditsRestored":
				this.#restore(fact, year);
				break;
			case "DegreeAwarded":
				this.#awardDegree(fact, year);
				break;
			case "ExceptionalAdmissionGranted":
				this.#line(year, "noted", 0, () => ({
					date: fact.date,
					rule: "R17",
					parameters: [],
					factIds: [fact.id],
					reason: { type: "exceptional-admission", institution: fact.data.institution },
				}));
				break;
			default: {
				const _: never = fact;
				throw new Error(`unknown fact ${JSON.stringify(_)}`);
			}
		}
	}

	/** R1, R2, R10, R11, R19: an enrolment starts the leerkrediet, or is noted as needing none. */
	#enrol(fact: FactOf<"LearnerEnrolled">, year: AcademicYear): void {
		const law = this.#law(fact.date);
		const { contract, programme } = fact.data;
		const base = () => ({ date: fact.date, factIds: [fact.id] });
		this.#institutions.add(fact.data.institution);
		if (contract === "diploma" && bachelorKinds.has(programme.kind)) this.#generationYear ??= year;
		if (!this.#enrolmentConsumes(fact)) {
			this.#line(year, "noted", 0, () => ({
				...base(),
				rule: contract === "exam" ? "R10" : "R11",
				parameters: [law.scopeContracts, law.scopeProgrammeKinds],
				reason: { type: "not-required", contract, kind: programme.kind },
			}));
			return;
		}
		if (!this.#started) {
			this.#started = true;
			this.#bonusRemaining = law.bonus.value;
			this.#line(year, "initial", law.initial.value, () => ({
				...base(),
				rule: "R2",
				parameters: [law.initial, law.bonus],
				reason: { type: "initial" },
			}));
		}
		if (this.#graduaatPending && bachelorKinds.has(programme.kind)) {
			this.#graduaatPending = false;
			const topUp = graduaatTopUpFor(this.#balance, law.graduaatTopUp.value);
			if (topUp > 0) {
				this.#line(year, "rebuilt", topUp, () => ({
					...base(),
					rule: "R19",
					parameters: [law.graduaatTopUp],
					reason: { type: "graduaat-top-up", topUpTo: law.graduaatTopUp.value },
				}));
				this.#forfeitBonus(law, fact.date, year, [fact.id]);
				this.#episode = law.rebuildOnce.value ? rebuildEnded : rebuildNotStarted;
			}
		}
	}

	/** R3: registering for a course unit invests its credits. */
	#register(fact: FactOf<"CourseUnitRegistered">, year: AcademicYear): void {
		const entry = this.#index.registrations.get(fact.id) as RegistrationEntry;
		const consuming = this.#enrolmentConsumes(entry.enrolment.fact);
		const { credits, name } = fact.data.courseUnit;
		const unit = { registrationId: fact.id, name, credits };
		this.#units.set(fact.id, { entry, unit, consuming, open: true, refunded: false });
		if (!consuming) return;
		this.#line(year, "invested", -credits, () => ({
			date: fact.date,
			rule: "R3",
			parameters: [],
			factIds: [fact.id, entry.enrolment.fact.id],
			reason: { type: "invested", unit },
		}));
	}

	/** R9, R12: deregistering gives credits back up to the border date, never under a credit contract. */
	#deregister(fact: FactOf<"CourseUnitDeregistered">, year: AcademicYear): void {
		const unit = this.#units.get(fact.data.registrationId);
		if (!unit) return;
		unit.open = false;
		if (!unit.consuming) return;
		const policy = this.#policy(unit.entry.enrolment.fact.data.institution, fact.date);
		const line = applyDeregistration({
			law: this.#law(fact.date),
			policy,
			unit,
			year,
			date: fact.date,
			factIds: [fact.id],
		});
		unit.refunded = line.credits > 0;
		this.#refundLine(year, line);
	}

	/** R12, R13: a programme change drops the open course units of the old programme. */
	#changeProgramme(fact: FactOf<"ProgrammeChanged">, year: AcademicYear): void {
		const from = this.#index.enrolments.get(fact.data.fromEnrolmentId);
		if (!from) return;
		const generation = from.year === this.#generationYear && from.fact.data.contract === "diploma";
		const policy = this.#policy(from.fact.data.institution, fact.date);
		const law = this.#law(fact.date);
		for (const unit of this.#units.values()) {
			if (!unit.open || unit.entry.enrolment !== from) continue;
			unit.open = false;
			if (!unit.consuming) continue;
			const factIds = [fact.id, unit.entry.fact.id];
			const line = applyChange({ law, policy, unit, year, date: fact.date, factIds }, generation);
			unit.refunded = line.credits > 0;
			this.#refundLine(year, line);
		}
	}

	/** R4, R5, R8, R9: a pass earns the credits back (and the bonus), other results lose them. */
	#recordResult(fact: FactOf<"ResultRecorded">, year: AcademicYear): void {
		const unit = this.#units.get(fact.data.registrationId);
		if (!unit) return;
		unit.open = false;
		if (!unit.consuming) return;
		const law = this.#law(fact.date);
		const base = () => ({ date: fact.date, factIds: [fact.id, unit.entry.fact.id] });
		const { outcome } = fact.data;
		const credits = unit.unit.credits;
		if (outcome === "exempted") {
			unit.refunded = true;
			this.#line(year, "refunded", credits, () => ({
				...base(),
				rule: "R8",
				parameters: [],
				reason: { type: "exempted", unit: unit.unit },
			}));
			return;
		}
		if (outcome !== "passed") {
			this.#line(year, "noted", 0, () => ({
				...base(),
				rule: "R4",
				parameters: [],
				reason: { type: "not-earned", unit: unit.unit, outcome },
			}));
			return;
		}
		this.#line(year, "earned", credits, () => ({
			...base(),
			rule: "R4",
			parameters: [],
			reason: { type: "earned", unit: unit.unit },
		}));
		const contract = unit.entry.enrolment.fact.data.contract;
		const earnsBonus = law.bonusContracts.value.includes(contract);
		const bonus = bonusFor(credits, this.#bonusRemaining, earnsBonus);
		if (bonus > 0) {
			this.#bonusRemaining -= bonus;
			const remaining = this.#bonusRemaining;
			this.#line(year, "bonus", bonus, () => ({
				...base(),
				rule: "R5",
				parameters: [law.bonus, law.bonusContracts],
				reason: { type: "bonus", unit: unit.unit, remaining },
			}));
		} else if (!earnsBonus && this.#bonusRemaining > 0) {
			this.#line(year, "noted", 0, () => ({
				...base(),
				rule: "R9",
				parameters: [law.bonusContracts],
				reason: { type: "no-bonus-contract", unit: unit.unit, contract },
			}));
		}
	}

	/** R8: an exemption uses no leerkrediet. */
	#noteExemption(fact: FactOf<"ExemptionGranted">, year: AcademicYear): void {
		const { credits, name } = fact.data.courseUnit;
		this.#line(year, "noted", 0, () => ({
			date: fact.date,
			rule: "R8",
			parameters: [],
			factIds: [fact.id, fact.data.enrolmentId],
			reason: { type: "exemption-granted", unit: { registrationId: fact.id, name, credits } },
		}));
	}

	/** R20: restored credits come back (as a refund: they earn no bonus). */
	#restore(fact: FactOf<"CreditsRestored">, year: AcademicYear): void {
		const issues: InputIssue[] = [];
		fact.data.registrationIds.forEach((id, i) => {
			const unit = this.#units.get(id);
			if (!unit?.consuming) return;
			if (unit.refunded) {
				const message = `the credits of ${id} were already given back`;
				issues.push({
					factId: fact.id,
					field: `data.registrationIds.${i}`,
					rule: "R20",
					code: "duplicate-outcome",
					message,
				});
				return;
			}
			unit.refunded = true;
			this.#line(year, "refunded", unit.unit.credits, () => ({
				date: fact.date,
				rule: "R20",
				parameters: [],
				factIds: [fact.id, id],
				reason: { type: "restored", unit: unit.unit, why: fact.data.reason },
			}));
		});
		if (issues.length > 0) throw new InputError(issues);
	}

	/** R6, R7, R19: a degree changes the leerkrediet only for the first master (and sets up the graduaat top-up). */
	#awardDegree(fact: FactOf<"DegreeAwarded">, year: AcademicYear): void {
		const enrolment = this.#index.enrolments.get(fact.data.enrolmentId);
		if (!enrolment) return;
		const kind = enrolment.fact.data.programme.kind;
		const law = this.#law(fact.date);
		const base = () => ({ date: fact.date, factIds: [fact.id, enrolment.fact.id] });
		if (kind === "master") {
			const firstOnly = law.masterDeductionFirstOnly.value;
			const deduction = masterDeductionFor(
				law.masterDeduction.value,
				firstOnly,
				this.#firstMasterYear !== undefined,
			);
			const parameters = () => [law.masterDeduction, law.masterDeductionFirstOnly];
			this.#masterDegree = true;
			if (deduction > 0) {
				this.#firstMasterYear ??= year;
				this.#line(year, "deducted", -deduction, () => ({
					...base(),
					rule: "R7",
					parameters: parameters(),
					reason: { type: "master-deduction" },
				}));
			} else {
				this.#line(year, "noted", 0, () => ({
					...base(),
					rule: "R7",
					parameters: parameters(),
					reason: { type: "later-master" },
				}));
			}
			return;
		}
		if (kind === "manama") this.#masterDegree = true;
		if (bachelorKinds.has(kind)) this.#bachelorDegree = true;
		if (kind === "graduaat") this.#graduaatPending = true;
		this.#line(year, "noted", 0, () => ({
			...base(),
			rule: bachelorKinds.has(kind) ? "R6" : kind === "graduaat" ? "R19" : "R11",
			parameters: [],
			reason: bachelorKinds.has(kind)
				? { type: "bachelor-degree" }
				: kind === "graduaat"
					? { type: "graduaat-degree" }
					: { type: "degree-without-effect", kind },
		}));
	}
}
