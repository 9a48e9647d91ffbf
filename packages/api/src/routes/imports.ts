import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Fact } from "@rugzak/rules";
import { type ImportFormat, importFormats } from "@rugzak/store";
import { bodyLimit } from "hono/body-limit";
import type { Principal } from "../auth.ts";
import { requireRole } from "../authorize.ts";
import type { ApiDependencies, AppEnv } from "../context.ts";
import { ApiError } from "../problem.ts";

/** Bodies up to this size; larger files go through `rugzak import`. */
const importBytesMax = 64 * 1024 * 1024;

const report = z
	.object({
		facts: z.number().int().openapi({ description: "Facts written" }),
		learners: z.number().int().openapi({ description: "Learners whose log grew" }),
		alreadyPresent: z
			.number()
			.int()
			.openapi({ description: "Facts the logs had already (a rerun)" }),
		rejected: z.array(
			z.object({
				line: z.number().int(),
				reason: z.string(),
				factId: z.string().nullable(),
				field: z.string(),
				rule: z.string(),
			}),
		),
		rejectedLines: z.array(z.object({ from: z.number().int(), to: z.number().int() })),
	})
	.openapi("ImportReport");

const route = createRoute({
	method: "post",
	path: "/api/imports",
	tags: ["facts"],
	summary:
		"Import facts in bulk (NDJSON or CSV, docs/import.md), idempotent by fact id; a batch with a bad row is not written, and its rows are listed",
	security: [{ bearer: [] }],
	request: { query: z.object({ format: z.enum(importFormats).optional() }) },
	responses: {
		200: {
			description: "What was written and which lines were not",
			content: { "application/json": { schema: report } },
		},
		401: { description: "Not signed in" },
		403: { description: "Not allowed for this role" },
		413: { description: "Larger than 64 MiB: use rugzak import" },
		415: { description: "Neither NDJSON nor CSV" },
	},
});

function formatOf(contentType: string | undefined, asked: ImportFormat | undefined): ImportFormat {
	if (asked) return asked;
	if (contentType?.includes("csv")) return "csv";
	if (contentType?.includes("ndjson") || contentType?.includes("jsonl")) return "ndjson";
	throw new ApiError(
		"unsupported-media-type",
		"Send NDJSON (application/x-ndjson) or CSV (text/csv), or name the format with ?format=",
		[{ path: "content-type", message: "expected application/x-ndjson or text/csv" }],
	);
}

/** Staff import only for learners enrolled at their institution, and enrol only there. */
function admitFor(principal: Exclude<Principal, { role: "anonymous" | "learner" }>) {
	if (principal.role === "agency") return undefined;
	const mine = principal.institution;
	return (learnerId: string, fresh: readonly Fact[], log: readonly Fact[]) => {
		const enrolments = [...log, ...fresh].filter((fact) => fact.type === "LearnerEnrolled");
		if (fresh.some((fact) => fact.type === "LearnerEnrolled" && fact.data.institution !== mine))
			return `staff of ${mine} enrol learners only at ${mine}`;
		if (!enrolments.some((fact) => fact.data.institution === mine))
			return `learner ${learnerId} is not enrolled at ${mine}`;
		return undefined;
	};
}

export function importRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies): void {
	app.use(
		"/api/imports",
		bodyLimit({
			maxSize: importBytesMax,
			onError: () => {
				throw new ApiError(
					"too-large",
					"The file is larger than 64 MiB: import it with rugzak import",
					[{ path: "body", message: "too large" }],
				);
			},
		}),
	);
	app.openapi(route, async (c) => {
		const who = requireRole(c.get("principal"), "staff", "agency");
		const format = formatOf(c.req.header("content-type"), c.req.valid("query").format);
		const body = c.req.raw.body;
		if (body === null)
			throw new ApiError("invalid-request", "The request has no body", [
				{ path: "body", message: "send the file as the body" },
			]);
		const answer = await deps.store.importFacts(body as unknown as AsyncIterable<Uint8Array>, {
			format,
			today: deps.today(),
			admit: admitFor(who),
		});
		return c.json(
			{
				facts: answer.factsWritten,
				learners: answer.learnersWritten,
				alreadyPresent: answer.factsAlreadyPresent,
				rejected: answer.issues.map((issue) => ({
					line: issue.line,
					reason: issue.message,
					factId: issue.factId ?? null,
					field: issue.field,
					rule: issue.rule,
				})),
				rejectedLines: [...answer.rejectedLines],
			},
			200,
		);
	});
}
