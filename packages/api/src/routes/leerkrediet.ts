import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import {
	computeLeerkrediet,
	contracts,
	decideRegistration,
	type Fact,
	factSchema,
	isIsoDate,
	type LeerkredietContext,
	latestInstitution,
	parseAcademicYear,
	planYear,
	programmeKinds,
	tariffs,
	whatIf,
} from "@rugzak/rules";
import { readableLearner, readableProjection } from "../authorize.ts";
import type { ApiDependencies, AppEnv } from "../context.ts";
import { ApiError } from "../problem.ts";

const isoDate = z
	.string()
	.refine(isIsoDate, "expected a date as YYYY-MM-DD")
	.openapi({ format: "date", example: "2020-09-14" });
const params = z.object({ id: z.string().min(1).max(200) });
const looseObject = z.record(z.string(), z.unknown());
const json = <TSchema extends z.ZodType>(schema: TSchema, description: string) => ({
	description,
	content: { "application/json": { schema } },
});
const problems = {
	401: { description: "Not signed in" },
	403: { description: "Not allowed for this role" },
	404: { description: "No such learner" },
	422: { description: "Facts or request that break a rule" },
} as const;

const statementResponse = z
	.object({
		learnerId: z.string(),
		at: z.string(),
		state: looseObject,
		years: z.array(looseObject),
	})
	.openapi("LeerkredietStatement", {
		description: "Balance and state with the yearly statement (see docs/leerkrediet.md)",
	});

const decisionRequest = z
	.object({
		date: isoDate,
		credits: z.number().int().min(1).max(999),
		programmeKind: z.enum(programmeKinds),
		contract: z.enum(contracts),
		institution: z.string().min(1).max(100),
		tariff: z.enum(tariffs).default("standard"),
		connecting: z.boolean().optional(),
	})
	.openapi("RegistrationRequest");

const planSchema = z.object({
	academicYear: z
		.string()
		.refine(
			(label) => parseAcademicYear(label) !== undefined,
			"expected an academic year such as 2021-2022",
		),
	registered: z.number().int().min(1).max(999),
	passed: z.number().int().min(0).max(999),
	institution: z.string().min(1).max(100).optional(),
	programmeKind: z.enum(programmeKinds).default("bachelor"),
	contract: z.enum(contracts).default("diploma"),
});
const whatIfRequest = z
	.object({
		facts: z.array(factSchema).max(1000).default([]),
		plan: z.array(planSchema).max(10).default([]),
		at: isoDate.optional(),
	})
	.refine((body) => body.facts.length + body.plan.length > 0, {
		message: "give hypothetical facts or a plan",
		path: ["plan"],
	})
	.refine((body) => body.plan.every((year) => year.passed <= year.registered), {
		message: "passed cannot exceed registered",
		path: ["plan"],
	})
	.openapi("WhatIfRequest");

export function leerkredietRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies): void {
	const context = (at: string): LeerkredietContext => ({
		parameters: deps.law.parameters,
		policies: deps.law.policies,
		at,
	});
	app.openapi(
		createRoute({
			method: "get",
			path: "/api/learners/{id}/leerkrediet",
			tags: ["leerkrediet"],
			summary: "Balance with the yearly statement",
			security: [{ bearer: [] }],
			request: { params, query: z.object({ at: isoDate.optional() }) },
			responses: { 200: json(statementResponse, "The statement"), ...problems },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const { at } = c.req.valid("query");
			const principal = c.get("principal");
			// The hot path: one row answers both who may see it and what it says.
			const projection =
				at === undefined ? await readableProjection(principal, deps, id) : undefined;
			if (projection) {
				// The stored JSON as it is: the same answer as below, without parsing and serialising it again.
				const body = `{"learnerId":${JSON.stringify(id)},"at":${JSON.stringify(projection.computedAt)},"state":${projection.stateJson},"years":${projection.yearsJson}}`;
				return c.body(body, 200, { "content-type": "application/json" });
			}
			await readableLearner(principal, deps.store, id);
			const account = computeLeerkrediet(await deps.store.facts(id), context(at ?? deps.today()));
			return c.json(
				{
					learnerId: id,
					at: account.at,
					state: { ...account.state },
					years: account.years.map((y) => ({ ...y })),
				},
				200,
			);
		},
	);
	app.openapi(
		createRoute({
			method: "get",
			path: "/api/learners/{id}/leerkrediet/ledger",
			tags: ["leerkrediet"],
			summary: "The explained ledger: every line with its rule, sources, law values and sentence",
			security: [{ bearer: [] }],
			request: { params, query: z.object({ at: isoDate.optional() }) },
			responses: {
				200: json(
					z.object({
						learnerId: z.string(),
						at: z.string(),
						ledger: z.array(looseObject),
						studyProgress: z.array(looseObject),
					}),
					"The ledger",
				),
				...problems,
			},
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			await readableLearner(c.get("principal"), deps.store, id);
			const account = computeLeerkrediet(
				await deps.store.facts(id),
				context(c.req.valid("query").at ?? deps.today()),
			);
			return c.json(
				{
					learnerId: id,
					at: account.at,
					ledger: account.ledger.map((line) => ({ ...line })),
					studyProgress: account.studyProgress.map((p) => ({ ...p })),
				},
				200,
			);
		},
	);
	app.openapi(
		createRoute({
			method: "post",
			path: "/api/learners/{id}/leerkrediet/decisions",
			tags: ["leerkrediet"],
			summary:
				"Decide a proposed registration (category, uncovered credits, law, policy, surcharge, tuition); nothing is written",
			security: [{ bearer: [] }],
			request: {
				params,
				body: { required: true, content: { "application/json": { schema: decisionRequest } } },
			},
			responses: { 200: json(looseObject, "The decision"), ...problems },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			await readableLearner(c.get("principal"), deps.store, id);
			const request = c.req.valid("json");
			const decision = decideRegistration(
				await deps.store.facts(id),
				request,
				context(request.date),
			);
			return c.json({ ...decision }, 200);
		},
	);
	app.openapi(
		createRoute({
			method: "post",
			path: "/api/learners/{id}/leerkrediet/what-if",
			tags: ["leerkrediet"],
			summary: "The same answers after hypothetical facts or a planned year; nothing is written",
			security: [{ bearer: [] }],
			request: {
				params,
				body: { required: true, content: { "application/json": { schema: whatIfRequest } } },
			},
			responses: { 200: json(looseObject, "Before and after"), ...problems },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			await readableLearner(c.get("principal"), deps.store, id);
			const body = c.req.valid("json");
			const facts = await deps.store.facts(id);
			const latest = latestInstitution(facts);
			const planned: Fact[] = body.plan.flatMap((year, i) => {
				const institution = year.institution ?? latest;
				if (institution === undefined) {
					const message = "name the institution: the learner has no enrolment to take it from";
					throw new ApiError("invalid-request", message, [
						{ path: `plan.${i}.institution`, message },
					]);
				}
				const academicYear = parseAcademicYear(year.academicYear) as number;
				return planYear({ ...year, academicYear, institution }, deps.law.parameters);
			});
			const answer = whatIf(facts, [...body.facts, ...planned], context(body.at ?? deps.today()));
			const brief = (account: typeof answer.before) => ({
				state: { ...account.state },
				years: account.years.map((y) => ({ ...y })),
			});
			return c.json(
				{
					at: answer.at,
					before: brief(answer.before),
					after: brief(answer.after),
					balanceChange: answer.balanceChange,
					years: answer.years.map((y) => ({ ...y })),
				},
				200,
			);
		},
	);
}
