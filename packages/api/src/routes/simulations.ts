import { createReadStream } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { defaultPopulationHorizon } from "@rugzak/rules/population";
import { requireRole } from "../authorize.ts";
import type { ApiDependencies, AppEnv } from "../context.ts";
import { ApiError, respondProblem } from "../problem.ts";
import { formFields } from "../simulations/reform-form.ts";
import {
	jobProblem,
	type SimulationJob,
	type SimulationRequest,
	type SimulationService,
	tooLarge,
} from "../simulations/simulation-jobs.ts";
import { problemSchema, simulationDocumentSchema } from "../simulations/simulation-schemas.ts";

// Only bounds that keep balances well within 32 bits: whether a value is one the law can have
// (a whole number, not negative) is the reform loader's to say, as for any reform file.
const credits = z.number().max(9999, "at most 9999");
const formValues = {
	initial: credits,
	bonus: credits,
	masterDeduction: credits,
	masterDeductionFirstOnly: z.boolean(),
	rebuildIncrement: credits,
	rebuildCeiling: credits,
	rebuildOnce: z.boolean(),
	rebuildForfeitsBonus: z.boolean(),
	rebuildWaitingAfterStopping: z.number().max(99, "at most 99"),
	rebuildWaitingAfterMaster: z.number().max(99, "at most 99"),
} satisfies Record<(typeof formFields)[number], z.ZodType>;

const reformRequest = z
	.strictObject({
		file: z
			.string()
			.regex(/^[a-z0-9-]{1,100}$/, "the id of a shipped reform (GET /api/reforms)")
			.optional()
			.openapi({ example: "rebuild-every-year-not-enrolled" }),
		parameters: z
			.strictObject(
				Object.fromEntries(
					Object.entries(formValues).map(([field, schema]) => [field, schema.optional()]),
				) as { [TField in keyof typeof formValues]: z.ZodOptional<(typeof formValues)[TField]> },
			)
			.refine((changes) => Object.keys(changes).length > 0, "change at least one parameter")
			.optional()
			.openapi({
				description:
					"Leerkrediet parameters to change, by field (GET /api/reforms lists them); each holds for every year. The reform loader checks them as it checks a reform file.",
				example: { initial: 180, rebuildOnce: false },
			}),
	})
	// A type predicate, so that the parsed reform is the service's: one of the two.
	.refine(
		(reform): reform is typeof reform & NonNullable<SimulationRequest["reform"]> =>
			(reform.file === undefined) !== (reform.parameters === undefined),
		"give either file (a shipped reform) or parameters (changes in the form)",
	);

const simulationRequest = z
	.strictObject({
		population: z
			.string()
			.regex(/^(demo|[0-9a-f-]{36})$/, "demo, or the id of an uploaded population")
			.openapi({ example: "demo" }),
		horizon: z
			.number()
			.int()
			.min(1000)
			.max(2100, "at most 2100")
			.default(defaultPopulationHorizon)
			.openapi({ description: "The last academic year simulated, by its first calendar year" }),
		reform: reformRequest.nullable().default(null).openapi({
			description: "What to compare with the law as shipped; null for the law alone",
		}),
	})
	.openapi("SimulationRequest");

const job = z
	.object({
		id: z.string(),
		status: z.enum(["queued", "running", "done", "failed"]),
		progress: z.number().openapi({ description: "Share of the population file read, 0 to 1" }),
		population: z.string(),
		horizon: z.number().int(),
		reform: z.unknown().openapi({ description: "The reform asked for, as sent" }),
		createdAt: z.string(),
		finishedAt: z.string().nullable(),
		result: simulationDocumentSchema.nullable(),
		problem: problemSchema.nullable(),
		learnersCsv: z.string().nullable().openapi({ description: "Where to download the rows" }),
	})
	.openapi("SimulationJob");

const upload = z
	.object({ id: z.string(), name: z.string(), bytes: z.number().int(), expiresAt: z.string() })
	.openapi("PopulationUpload");

const shippedReform = z
	.object({
		id: z.string(),
		description: z.string(),
		reference: z.string().nullable(),
		parameters: z.array(z.string()),
	})
	.openapi("ShippedReform");

const formParameter = z
	.object({
		field: z.enum(formFields),
		name: z.string(),
		unit: z.string(),
		description: z.string(),
		value: z.unknown().openapi({ description: "The value in force today" }),
	})
	.openapi("FormParameter");

const agencyOnly = {
	401: { description: "Not signed in" },
	403: { description: "Not the agency" },
} as const;
const params = z.object({ id: z.uuid() });
const jobPath = (id: string) => `/api/simulations/${id}`;

function jobJson(found: SimulationJob) {
	const { id, request, status, result } = found;
	const read = found.progress[0] ?? 0;
	const progress = status === "done" ? 1 : found.bytes === 0 ? 0 : read / found.bytes;
	return {
		id,
		status,
		progress: Math.min(1, progress),
		population: request.population,
		horizon: request.horizon,
		reform: request.reform,
		createdAt: new Date(found.createdAt).toISOString(),
		finishedAt: found.finishedAt === undefined ? null : new Date(found.finishedAt).toISOString(),
		result: result ?? null,
		problem: jobProblem(found, jobPath(id)) ?? null,
		learnersCsv: status === "done" ? `${jobPath(id)}/learners.csv` : null,
	};
}

function foundJob(simulations: SimulationService, id: string): SimulationJob {
	const found = simulations.job(id);
	if (found === undefined)
		throw new ApiError("not-found", `No simulation ${id}: finished ones are kept for a while`);
	return found;
}

