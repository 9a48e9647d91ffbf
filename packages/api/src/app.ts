import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import type { ApiDependencies, AppEnv } from "./context.ts";
import { problem, problemFor, respondProblem } from "./problem.ts";
import { authRoutes } from "./routes/auth.ts";
import { docsRoutes } from "./routes/docs.ts";
import { healthRoutes } from "./routes/health.ts";
import { importRoutes } from "./routes/imports.ts";
import { institutionRoutes } from "./routes/institutions.ts";
import { learnerRoutes } from "./routes/learners.ts";
import { leerkredietRoutes } from "./routes/leerkrediet.ts";
import { parameterRoutes } from "./routes/parameters.ts";
import { simulationRoutes } from "./routes/simulations.ts";
import { webRoutes } from "./routes/web.ts";

/** Builds the whole HTTP application; tests call `app.request()` on it without a server. */
export function createApp(deps: ApiDependencies): OpenAPIHono<AppEnv> {
	const app = new OpenAPIHono<AppEnv>({
		// One hook for every request that fails its schema: a problem naming each field.
		defaultHook: (result, c) => {
			if (result.success) return;
			const errors = result.error.issues.map((issue) => ({
				path: issue.path.map(String).join("."),
				message: issue.message,
			}));
			const detail = errors
				.map((error) => `${error.path || "(body)"}: ${error.message}`)
				.join("; ");
			return respondProblem(
				c,
				problem("invalid-request", detail, new URL(c.req.url).pathname, errors),
			);
		},
	});
	app.use(requestId());
	app.use(async (c, next) => {
		const started = performance.now();
		await next();
		// The route pattern, not the path, so that no learner id reaches the log.
		deps.logger.info("request", {
			requestId: c.get("requestId"),
			method: c.req.method,
			route: c.req.routePath,
			status: c.res.status,
			durationMs: Math.round((performance.now() - started) * 10) / 10,
		});
	});
	app.use(async (c, next) => {
		c.set("principal", await deps.auth.principal(c.req.header("authorization")));
		await next();
	});
	app.onError((error, c) => {
		const body = problemFor(error, new URL(c.req.url).pathname);
		if (body.status === 500)
			deps.logger.error("unhandled", {
				requestId: c.get("requestId"),
				error: String((error as Error).stack ?? error),
			});
		return respondProblem(c, body);
	});
	app.notFound((c) =>
		respondProblem(
			c,
			problem(
				"not-found",
				`No route ${c.req.method} ${new URL(c.req.url).pathname}`,
				new URL(c.req.url).pathname,
			),
		),
	);
	healthRoutes(app, deps);
	parameterRoutes(app, deps);
	institutionRoutes(app, deps);
	authRoutes(app, deps);
	learnerRoutes(app, deps);
	leerkredietRoutes(app, deps);
	importRoutes(app, deps);
	simulationRoutes(app, deps);
	docsRoutes(app);
	if (deps.benchRoutes) {
		// The benchmark's baseline: the same HTTP stack and driver, one row, no authorisation.
		app.get("/bench/bare/:id", async (c) =>
			c.json({ version: await deps.store.version(c.req.param("id")) }),
		);
	}
	webRoutes(app, deps);
	return app;
}
