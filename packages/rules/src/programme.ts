/** Kinds of programme a learner can enrol in; the law decides per kind whether leerkrediet is used. */
export const programmeKinds = [
	"bachelor",
	"verkorte-bachelor",
	"master",
	"banaba",
	"manama",
	"schakelprogramma",
	"voorbereidingsprogramma",
	"graduaat",
	"postgraduaat",
	"doctoraat",
	"specifieke-lerarenopleiding",
	"micro-credential",
] as const;
export type ProgrammeKind = (typeof programmeKinds)[number];

/** The contract a learner enrols under (Codex art. II.179): diploma, credit or exam contract. */
export const contracts = ["diploma", "credit", "exam"] as const;
export type Contract = (typeof contracts)[number];

/** The tuition rate a learner pays: standard, near-scholarship (bijna-beurs) or scholarship (beurs). */
export const tariffs = ["standard", "near-scholarship", "scholarship"] as const;
export type Tariff = (typeof tariffs)[number];

/** Teaching periods a course unit can start in. */
export const teachingPeriods = ["year", "semester-1", "semester-2"] as const;
export type TeachingPeriod = (typeof teachingPeriods)[number];

/** How a fraction of credits is rounded where the law halves them. */
export const roundings = ["floor", "ceil"] as const;
export type Rounding = (typeof roundings)[number];
