import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ApiDependencies, AppEnv } from "../context.ts";
import { ApiError } from "../problem.ts";

const status = z.object({ status: z.string() }).openapi("Status");

export function healthRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies): void {
	app.openapi(
		createRoute({
			method: "get",
			path: "/health",
			tags: ["service"],
			summary: "The process is up",
			responses: {
				200: { description: "Up", content: { "application/json": { schema: status } } },
			},
		}),
		(c) => c.json({ status: "ok" }, 200),
	);
	app.openapi(
		createRoute({
			method: "get",
			path: "/ready",
			tags: ["service"],
			summary: "The database answers",
			responses: {
				200: { description: "Ready", content: { "application/json": { schema: status } } },
			},
		}),
		async (c) => {
			if (!(await deps.store.ready().catch(() => false)))
				throw new ApiError("not-ready", "The database does not answer yet");
			return c.json({ status: "ready" }, 200);
		},
	);
}
