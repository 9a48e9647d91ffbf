// The light entry `@rugzak/rules/parameters`: what reading the law takes (parameter files,
// reforms, and the population law resolved from them), without the single-learner engine and
// its Temporal, so that `rugzak simulate` loads the law quickly; `index.test.ts` checks it.
export * from "../errors.ts";
export * from "../population/population-law.ts";
export * from "../population/resolve-population-law.ts";
export * from "./law-file.ts";
export * from "./parameter-definitions.ts";
export * from "./parameters.ts";
export * from "./parse-parameters.ts";
