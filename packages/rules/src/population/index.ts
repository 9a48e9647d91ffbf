// The light entry `@rugzak/rules/population`: what a worker thread needs to simulate a population
// from plain data. It imports no package (no zod, yaml or Temporal), so that workers start fast;
// `index.test.ts` checks it.
export { formatAcademicYear } from "../calendar/academic-year.ts";
export * from "./compare-population.ts";
export * from "./learner-csv.ts";
export * from "./parse-population.ts";
export * from "./population-columns.ts";
export * from "./population-error.ts";
export * from "./population-law.ts";
export * from "./population-parser.ts";
export * from "./population-summary.ts";
export * from "./population-tally.ts";
export * from "./simulate-laws.ts";
export * from "./simulate-population.ts";
export * from "./simulation-document.ts";
export * from "./value-histogram.ts";
