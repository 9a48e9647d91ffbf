import { describe, expect, it } from "vitest";
import { parameters, reformed } from "../law.fixture.ts";
import { createTally } from "./population-tally.ts";
import { resolvePopulationLaw } from "./resolve-population-law.ts";
import { simulatePopulation } from "./simulate-population.ts";
import { warmUpColumns, warmUpLearnerCount } from "./warm-up-population.ts";

describe("warmUpColumns", () => {
	it("holds learners who take every path of the rules, under the law and the reform", () => {
		const baseline = resolvePopulationLaw(parameters, { horizon: 2025 });
		const reform = resolvePopulationLaw(reformed("reforms/rebuild-every-year-not-enrolled.yaml"), {
			horizon: 2025,
		});
		for (const law of [baseline, reform]) {
			const columns = warmUpColumns({ baseline, reform: law === baseline ? undefined : law });
			expect(columns.learnerCount).toBe(warmUpLearnerCount);
			const tally = createTally(law);
			simulatePopulation({ columns, learners: { from: 0, to: columns.learnerCount }, law, tally });
			const rows = Array.from(columns.degrees.subarray(0, columns.rowCount));
			const masters = rows.filter((degree) => degree === 2).length;
			expect(tally.bonusCredits).toBeGreaterThan(0);
			expect(tally.rebuildIncrements).toBeGreaterThan(tally.learnersRebuilt);
			// Masters after a first master take nothing.
			expect(tally.masterDeductions).toBeGreaterThan(0);
			expect(tally.masterDeductions).toBeLessThan(masters);
			expect(Array.from(columns.contracts.subarray(0, columns.rowCount))).toContain(1);
			expect(tally.yearExhausted.some((learners) => learners > 0)).toBe(true);
			expect(tally.finalBalances.lowest).toBeLessThan(-500);
		}
	});
});
