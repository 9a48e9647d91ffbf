import { describe, expect, it } from "vitest";
import { ParameterNotInForce } from "../errors.ts";
import { parameters, reformed } from "../law.fixture.ts";
import { leerkredietParameters } from "../leerkrediet/law.ts";
import { applyReform, parseReform } from "../parameters/parse-parameters.ts";
import { UnsupportedPopulationLaw } from "./population-error.ts";
import { populationLawFrom } from "./population-law.ts";
import { populationLawParameters, resolvePopulationLaw } from "./resolve-population-law.ts";

describe("resolvePopulationLaw", () => {
	it("resolves every academic year from 2008-2009, when leerkrediet began, to the horizon", () => {
		const law = resolvePopulationLaw(parameters, { horizon: 2025 });
		expect([law.firstYear, law.horizon, law.years.length, law.reform]).toEqual([
			2008,
			2025,
			18,
			undefined,
		]);
		// The values of the parameter files (R2, R5, R7, R18), the same in every year so far.
		expect(law.years[0]).toEqual({
			initial: 140,
			bonus: 60,
			contractEarnsBonus: [true, false],
			masterDeduction: 140,
			masterDeductionFirstOnly: true,
			rebuild: {
				increment: 10,
				ceiling: 60,
				once: true,
				forfeitsBonus: true,
				waitingYearsAfterStopping: 1,
				waitingYearsAfterMaster: 0,
			},
		});
		expect(new Set(law.years.map((year) => JSON.stringify(year))).size).toBe(1);
	});

	it("takes the reform of source document 001: every year, no waiting, the bonus kept", () => {
		const law = resolvePopulationLaw(reformed("reforms/rebuild-every-year-not-enrolled.yaml"), {
			horizon: 2025,
			reform: "rebuild-every-year-not-enrolled",
		});
		expect(law.reform).toBe("rebuild-every-year-not-enrolled");
		expect(law.years.at(-1)?.rebuild).toEqual({
			increment: 10,
			ceiling: 60,
			once: false,
			forfeitsBonus: false,
			waitingYearsAfterStopping: 0,
			waitingYearsAfterMaster: 0,
		});
	});

	it("resolves a value that changes on the first day of a year from that year on", () => {
		const reform = parseReform({
			path: "bonus-90.yaml",
			text: `description: A larger bonus from 2020-2021
parameters:
  leerkrediet/bonus:
    values:
      2020-09-01:
        value: 90
        reference: a test
`,
		});
		const law = resolvePopulationLaw(applyReform(parameters, reform), { horizon: 2021 });
		expect(law.years.map((year) => year.bonus).slice(-3)).toEqual([60, 90, 90]);
	});

	it("refuses a law under which a row of the population would use no leerkrediet", () => {
		const reform = parseReform({
			path: "no-credit-contracts.yaml",
			text: `description: Credit contracts no longer use leerkrediet
parameters:
  leerkrediet/scope/contracts:
    values:
      2008-09-01:
        value: [diploma]
        reference: a test
  leerkrediet/scope/any-programme-contracts:
    values:
      2008-09-01:
        value: []
        reference: a test
`,
		});
		expect(() => resolvePopulationLaw(applyReform(parameters, reform), { horizon: 2025 })).toThrow(
			UnsupportedPopulationLaw,
		);
	});

	it("says so when the law is not in force at the horizon", () => {
		expect(() => resolvePopulationLaw(parameters, { horizon: 2007 })).toThrow(ParameterNotInForce);
	});

	it("cuts a law to the years from a later first year", () => {
		const law = populationLawFrom(resolvePopulationLaw(parameters, { horizon: 2025 }), 2013);
		expect([law.firstYear, law.years.length]).toEqual([2013, 13]);
	});
});

describe("populationLawParameters", () => {
	it("names parameters each of which changes the population's law", () => {
		const law = resolvePopulationLaw(parameters, { horizon: 2025 });
		for (const field of populationLawParameters) {
			const name = leerkredietParameters[field];
			const first = parameters[name].values[0];
			const value = first?.value;
			const changed = typeof value === "boolean" ? !value : Number(value) + 1;
			const text = JSON.stringify({
				description: `${name} changed`,
				reference: "a test",
				parameters: {
					[name]: { values: { [first?.from ?? ""]: { value: changed, reference: "a test" } } },
				},
			});
			const reform = parseReform({ path: "changed.yaml", text });
			const reformedLaw = resolvePopulationLaw(applyReform(parameters, reform), { horizon: 2025 });
			expect(reformedLaw.years, name).not.toEqual(law.years);
		}
	});
});
