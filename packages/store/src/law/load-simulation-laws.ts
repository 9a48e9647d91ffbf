import {
	applyReform,
	type PopulationLaw,
	populationLawFrom,
	resolvePopulationLaw,
} from "@rugzak/rules/parameters";
import { loadParameters } from "./law-files.ts";

/**
 * The laws of a population simulation as plain data for the worker threads: the shipped law,
 * and the reform when one is named, both resolved per academic year up to `horizon` over the
 * same years. Institution policies play no part, so they are not read; and only the light
 * `@rugzak/rules/parameters` is loaded, not the single-learner engine.
 */
export function loadSimulationLaws(options: {
	readonly reform: string | undefined;
	readonly horizon: number;
}): { readonly baseline: PopulationLaw; readonly reform: PopulationLaw | undefined } {
	const { base, reform } = loadParameters(options.reform);
	const { horizon } = options;
	const baseline = resolvePopulationLaw(base, { horizon });
	if (reform === undefined) return { baseline, reform: undefined };
	const reformed = resolvePopulationLaw(applyReform(base, reform), {
		horizon,
		reform: reform.name,
	});
	const firstYear = Math.max(baseline.firstYear, reformed.firstYear);
	return {
		baseline: populationLawFrom(baseline, firstYear),
		reform: populationLawFrom(reformed, firstYear),
	};
}
