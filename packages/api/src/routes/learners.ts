import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { factSchema, type InputIssue } from "@rugzak/rules";
import { readableLearner, requireRole, writableLearner } from "../authorize.ts";
import type { ApiDependencies, AppEnv } from "../context.ts";
import { ApiError, problemFor, respondProblem } from "../problem.ts";

const learnerId = z
	.string()
	.min(1)
	.max(200)
	.regex(/^[A-Za-z0-9._-]+$/, "letters, digits, dot, dash and underscore")
	.openapi({ example: "thomas" });
const learner = z
	.object({
		id: z.string(),
		name: z.string().nullable(),
		institutions: z.array(z.string()),
		version: z.number().int(),
	})
	.openapi("Learner");
const page = z.object({
	cursor: z.string().regex(/^\d+$/).optional(),
	limit: z.coerce.number().int().min(1).max(100).default(20),
});
const params = z.object({ id: learnerId });
const problemResponses = {
	401: { description: "Not signed in" },
	403: { description: "Not allowed for this role" },
	404: { description: "No such learner" },
} as const;

const toJson = (record: {
	id: string;
	name: string | undefined;
	institutions: readonly string[];
	version: number;
}) => ({
	id: record.id,
	name: record.name ?? null,
	institutions: [...record.institutions],
	version: record.version,
});

export function learnerRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies): void {
	app.openapi(
		createRoute({
			method: "get",
			path: "/api/learners",
			tags: ["learners"],
			summary: "Find learners: staff see their institution's, the agency all",
			security: [{ bearer: [] }],
			request: { query: page.extend({ q: z.string().max(100).optional() }) },
			responses: {
				200: {
					description: "A page of learners",
					content: {
						"application/json": {
							schema: z.object({ items: z.array(learner), nextCursor: z.string().nullable() }),
						},
					},
				},
				...problemResponses,
			},
		}),
		async (c) => {
			const who = requireRole(c.get("principal"), "staff", "agency");
			const { q, cursor, limit } = c.req.valid("query");
			const items = await deps.store.listLearners({
				text: q,
				institution: who.role === "staff" ? who.institution : undefined,
				after: cursor,
				limit: limit + 1,
			});
			const more = items.length > limit;
			const shown = items.slice(0, limit);
			return c.json(
				{ items: shown.map(toJson), nextCursor: more ? (shown.at(-1)?.id ?? null) : null },
				200,
			);
		},
	);
	app.openapi(
		createRoute({
			method: "post",
			path: "/api/learners",
			tags: ["learners"],
			summary: "Register a learner",
			security: [{ bearer: [] }],
			request: {
				body: {
					required: true,
					content: {
						"application/json": {
							schema: z.object({ id: learnerId, name: z.string().min(1).max(300).optional() }),
						},
					},
				},
			},
			responses: {
				201: { description: "Created", content: { "application/json": { schema: learner } } },
				409: { description: "The id is taken" },
				...problemResponses,
			},
		}),
		async (c) => {
			requireRole(c.get("principal"), "staff", "agency");
			const body = c.req.valid("json");
			if (await deps.store.learner(body.id))
				throw new ApiError("conflict", `Learner ${body.id} exists`, [
					{ path: "id", message: "this id is taken" },
				]);
			return c.json(toJson(await deps.store.createLearner(body)), 201);
		},
	);
	app.openapi(
		createRoute({
			method: "get",
			path: "/api/learners/{id}",
			tags: ["learners"],
			summary: "A learner",
			security: [{ bearer: [] }],
			request: { params },
			responses: {
				200: { description: "The learner", content: { "application/json": { schema: learner } } },
				...problemResponses,
			},
		}),
		async (c) =>
			c.json(
				toJson(await readableLearner(c.get("principal"), deps.store, c.req.valid("param").id)),
				200,
			),
	);
	factRoutes(app, deps);
}

function factRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies): void {
	app.openapi(
		createRoute({
			method: "get",
			path: "/api/learners/{id}/facts",
			tags: ["facts"],
			summary: "A learner's facts, oldest first",
			security: [{ bearer: [] }],
			request: { params, query: page },
			responses: {
				200: {
					description: "A page of facts",
					content: {
						"application/json": {
							schema: z.object({ items: z.array(factSchema), nextCursor: z.string().nullable() }),
						},
					},
				},
				...problemResponses,
			},
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			await readableLearner(c.get("principal"), deps.store, id);
			const { cursor, limit } = c.req.valid("query");
			const facts = await deps.store.facts(id);
			const start = Number(cursor ?? 0);
			const items = facts.slice(start, start + limit);
			return c.json(
				{ items, nextCursor: start + limit < facts.length ? String(start + limit) : null },
				200,
			);
		},
	);
	app.openapi(
		createRoute({
			method: "post",
			path: "/api/learners/{id}/facts",
			tags: ["facts"],
			summary:
				"Record facts: appended in one transaction, idempotent by key, optionally at an expected version",
			security: [{ bearer: [] }],
			request: {
				params,
				headers: z.object({
					"idempotency-key": z
						.string()
						.min(8)
						.max(200)
						.openapi({ description: "Repeat the key to retry safely" }),
					"if-match": z
						.string()
						.regex(/^"?\d+"?$/, 'expected a version as "12"')
						.optional(),
				}),
				body: {
					required: true,
					content: {
						"application/json": {
							schema: z.object({ facts: z.array(factSchema).min(1).max(1000) }),
						},
					},
				},
			},
			responses: {
				201: {
					description: "Recorded",
					content: {
						"application/json": {
							schema: z.object({ version: z.number().int(), facts: z.array(factSchema) }),
						},
					},
				},
				409: { description: "Another body for this key, or a stale version" },
				422: { description: "Facts that break a rule; nothing written" },
				...problemResponses,
			},
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const headers = c.req.valid("header");
			const { facts } = c.req.valid("json");
			await writableLearner(c.get("principal"), deps.store, id, facts);
			const position = new Map(facts.map((fact, i) => [fact.id, i]));
			const locate = (issue: InputIssue) => {
				const i = issue.factId === undefined ? undefined : position.get(issue.factId);
				return i === undefined
					? `${issue.factId ?? ""}.${issue.field}`
					: `facts.${i}.${issue.field}`;
			};
			try {
				const ifMatch = headers["if-match"];
				const result = await deps.store.append(id, facts, {
					idempotencyKey: headers["idempotency-key"],
					expectedVersion: ifMatch === undefined ? undefined : Number(ifMatch.replaceAll('"', "")),
				});
				return c.json({ version: result.version, facts: [...result.facts] }, 201);
			} catch (error) {
				return respondProblem(c, problemFor(error, new URL(c.req.url).pathname, locate)) as never;
			}
		},
	);
}