export function simulationRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies): void {
	const { simulations } = deps;
	app.openapi(
		createRoute({
			method: "get",
			path: "/api/reforms",
			tags: ["simulations"],
			summary:
				"The reform files rugzak ships (reforms/*.yaml), the parameters a simulation's form may change, and the horizon it starts from",
			security: [{ bearer: [] }],
			responses: {
				200: {
					description: "Shipped reforms, form parameters and the default horizon",
					content: {
						"application/json": {
							schema: z.object({
								reforms: z.array(shippedReform),
								parameters: z.array(formParameter),
							}),
						},
					},
				},
				...agencyOnly,
			},
		}),
		(c) => {
			requireRole(c.get("principal"), "agency");
			const { reforms, parameters } = simulations.reforms();
			return c.json(
				{
					reforms: reforms.map(({ id, description, reference, parameters }) => ({
						id,
						description,
						reference,
						parameters: [...parameters],
					})),
					parameters,
					horizon: defaultPopulationHorizon,
				},
				200,
			);
		},
	);
	app.openapi(
		createRoute({
			method: "post",
			path: "/api/populations",
			tags: ["simulations"],
			summary:
				"Upload a population file (text/csv, the format of docs/simulation.md) to simulate; kept for an hour",
			security: [{ bearer: [] }],
			request: {
				query: z.object({
					name: z
						.string()
						.regex(/^[^\p{Cc}]{1,200}$/u, "a file name of 1 to 200 characters")
						.optional()
						.openapi({ example: "population.csv" }),
				}),
			},
			responses: {
				201: {
					description: "Kept; simulate it with its id",
					content: { "application/json": { schema: upload } },
				},
				...agencyOnly,
				413: { description: "Larger than the limit (256 MiB by default)" },
				415: { description: "Not text/csv" },
			},
		}),
		async (c) => {
			requireRole(c.get("principal"), "agency");
			if (!c.req.header("content-type")?.startsWith("text/csv")) {
				throw new ApiError("unsupported-media-type", "Send the population as text/csv", [
					{ path: "content-type", message: "expected text/csv" },
				]);
			}
			const body = c.req.raw.body;
			if (body === null)
				throw new ApiError("invalid-request", "The request has no body", [
					{ path: "body", message: "send the file as the body" },
				]);
			// A declared length over the limit is refused before a byte is read.
			if (Number(c.req.header("content-length") ?? 0) > simulations.limits.uploadBytes)
				throw tooLarge(simulations.limits.uploadBytes);
			const kept = await simulations.upload(
				body as unknown as AsyncIterable<Uint8Array>,
				c.req.valid("query").name ?? "population.csv",
			);
			const expiresAt = new Date(kept.createdAt + simulations.limits.keptMs).toISOString();
			return c.json({ id: kept.id, name: kept.name, bytes: kept.bytes, expiresAt }, 201);
		},
	);
	app.openapi(
		createRoute({
			method: "post",
			path: "/api/simulations",
			tags: ["simulations"],
			summary:
				"Start a simulation of a population under the law, or a reform beside it, in a worker thread",
			security: [{ bearer: [] }],
			request: {
				body: { required: true, content: { "application/json": { schema: simulationRequest } } },
			},
			responses: {
				202: {
					description: "Started (or queued); poll it",
					content: { "application/json": { schema: job } },
				},
				...agencyOnly,
				422: { description: "A law value that does not hold, or an unknown population" },
				429: { description: "Too many simulations queued or running" },
			},
		}),
		async (c) => {
			requireRole(c.get("principal"), "agency");
			const { population, horizon, reform } = c.req.valid("json");
			const started = await simulations.start({ population, horizon, reform });
			c.header("Location", jobPath(started.id));
			return c.json(jobJson(started), 202);
		},
	);
	app.openapi(
		createRoute({
			method: "get",
			path: "/api/simulations/{id}",
			tags: ["simulations"],
			summary: "A simulation: its progress, then its summary, or the problem that stopped it",
			security: [{ bearer: [] }],
			request: { params },
			responses: {
				200: { description: "The job", content: { "application/json": { schema: job } } },
				...agencyOnly,
				404: { description: "No such simulation, or no longer kept" },
			},
		}),
		(c) => {
			requireRole(c.get("principal"), "agency");
			return c.json(jobJson(foundJob(simulations, c.req.valid("param").id)), 200);
		},
	);
	app.openapi(
		createRoute({
			method: "get",
			path: "/api/simulations/{id}/learners.csv",
			tags: ["simulations"],
			summary: "One row per learner, in the columns of rugzak simulate --out",
			security: [{ bearer: [] }],
			request: { params },
			responses: {
				200: {
					description: "The rows",
					content: { "text/csv": { schema: z.string() } },
				},
				...agencyOnly,
				404: { description: "No such simulation" },
				409: { description: "Not finished yet" },
				422: { description: "The population file was refused (the problem names its line)" },
			},
		}),
		(c) => {
			requireRole(c.get("principal"), "agency");
			const found = foundJob(simulations, c.req.valid("param").id);
			const instance = new URL(c.req.url).pathname;
			const failed = jobProblem(found, instance);
			if (failed !== undefined) return respondProblem(c, failed);
			if (found.status !== "done")
				throw new ApiError("conflict", `Simulation ${found.id} is ${found.status}`);
			const rows = Readable.toWeb(createReadStream(join(found.folder, "learners.csv")));
			return new Response(rows as ReadableStream, {
				headers: {
					"Content-Type": "text/csv; charset=utf-8",
					"Content-Disposition": `attachment; filename="simulation-${found.id}-learners.csv"`,
				},
			});
		},
	);
}
