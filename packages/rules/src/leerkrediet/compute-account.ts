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
import { type CourseUnitRef, LedgerBuilder, type LedgerLine, type LineInput } from "./ledger.ts";
import { applyChange, applyDeregistration } from "./refunds.ts";
import { usesLeerkrediet } from "./scope.ts";
import { buildYearStatements, type YearStatement } from "./statement.ts";
import { type StudyProgress, studyProgressFrom } from "./study-progress.ts";
import {
	bonusFor,
	graduaatTopUpFor,
	masterDeductionFor,
	type RebuildEpisode,
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

/** A learner's leerkrediet: the explained ledger, the yearly statement and the resulting state. */
export interface LeerkredietAccount {
	readonly at: IsoDate;
	readonly ledger: readonly LedgerLine[];
	readonly years: readonly YearStatement[];
	readonly state: LeerkredietState;
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
	const index = indexFacts(facts, context.parameters);
	return new AccountEngine(index, context).run();
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
	readonly #ledger = new LedgerBuilder();
	readonly #units = new Map<string, UnitState>();
	readonly #consuming = new Map<string, boolean>();
	#started = false;
	#bonusRemaining = 0;
	#episode: RebuildEpisode = rebuildNotStarted;
	#yearsWithoutEnrolment = 0;
	#lastEnrolledYear: AcademicYear | undefined;
	#firstMasterYear: AcademicYear | undefined;
	#masterDegree = false;
	#bachelorDegree = false;
	#graduaatPending = false;
	#generationYear: AcademicYear | undefined;
	readonly #institutions = new Set<string>();

	constructor(index: FactIndex, context: LeerkredietContext) {
		this.#index = index;
		this.#context = context;
		this.#checkInstitutions();
	}

	run(): LeerkredietAccount {
		const { at } = this.#context;
		const facts = this.#index.sorted.filter((fact) => fact.date <= at);
		const byYear = new Map<AcademicYear, Fact[]>();
		for (const fact of facts) {
			const year = this.#index.yearOf.get(fact.id) as AcademicYear;
			byYear.set(year, [...(byYear.get(year) ?? []), fact]);
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
		return {
			at,
			ledger: this.#ledger.lines,
			years: buildYearStatements(this.#ledger.lines),
			state: this.state(),
			studyProgress: studyProgressFrom(this.#ledger.lines),
		};
	}

	/** The state after the facts applied so far. */
	state(): LeerkredietState {
		let reserve = 0;
		if (this.#started && this.#episode !== rebuildEnded) {
			const ceiling = this.#law(this.#context.at).rebuildCeiling.value;
			reserve = Math.max(0, ceiling - this.#ledger.balance);
		}
		return {
			balance: this.#ledger.balance,
			bonusRemaining: this.#bonusRemaining,
			rebuildReserve: reserve,
			rebuild: episodeNames[this.#episode],
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

	#line(input: Omit<LineInput, "academicYear"> & { year: AcademicYear }): void {
		const { year, ...rest } = input;
		this.#ledger.add({ ...rest, academicYear: formatAcademicYear(year) });
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
			rebuild,
			this.#ledger.balance,
			this.#yearsWithoutEnrolment,
			afterFirstMaster,
			this.#episode,
		);
		if (increment > 0) {
			this.#line({
				date: firstDay,
				year,
				kind: "rebuilt",
				credits: increment,
				rule: "R18",
				parameters: [
					law.rebuildIncrement,
					law.rebuildCeiling,
					law.rebuildOnce,
					afterFirstMaster ? law.rebuildWaitingAfterMaster : law.rebuildWaitingAfterStopping,
				],
				factIds: [],
				reason: { type: "rebuild", ceiling: rebuild.ceiling },
			});
			if (this.#episode === rebuildNotStarted) this.#forfeitBonus(law, firstDay, year, []);
		}
		this.#episode = rebuildEpisodeAfter(rebuild, this.#episode, increment, enrolled);
	}

	/** R18, R19: a granted rebuild or top-up forfeits what is left of the bonus. */
	#forfeitBonus(law: LeerkredietLaw, date: IsoDate, year: AcademicYear, factIds: string[]): void {
		if (!law.rebuildForfeitsBonus.value || this.#bonusRemaining === 0) return;
		const forfeited = this.#bonusRemaining;
		this.#bonusRemaining = 0;
		this.#line({
			date,
			year,
			kind: "noted",
			credits: 0,
			rule: "R18",
			parameters: [law.rebuildForfeitsBonus],
			factIds,
			reason: { type: "bonus-forfeited", forfeited },
		});
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
				this.#line({
					date: fact.date,
					year,
					kind: "noted",
					credits: 0,
					rule: "R17",
					parameters: [],
					factIds: [fact.id],
					reason: { type: "exceptional-admission", institution: fact.data.institution },
				});
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
		const base = { date: fact.date, year, factIds: [fact.id] };
		this.#institutions.add(fact.data.institution);
		if (contract === "diploma" && bachelorKinds.has(programme.kind)) this.#generationYear ??= year;
		if (!this.#enrolmentConsumes(fact)) {
			const rule = contract === "exam" ? "R10" : "R11";
			const reason = { type: "not-required" as const, contract, kind: programme.kind };
			this.#line({
				...base,
				kind: "noted",
				credits: 0,
				rule,
				parameters: [law.scopeContracts, law.scopeProgrammeKinds],
				reason,
			});
			return;
		}
		if (!this.#started) {
			this.#started = true;
			this.#bonusRemaining = law.bonus.value;
			this.#line({
				...base,
				kind: "initial",
				credits: law.initial.value,
				rule: "R2",
				parameters: [law.initial, law.bonus],
				reason: { type: "initial" },
			});
		}
		if (this.#graduaatPending && bachelorKinds.has(programme.kind)) {
			this.#graduaatPending = false;
			const topUp = graduaatTopUpFor(this.#ledger.balance, law.graduaatTopUp.value);
			if (topUp > 0) {
				const reason = { type: "graduaat-top-up" as const, topUpTo: law.graduaatTopUp.value };
				this.#line({
					...base,
					kind: "rebuilt",
					credits: topUp,
					rule: "R19",
					parameters: [law.graduaatTopUp],
					reason,
				});
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
		this.#line({
			date: fact.date,
			year,
			kind: "invested",
			credits: -credits,
			rule: "R3",
			parameters: [],
			factIds: [fact.id, entry.enrolment.fact.id],
			reason: { type: "invested", unit },
		});
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
		this.#ledger.add(line);
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
			this.#ledger.add(line);
		}
	}

	/** R4, R5, R8, R9: a pass earns the credits back (and the bonus), other results lose them. */
	#recordResult(fact: FactOf<"ResultRecorded">, year: AcademicYear): void {
		const unit = this.#units.get(fact.data.registrationId);
		if (!unit) return;
		unit.open = false;
		if (!unit.consuming) return;
		const law = this.#law(fact.date);
		const base = { date: fact.date, year, factIds: [fact.id, unit.entry.fact.id] };
		const { outcome } = fact.data;
		const credits = unit.unit.credits;
		if (outcome === "exempted") {
			unit.refunded = true;
			this.#line({
				...base,
				kind: "refunded",
				credits,
				rule: "R8",
				parameters: [],
				reason: { type: "exempted", unit: unit.unit },
			});
			return;
		}
		if (outcome !== "passed") {
			this.#line({
				...base,
				kind: "noted",
				credits: 0,
				rule: "R4",
				parameters: [],
				reason: { type: "not-earned", unit: unit.unit, outcome },
			});
			return;
		}
		this.#line({
			...base,
			kind: "earned",
			credits,
			rule: "R4",
			parameters: [],
			reason: { type: "earned", unit: unit.unit },
		});
		const contract = unit.entry.enrolment.fact.data.contract;
		const earnsBonus = law.bonusContracts.value.includes(contract);
		const bonus = bonusFor(credits, this.#bonusRemaining, earnsBonus);
		if (bonus > 0) {
			this.#bonusRemaining -= bonus;
			const reason = { type: "bonus" as const, unit: unit.unit, remaining: this.#bonusRemaining };
			this.#line({
				...base,
				kind: "bonus",
				credits: bonus,
				rule: "R5",
				parameters: [law.bonus, law.bonusContracts],
				reason,
			});
		} else if (!earnsBonus && this.#bonusRemaining > 0) {
			const reason = { type: "no-bonus-contract" as const, unit: unit.unit, contract };
			this.#line({
				...base,
				kind: "noted",
				credits: 0,
				rule: "R9",
				parameters: [law.bonusContracts],
				reason,
			});
		}
	}

	/** R8: an exemption uses no leerkrediet. */
	#noteExemption(fact: FactOf<"ExemptionGranted">, year: AcademicYear): void {
		const { credits, name } = fact.data.courseUnit;
		this.#line({
			date: fact.date,
			year,
			kind: "noted",
			credits: 0,
			rule: "R8",
			parameters: [],
			factIds: [fact.id, fact.data.enrolmentId],
			reason: { type: "exemption-granted", unit: { registrationId: fact.id, name, credits } },
		});
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
			const reason = { type: "restored" as const, unit: unit.unit, why: fact.data.reason };
			this.#line({
				date: fact.date,
				year,
				kind: "refunded",
				credits: unit.unit.credits,
				rule: "R20",
				parameters: [],
				factIds: [fact.id, id],
				reason,
			});
		});
		if (issues.length > 0) throw new InputError(issues);
	}

	/** R6, R7, R19: a degree changes the leerkrediet only for the first master (and sets up the graduaat top-up). */
	#awardDegree(fact: FactOf<"DegreeAwarded">, year: AcademicYear): void {
		const enrolment = this.#index.enrolments.get(fact.data.enrolmentId);
		if (!enrolment) return;
		const kind = enrolment.fact.data.programme.kind;
		const law = this.#law(fact.date);
		const base = { date: fact.date, year, factIds: [fact.id, enrolment.fact.id] };
		if (kind === "master") {
			const firstOnly = law.masterDeductionFirstOnly.value;
			const deduction = masterDeductionFor(
				law.masterDeduction.value,
				firstOnly,
				this.#firstMasterYear !== undefined,
			);
			const parameters = [law.masterDeduction, law.masterDeductionFirstOnly];
			this.#masterDegree = true;
			if (deduction > 0) {
				this.#firstMasterYear ??= year;
				this.#line({
					...base,
					kind: "deducted",
					credits: -deduction,
					rule: "R7",
					parameters,
					reason: { type: "master-deduction" },
				});
			} else {
				this.#line({
					...base,
					kind: "noted",
					credits: 0,
					rule: "R7",
					parameters,
					reason: { type: "later-master" },
				});
			}
			return;
		}
		if (kind === "manama") this.#masterDegree = true;
		if (bachelorKinds.has(kind)) this.#bachelorDegree = true;
		if (kind === "graduaat") this.#graduaatPending = true;
		const reason = bachelorKinds.has(kind)
			? ({ type: "bachelor-degree" } as const)
			: kind === "graduaat"
				? ({ type: "graduaat-degree" } as const)
				: ({ type: "degree-without-effect", kind } as const);
		const rule = bachelorKinds.has(kind) ? "R6" : kind === "graduaat" ? "R19" : "R11";
		this.#line({ ...base, kind: "noted", credits: 0, rule, parameters: [], reason });
	}
}
