import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { isIsoDate, ParameterNotInForce, parameterNames, valueAt } from "@rugzak/rules";
import type { ApiDependencies, AppEnv } from "../context.ts";

const isoDate = z
	.string()
	.refine(isIsoDate, "expected a date as YYYY-MM-DD")
	.openapi({ example: "2024-09-01", format: "date" });

const parameterInForce = z
	.object({
		name: z.string().openapi({ example: "leerkrediet/initial" }),
		description: z.string(),
		unit: z.string(),
		value: z.unknown().openapi({ description: "The value in force, or null when none is" }),
		from: z.string().nullable(),
		reference: z.string().nullable(),
		inferred: z.boolean(),
		reform: z.string().nullable(),
		notInForce: z.string().nullable(),
	})
	.openapi("ParameterInForce");

const route = createRoute({
	method: "get",
	path: "/api/parameters",
	tags: ["law"],
	summary: "The law values in force on a date, each with the date it holds from and its source",
	request: { query: z.object({ date: isoDate.optional() }) },
	responses: {
		200: {
			description: "Every parameter",
			content: {
				"application/json": {
					schema: z.object({ date: z.string(), parameters: z.array(parameterInForce) }),
				},
			},
		},
	},
});

export function parameterRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies): void {
	app.openapi(route, (c) => {
		const date = c.req.valid("query").date ?? deps.today();
		const parameters = parameterNames.map((name) => {
			const parameter = deps.law.parameters[name];
			const base = { name, description: parameter.description, unit: parameter.unit };
			try {
				const found = valueAt(deps.law.parameters, name, date);
				return {
					...base,
					value: found.value,
					from: found.from,
					reference: found.reference,
					inferred: found.inferred,
					reform: found.reform ?? null,
					notInForce: null,
				};
			} catch (error) {
				if (!(error instanceof ParameterNotInForce)) throw error;
				return {
					...base,
					value: null,
					from: null,
					reference: null,
					inferred: false,
					reform: null,
					notInForce: error.message,
				};
			}
		});
		return c.json({ date, parameters }, 200);
	});
}
