import {
	type AcademicYear,
	dateInAcademicYear,
	parseAcademicYear,
} from "../calendar/academic-year.ts";
import type { IsoDate } from "../calendar/iso-date.ts";
import { InputError, type InputIssue, type InputIssueCode } from "../errors.ts";
import type { Parameters } from "../parameters/parameters.ts";
import { valueAt } from "../parameters/parameters.ts";
import type { Fact, FactOf, FactType } from "./facts.ts";
import type { RuleId } from "./rule-catalogue.ts";

/** Order of fact types on one date, as edge case E1: enrol, register, change, exams, results, degrees. */
const typeRank: Record<FactType, number> = {
	LearnerEnrolled: 0,
	ExceptionalAdmissionGranted: 1,
	CourseUnitRegistered: 2,
	ExemptionGranted: 3,
	ProgrammeChanged: 4,
	CourseUnitDeregistered: 5,
	ExamTaken: 6,
	ResultRecorded: 7,
	CreditsRestored: 8,
	DegreeAwarded: 9,
};

const ids = new Intl.Collator("en", { numeric: true });
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sorts facts by date, then by type as E1 orders them, then by id (r2 before r10): any input
 * order gives the same order, since ids are unique.
 */
export function sortFacts(facts: readonly Fact[]): Fact[] {
	return [...facts].sort(
		(a, b) =>
			byCodeUnit(a.date, b.date) ||
			typeRank[a.type] - typeRank[b.type] ||
			ids.compare(a.id, b.id) ||
			byCodeUnit(a.id, b.id),
	);
}

export interface EnrolmentEntry {
	readonly fact: FactOf<"LearnerEnrolled">;
	readonly year: AcademicYear;
}

export interface RegistrationEntry {
	readonly fact: FactOf<"CourseUnitRegistered">;
	readonly enrolment: EnrolmentEntry;
}

/** The facts in processing order, with what each belongs to. */
export interface FactIndex {
	readonly sorted: readonly Fact[];
	readonly enrolments: ReadonlyMap<string, EnrolmentEntry>;
	readonly registrations: ReadonlyMap<string, RegistrationEntry>;
	/** The academic year each fact counts in. */
	readonly yearOf: ReadonlyMap<string, AcademicYear>;
}

/** The academic year a date falls in, from its first day: 2016-10-03 is in 2016-2017. */
export function academicYearOfDate(date: IsoDate, parameters: Parameters): AcademicYear {
	const year = Number(date.slice(0, 4));
	const firstDay = valueAt(parameters, "academic-year/first-day", date).value;
	return date.slice(5) >= firstDay ? year : year - 1;
}

class IssueList {
	readonly issues: InputIssue[] = [];
	add(
		factId: string | undefined,
		field: string,
		rule: RuleId,
		code: InputIssueCode,
		message: string,
	) {
		this.issues.push({ factId, field, rule, code, message });
	}
}

/**
 * Checks that the facts make one possible history (rules V1–V4 and the references of R4, R12)
 * and indexes them; throws InputError listing every problem, before anything is computed.
 */
export function indexFacts(facts: readonly Fact[], parameters: Parameters): FactIndex {
	const list = new IssueList();
	const sorted = sortFacts(facts);
	const byId = new Map<string, Fact>();
	for (const fact of facts) {
		if (byId.has(fact.id))
			list.add(fact.id, "id", "V3", "duplicate-id", `id ${fact.id} is used twice`);
		byId.set(fact.id, fact);
	}
	const index = {
		sorted,
		enrolments: new Map<string, EnrolmentEntry>(),
		registrations: new Map<string, RegistrationEntry>(),
		yearOf: new Map<string, AcademicYear>(),
	};
	for (const fact of sorted) assignYear(fact, byId, index, parameters, list);
	checkLifecycles(index, list);
	if (list.issues.length > 0) throw new InputError(list.issues);
	return index;
}

interface MutableIndex {
	readonly enrolments: Map<string, EnrolmentEntry>;
	readonly registrations: Map<string, RegistrationEntry>;
	readonly yearOf: Map<string, AcademicYear>;
}

