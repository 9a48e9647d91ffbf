import type { Contract, ProgrammeKind, TeachingPeriod } from "../programme.ts";
import type { Fact, Outcome } from "./facts.ts";

// Test support: builds a learner's facts by academic year, so rule tests read like the sources' stories.

interface UnitSpec {
	readonly credits: number;
	readonly period?: TeachingPeriod;
	readonly outcome?: Outcome | "none";
	readonly name?: string;
	readonly firstPartialTrack?: boolean;
}

interface YearSpec {
	readonly year: number;
	readonly institution?: string;
	readonly kind?: ProgrammeKind;
	readonly contract?: Contract;
	readonly units?: readonly UnitSpec[];
	readonly enrolledOn?: string;
	readonly degree?: boolean;
}

export class History {
	readonly facts: Fact[] = [];
	#next = 0;

	id(prefix: string): string {
		this.#next += 1;
		return `${prefix}${this.#next}`;
	}

	add(fact: Fact): string {
		this.facts.push(fact);
		return fact.id;
	}

	enrol(spec: {
		year: number;
		institution?: string;
		kind?: ProgrammeKind;
		contract?: Contract;
		date?: string;
	}): string {
		return this.add({
			id: this.id("e"),
			type: "LearnerEnrolled",
			date: spec.date ?? `${spec.year}-09-12`,
			data: {
				academicYear: `${spec.year}-${spec.year + 1}`,
				institution: spec.institution ?? "kdg",
				programme: { kind: spec.kind ?? "bachelor" },
				contract: spec.contract ?? "diploma",
			},
		});
	}

	register(enrolmentId: string, year: number, unit: UnitSpec, date = `${year}-09-12`): string {
		const period = unit.period ?? "semester-1";
		return this.add({
			id: this.id("r"),
			type: "CourseUnitRegistered",
			date,
			data: {
				enrolmentId,
				courseUnit: { credits: unit.credits, ...(unit.name ? { name: unit.name } : {}) },
				period,
				periodStartDate: period === "semester-2" ? `${year + 1}-02-06` : `${year}-09-19`,
				...(unit.firstPartialTrack ? { firstPartialTrack: true } : {}),
			},
		});
	}

	result(registrationId: string, date: string, outcome: Outcome): string {
		return this.add({
			id: this.id("x"),
			type: "ResultRecorded",
			date,
			data: { registrationId, outcome },
		});
	}

	deregister(registrationId: string, date: string): string {
		return this.add({
			id: this.id("u"),
			type: "CourseUnitDeregistered",
			date,
			data: { registrationId },
		});
	}

	degree(enrolmentId: string, date: string): string {
		return this.add({ id: this.id("d"), type: "DegreeAwarded", date, data: { enrolmentId } });
	}

	/** A whole year: enrolment, registrations on the enrolment day, results at the end of each semester. */
	year(spec: YearSpec): { enrolment: string; registrations: string[] } {
		const enrolment = this.enrol({
			...spec,
			...(spec.enrolledOn ? { date: spec.enrolledOn } : {}),
		});
		const date = spec.enrolledOn ?? `${spec.year}-09-12`;
		const registrations = (spec.units ?? []).map((unit) => {
			const registration = this.register(enrolment, spec.year, unit, date);
			const outcome = unit.outcome ?? "passed";
			if (outcome !== "none") {
				const resultDate =
					unit.period === "semester-1" || unit.period === undefined
						? `${spec.year + 1}-02-03`
						: `${spec.year + 1}-07-03`;
				this.result(registration, resultDate, outcome);
			}
			return registration;
		});
		if (spec.degree) this.degree(enrolment, `${spec.year + 1}-07-10`);
		return { enrolment, registrations };
	}
}

/** Units of `credits` each that add up to `total`, the first `passed` credits passed and the rest failed. */
export function units(total: number, passed: number, credits = 3): UnitSpec[] {
	const list: UnitSpec[] = [];
	const add = (amount: number, outcome: Outcome) => {
		for (let done = 0; done < amount; done += credits) {
			list.push({ credits: Math.min(credits, amount - done), outcome });
		}
	};
	add(passed, "passed");
	add(total - passed, "failed");
	return list;
}
