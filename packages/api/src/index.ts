export * from "./app.ts";
export * from "./auth.ts";
export * from "./context.ts";
export * from "./learner-store.ts";
export * from "./logger.ts";
export * from "./problem.ts";