function reference<TType extends FactType>(
	fact: Fact,
	field: string,
	targetId: string,
	expected: TType,
	context: { byId: ReadonlyMap<string, Fact>; list: IssueList; rule: RuleId },
): FactOf<TType> | undefined {
	const target = context.byId.get(targetId);
	if (target === undefined) {
		context.list.add(
			fact.id,
			field,
			context.rule,
			"unknown-reference",
			`no fact has id ${targetId}`,
		);
		return undefined;
	}
	if (target.type !== expected) {
		const message = `${targetId} is a ${target.type}, not a ${expected}`;
		context.list.add(fact.id, field, context.rule, "unknown-reference", message);
		return undefined;
	}
	if (target.date > fact.date) {
		const message = `${targetId} is dated ${target.date}, after this fact (${fact.date})`;
		context.list.add(fact.id, field, "V2", "reference-in-the-future", message);
		return undefined;
	}
	return target as FactOf<TType>;
}

const laterTypes = new Set<FactType>(["ExamTaken", "ResultRecorded", "DegreeAwarded"]);

/** An academic year's days: its first day, the day enrolment opens, and its last day. */
interface YearWindow {
	readonly start: IsoDate;
	readonly opens: IsoDate;
	readonly until: IsoDate;
}

// Resolved once per set of parameters and year: every fact of every learner asks for a few years.
// Parameters are frozen, so an answer cannot go stale; null is a year before leerkrediet existed.
const windows = new WeakMap<Parameters, Map<AcademicYear, YearWindow | null>>();

function yearWindow(year: AcademicYear, parameters: Parameters): YearWindow | null {
	let byYear = windows.get(parameters);
	if (byYear === undefined) {
		byYear = new Map();
		windows.set(parameters, byYear);
	}
	let window = byYear.get(year);
	if (window === undefined) {
		const inYear = `${year}-12-31`;
		try {
			const firstDay = valueAt(parameters, "academic-year/first-day", inYear).value;
			const opens = valueAt(parameters, "academic-year/enrolment-opens", inYear).value;
			const lastDay = valueAt(parameters, "academic-year/last-day", inYear).value;
			const until = dateInAcademicYear(lastDay, year + 1, firstDay);
			window = { start: `${year}-${firstDay}`, opens: `${year}-${opens}`, until };
		} catch {
			window = null;
		}
		byYear.set(year, window);
	}
	return window;
}

/** V1: enrolment-side facts may come from the day enrolment opens, others from the first day of the year. */
function checkWindow(
	fact: Fact,
	year: AcademicYear,
	parameters: Parameters,
	list: IssueList,
	field = "date",
	date: IsoDate = fact.date,
): void {
	const label = `${year}-${year + 1}`;
	const window = yearWindow(year, parameters);
	if (window === null) {
		const message = `academic year ${label} is before leerkrediet existed`;
		list.add(fact.id, field, "V1", "date-outside-academic-year", message);
		return;
	}
	const from = laterTypes.has(fact.type) || field !== "date" ? window.start : window.opens;
	if (date < from || date > window.until) {
		const message = `${date} is outside academic year ${label} (${from} to ${window.until})`;
		list.add(fact.id, field, "V1", "date-outside-academic-year", message);
	}
}

