export * from "./app.ts";
export * from "./auth.ts";
export * from "./context.ts";
export {
	type DemoLearner,
	demoUsers,
	exampleLearners,
	syntheticLearners,
} from "./demo/demo-data.ts";
export * from "./learner-store.ts";
export * from "./logger.ts";
export * from "./problem.ts";
export * from "./server.ts";
