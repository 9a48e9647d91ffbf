import {
	type Fact,
	type IsoDate,
	type LeerkredietState,
	summarizeLeerkrediet,
	valueAt,
	type YearStatement,
} from "@rugzak/rules";
import type { Law } from "./law/load-law.ts";

/** A learner's leerkrediet as stored: what a balance-with-statement request needs, in one row. */
export interface LeerkredietProjection {
	readonly learnerId: string;
	/** The version of the learner's log it was computed from. */
	readonly version: number;
	/** The account as it stands at the end of this day. */
	readonly asOf: IsoDate;
	/**
	 * From this day on the account may read differently without any new fact (a new academic
	 * year, a law value or a dated fact taking effect): recompute it for a later date then.
	 */
	readonly staleFrom: IsoDate | null;
	readonly balance: number;
	/** The institutions the learner enrolled at, sorted: whose staff may see the learner. */
	readonly institutions: readonly string[];
	readonly state: LeerkredietState;
	readonly years: readonly YearStatement[];
}

/**
 * A projection with its state and yearly statement as the JSON text stored, as an answer sends
 * them: read without parsing them, and written into the answer without serialising them again.
 */
export interface LeerkredietProjectionJson extends Omit<LeerkredietProjection, "state" | "years"> {
	/** The state (`LeerkredietState`) as JSON. */
	readonly stateJson: string;
	/** The yearly statement (`YearStatement[]`) as JSON. */
	readonly yearsJson: string;
}

/** Whether a projection is the account as it stands at the end of `at` too. */
export function projectionHolds(
	projection: Pick<LeerkredietProjection, "asOf" | "staleFrom">,
	at: IsoDate,
): boolean {
	return projection.asOf <= at && (projection.staleFrom === null || at < projection.staleFrom);
}

/** One learner's whole history and the day to compute it for. */
export interface ProjectionInput {
	readonly learnerId: string;
	readonly version: number;
	readonly facts: readonly Fact[];
	readonly at: IsoDate;
}

/**
 * Computes a learner's projection with the rules; throws the rules' InputError, naming fact,
 * field and rule, when the history is not a possible one. This is also the store's check of a
 * learner's whole history before anything is written.
 */
export function projectLeerkrediet(input: ProjectionInput, law: Law): LeerkredietProjection {
	const account = summarizeLeerkrediet(input.facts, {
		parameters: law.parameters,
		policies: law.policies,
		policyOverride: law.policyOverride,
		at: input.at,
	});
	return {
		learnerId: input.learnerId,
		version: input.version,
		asOf: input.at,
		staleFrom: staleFrom(input.facts, input.at, law),
		balance: account.state.balance,
		institutions: institutionsOf(input.facts),
		state: account.state,
		years: account.years,
	};
}

function institutionsOf(facts: readonly Fact[]): string[] {
	const institutions = new Set<string>();
	for (const fact of facts)
		if (fact.type === "LearnerEnrolled") institutions.add(fact.data.institution);
	return [...institutions].sort();
}

const lawDatesCache = new WeakMap<Law, readonly IsoDate[]>();

/** Every date on which a law value or an institution's policy takes effect, ascending. */
function lawDates(law: Law): readonly IsoDate[] {
	let dates = lawDatesCache.get(law);
	if (dates === undefined) {
		const all = new Set<IsoDate>();
		for (const parameter of Object.values(law.parameters)) {
			for (const value of parameter.values) all.add(value.from);
		}
		const policies = [
			...law.policies.values(),
			...(law.policyOverride ? [law.policyOverride] : []),
		];
		for (const policy of policies) for (const version of policy.versions) all.add(version.from);
		dates = [...all].sort();
		lawDatesCache.set(law, dates);
	}
	return dates;
}

/** The first academic year to start after `at`: the rebuild (R18) may add credits on that day. */
function nextYearStart(at: IsoDate, law: Law): IsoDate | undefined {
	const calendarYear = Number(at.slice(0, 4));
	for (const year of [calendarYear, calendarYear + 1]) {
		try {
			const firstDay = valueAt(law.parameters, "academic-year/first-day", `${year}-12-31`).value;
			if (`${year}-${firstDay}` > at) return `${year}-${firstDay}`;
		} catch {
			return undefined;
		}
	}
	return undefined;
}

const lawChangeCache = new WeakMap<Law, Map<IsoDate, IsoDate | undefined>>();

/** The first day after `at` on which the law may read differently: a new year, a law value. */
function lawChangeAfter(at: IsoDate, law: Law): IsoDate | undefined {
	// Asked for every learner of an import with the same `at`: found once per law and day.
	let byDay = lawChangeCache.get(law);
	if (byDay === undefined) {
		byDay = new Map();
		lawChangeCache.set(law, byDay);
	}
	if (!byDay.has(at)) {
		const yearStart = nextYearStart(at, law);
		const lawDate = lawDates(law).find((date) => date > at);
		const earliest =
			yearStart === undefined || (lawDate !== undefined && lawDate < yearStart)
				? lawDate
				: yearStart;
		byDay.set(at, earliest);
	}
	return byDay.get(at);
}

/** The earliest day after `at` on which the computed account may change with no new fact. */
function staleFrom(facts: readonly Fact[], at: IsoDate, law: Law): IsoDate | null {
	let earliest = lawChangeAfter(at, law);
	for (const fact of facts) {
		if (fact.date > at && (earliest === undefined || fact.date < earliest)) earliest = fact.date;
	}
	return earliest ?? null;
}