function assignYear(
	fact: Fact,
	byId: ReadonlyMap<string, Fact>,
	index: MutableIndex,
	parameters: Parameters,
	list: IssueList,
): void {
	const context = (rule: RuleId) => ({ byId, list, rule });
	const registrationYear = (registrationId: string, field: string, rule: RuleId) => {
		if (!reference(fact, field, registrationId, "CourseUnitRegistered", context(rule))) return;
		return index.registrations.get(registrationId)?.enrolment.year;
	};
	const enrolmentYear = (enrolmentId: string, field: string, rule: RuleId) => {
		if (!reference(fact, field, enrolmentId, "LearnerEnrolled", context(rule))) return;
		return index.enrolments.get(enrolmentId)?.year;
	};
	let year: AcademicYear | undefined;
	switch (fact.type) {
		case "LearnerEnrolled":
		case "ExceptionalAdmissionGranted":
			year = parseAcademicYear(fact.data.academicYear);
			if (fact.type === "LearnerEnrolled" && year !== undefined) {
				index.enrolments.set(fact.id, { fact, year });
			}
			break;
		case "CourseUnitRegistered": {
			year = enrolmentYear(fact.data.enrolmentId, "data.enrolmentId", "R3");
			const enrolment = index.enrolments.get(fact.data.enrolmentId);
			if (year !== undefined && enrolment !== undefined) {
				index.registrations.set(fact.id, { fact, enrolment });
				checkWindow(
					fact,
					year,
					parameters,
					list,
					"data.periodStartDate",
					fact.data.periodStartDate,
				);
			}
			break;
		}
		case "ExemptionGranted":
			year = enrolmentYear(fact.data.enrolmentId, "data.enrolmentId", "R8");
			break;
		case "DegreeAwarded":
			year = enrolmentYear(fact.data.enrolmentId, "data.enrolmentId", "R7");
			break;
		case "ProgrammeChanged":
			year = programmeChangeYear(fact, byId, index, list);
			break;
		case "CourseUnitDeregistered":
			year = registrationYear(fact.data.registrationId, "data.registrationId", "R12");
			break;
		case "ExamTaken":
		case "ResultRecorded":
			year = registrationYear(fact.data.registrationId, "data.registrationId", "R4");
			break;
		case "CreditsRestored":
			fact.data.registrationIds.forEach((id, i) => {
				registrationYear(id, `data.registrationIds.${i}`, "R20");
			});
			index.yearOf.set(fact.id, academicYearOfDate(fact.date, parameters));
			return;
		default: {
			const _: never = fact;
			throw new Error(`unknown fact ${JSON.stringify(_)}`);
		}
	}
	if (year === undefined) return;
	index.yearOf.set(fact.id, year);
	checkWindow(fact, year, parameters, list);
}

function programmeChangeYear(
	fact: FactOf<"ProgrammeChanged">,
	byId: ReadonlyMap<string, Fact>,
	index: MutableIndex,
	list: IssueList,
): AcademicYear | undefined {
	const context = { byId, list, rule: "R13" as const };
	const from = reference(
		fact,
		"data.fromEnrolmentId",
		fact.data.fromEnrolmentId,
		"LearnerEnrolled",
		context,
	);
	const to = reference(
		fact,
		"data.toEnrolmentId",
		fact.data.toEnrolmentId,
		"LearnerEnrolled",
		context,
	);
	if (!from || !to) return undefined;
	const fromYear = index.enrolments.get(from.id)?.year;
	if (from.id === to.id) {
		list.add(
			fact.id,
			"data.toEnrolmentId",
			"R13",
			"invalid-value",
			"a programme change needs two enrolments",
		);
	} else if (fromYear !== index.enrolments.get(to.id)?.year) {
		const message = `${to.id} is in another academic year than ${from.id}`;
		list.add(fact.id, "data.toEnrolmentId", "R13", "invalid-value", message);
	}
	return fromYear;
}

interface UnitHistory {
	deregistered: IsoDate | undefined;
	examined: boolean;
	final: FactOf<"ResultRecorded"> | undefined;
	restored: boolean;
}

/** V4: each course unit's history must be possible: no deregistration after its exam or result, one final result. */
function checkLifecycles(index: FactIndex, list: IssueList): void {
	const units = new Map<string, UnitHistory>();
	const leftEnrolments = new Map<string, string>();
	const degrees = new Set<string>();
	const unit = (id: string) => units.get(id);
	for (const fact of index.sorted) {
		switch (fact.type) {
			case "CourseUnitRegistered": {
				const left = leftEnrolments.get(fact.data.enrolmentId);
				if (left !== undefined) {
					const message = `the enrolment ${fact.data.enrolmentId} was left by programme change ${left}`;
					list.add(fact.id, "data.enrolmentId", "V4", "after-deregistration", message);
				}
				units.set(fact.id, {
					deregistered: undefined,
					examined: false,
					final: undefined,
					restored: false,
				});
				break;
			}
			case "CourseUnitDeregistered":
				checkDeregistration(fact, unit(fact.data.registrationId), list);
				break;
			case "ProgrammeChanged":
				if (leftEnrolments.has(fact.data.fromEnrolmentId)) {
					const message = `${fact.data.fromEnrolmentId} was already left`;
					list.add(fact.id, "data.fromEnrolmentId", "V4", "after-deregistration", message);
				}
				leftEnrolments.set(fact.data.fromEnrolmentId, fact.id);
				for (const [id, history] of units) {
					const registration = index.registrations.get(id);
					const open = !history.deregistered && !history.examined && !history.final;
					if (open && registration?.enrolment.fact.id === fact.data.fromEnrolmentId) {
						history.deregistered = fact.date;
					}
				}
				break;
			case "ExamTaken":
			case "ResultRecorded":
				checkExamOrResult(fact, unit(fact.data.registrationId), list);
				break;
			case "CreditsRestored":
				fact.data.registrationIds.forEach((id, i) => {
					checkRestoration(fact, `data.registrationIds.${i}`, unit(id), list);
				});
				break;
			case "DegreeAwarded":
				checkDegree(fact, index, degrees, list);
				break;
			default:
				break;
		}
	}
}

