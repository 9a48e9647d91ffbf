export * from "./errors.ts";
export * from "./event-store.ts";
export * from "./handle-command.ts";
export {
	type ImportFormat,
	type ImportIssue,
	type ImportOptions,
	type ImportProgress,
	type ImportReport,
	type ImportSource,
	importFormats,
} from "./import/import-facts.ts";
export * from "./law/load-law.ts";
export * from "./learner-directory.ts";
export type { StoredFact } from "./log-tables.ts";
export * from "./open-store.ts";
export type { LeerkredietProjection, LeerkredietProjectionJson } from "./projection.ts";
