import { startPopulationParse } from "./parse-population.ts";
import type { PopulationColumns } from "./population-columns.ts";
import { populationContracts, populationDegrees, type SimulationLaws } from "./population-law.ts";
import { createPopulationParser } from "./population-parser.ts";

/**
 * Columns of a small made-up population, parsed as files are, whose learners go down every path
 * of the rules between the law's first year and its horizon: years with and without enrolment, a
 * rebuild that starts, runs and ends, masters after masters, credit contracts, credit used up, and
 * balances far below zero.
 *
 * A thread simulates it `warmUpRounds` times before the real population (`rugzak simulate`), so that
 * V8 optimises the rules with type feedback for every branch. Without it, a branch first taken
 * after optimisation (a rebuild that ends, a bonus forfeited) throws the optimised code away, and
 * each time the thread runs slow code until V8 has optimised it again.
 */
export function warmUpColumns(laws: SimulationLaws): PopulationColumns {
	// Years both laws cover.
	const law = [laws.baseline, laws.reform ?? laws.baseline].reduce((later, other) =>
		other.firstYear > later.firstYear ? other : later,
	);
	const random = sequence(0x5eed);
	const lines: string[] = [];
	const span = law.horizon - law.firstYear + 1;
	for (let learner = 1; learner <= warmUpLearnerCount; learner++) {
		// One learner in three starts in the law's first year, so that many span all its years.
		const start = law.firstYear + (learner % 3 === 0 ? 0 : Math.floor(random() * span));
		// A year without enrolment one time in three, so that stretches of 1, 2, 3 years occur.
		for (let year = start; year <= law.horizon; year++) {
			if (year === start || random() < 2 / 3) lines.push(row(learner, year, random));
		}
	}
	const bytes = new TextEncoder().encode(`${lines.join("\n")}\n`);
	const parser = createPopulationParser({ inputBytes: bytes.length, rowCapacity: lines.length });
	parser.input.set(bytes);
	parser.parseLines({ start: 0, end: bytes.length }, startPopulationParse(0), law.horizon);
	return parser.columns;
}

/**
 * How many times a thread simulates the warm-up population: V8 records type feedback only once a
 * function has run a while (from within its first call here), so the first round may go unseen.
 */
export const warmUpRounds = 4;

/** How many learners the warm-up population has: enough to take every branch several times. */
export const warmUpLearnerCount = 64;

function row(learner: number, year: number, random: () => number): string {
	const credit = random() < 0.2;
	// Now and then a year that uses far more credit than the account holds.
	const registered = random() < 0.1 ? 999 : Math.floor(random() * 90);
	const earned = Math.floor(registered * random());
	const degree = credit ? 0 : [0, 0, 0, 1, 2, 2][Math.floor(random() * 6)];
	return [
		learner,
		year,
		populationContracts[credit ? 1 : 0],
		registered,
		earned,
		populationDegrees[degree ?? 0],
	].join(",");
}

/** A fixed sequence of numbers in [0, 1) (a linear congruential generator): the same every run. */
function sequence(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}