function checkDeregistration(
	fact: FactOf<"CourseUnitDeregistered">,
	history: UnitHistory | undefined,
	list: IssueList,
): void {
	if (history === undefined) return;
	const field = "data.registrationId";
	if (history.final) {
		const message = `deregistration on ${fact.date} comes after the result of ${history.final.date} (${history.final.id}); exams taken stay on the record`;
		list.add(fact.id, field, "R12", "after-result", message);
	} else if (history.examined) {
		const message = `deregistration on ${fact.date} comes after the exam was taken; you must deregister before the exams`;
		list.add(fact.id, field, "R12", "after-exam", message);
	} else if (history.deregistered) {
		const message = `the course unit was already deregistered on ${history.deregistered}`;
		list.add(fact.id, field, "V4", "after-deregistration", message);
	}
	history.deregistered ??= fact.date;
}

function checkExamOrResult(
	fact: FactOf<"ExamTaken" | "ResultRecorded">,
	history: UnitHistory | undefined,
	list: IssueList,
): void {
	if (history === undefined) return;
	const field = "data.registrationId";
	const rule = fact.type === "ResultRecorded" ? "R4" : "V4";
	if (history.deregistered) {
		const message = `the course unit was deregistered on ${history.deregistered}`;
		list.add(fact.id, field, rule, "after-deregistration", message);
	} else if (history.final) {
		const message = `the course unit already has a final result (${history.final.id}: ${history.final.data.outcome})`;
		list.add(
			fact.id,
			field,
			"V4",
			fact.type === "ExamTaken" ? "after-result" : "duplicate-outcome",
			message,
		);
	}
	if (fact.type === "ExamTaken") history.examined = true;
	else if (fact.data.outcome !== "failed") history.final ??= fact;
	else history.examined = true;
}

function checkRestoration(
	fact: FactOf<"CreditsRestored">,
	field: string,
	history: UnitHistory | undefined,
	list: IssueList,
): void {
	if (history === undefined) return;
	const outcome = history.final?.data.outcome;
	if (outcome === "passed" || outcome === "exempted") {
		const message = `the course unit was ${outcome}, so there is nothing to restore`;
		list.add(fact.id, field, "R20", "invalid-value", message);
	} else if (history.restored) {
		list.add(fact.id, field, "R20", "duplicate-outcome", "the course unit was already restored");
	}
	history.restored = true;
}

function checkDegree(
	fact: FactOf<"DegreeAwarded">,
	index: FactIndex,
	degrees: Set<string>,
	list: IssueList,
): void {
	const enrolment = index.enrolments.get(fact.data.enrolmentId);
	if (enrolment === undefined) return;
	if (enrolment.fact.data.contract !== "diploma") {
		const message = `a degree needs a diploma contract; ${enrolment.fact.id} is a ${enrolment.fact.data.contract} contract`;
		list.add(fact.id, "data.enrolmentId", "R7", "invalid-value", message);
	}
	if (degrees.has(enrolment.fact.id)) {
		list.add(
			fact.id,
			"data.enrolmentId",
			"V4",
			"duplicate-outcome",
			"this enrolment already has a degree",
		);
	}
	degrees.add(enrolment.fact.id);
}
