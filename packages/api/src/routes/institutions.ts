import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { requireSignedIn } from "../authorize.ts";
import type { ApiDependencies, AppEnv } from "../context.ts";
import { ApiError } from "../problem.ts";

const institution = z.object({ id: z.string(), name: z.string() }).openapi("Institution");

const listRoute = createRoute({
	method: "get",
	path: "/api/institutions",
	tags: ["institutions"],
	summary: "The institutions whose policies rugzak knows",
	responses: {
		200: {
			description: "Institutions",
			content: { "application/json": { schema: z.object({ institutions: z.array(institution) }) } },
		},
	},
});

const policyRoute = createRoute({
	method: "get",
	path: "/api/institutions/{id}/policy",
	tags: ["institutions"],
	summary:
		"An institution's policy where the law leaves it a choice, with its dated versions and sources",
	security: [{ bearer: [] }],
	request: { params: z.object({ id: z.string().min(1).max(100) }) },
	responses: {
		200: {
			description: "The policy",
			content: {
				"application/json": {
					schema: z.object({
						id: z.string(),
						name: z.string(),
						versions: z.array(z.record(z.string(), z.unknown())),
					}),
				},
			},
		},
	},
});

export function institutionRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies): void {
	app.openapi(listRoute, (c) => {
		requireSignedIn(c.get("principal"));
		const institutions = [...deps.law.policies.values()]
			.map(({ id, name }) => ({ id, name }))
			.sort((a, b) => a.id.localeCompare(b.id));
		return c.json({ institutions }, 200);
	});
	app.openapi(policyRoute, (c) => {
		const who = requireSignedIn(c.get("principal"));
		const { id } = c.req.valid("param");
		if (who.role === "staff" && who.institution !== id)
			throw new ApiError(
				"forbidden",
				`Staff of ${who.institution} see their own institution's policy`,
			);
		const policy = deps.law.policies.get(id);
		if (!policy) throw new ApiError("not-found", `No policy is known for institution ${id}`);
		const versions = policy.versions as unknown as Record<string, never>[];
		return c.json({ id: policy.id, name: policy.name, versions }, 200);
	});
}
