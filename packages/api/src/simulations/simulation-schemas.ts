import { z } from "@hono/zod-openapi";

// The OpenAPI description of a simulation's summary: the document `rugzak simulate --json`
// prints (docs/simulation.md), under the same names.

const count = z.number().int();

const distribution = z
	.object({
		lowest: count.nullable(),
		highest: count.nullable(),
		bucketWidth: count,
		buckets: z.array(z.object({ from: count, to: count, learners: count })),
	})
	.openapi("CreditDistribution");

const populationSummary = z
	.object({
		learners: count,
		learnerYears: count,
		sumOfFinalBalances: count,
		checksum: count,
		bonusCredits: count,
		learnersWithBonus: count,
		masterDeductions: count,
		masterDeductionCredits: count,
		rebuildIncrements: count,
		rebuildCredits: count,
		learnersRebuilt: count,
		finalBalances: distribution,
		years: z.array(
			z.object({
				academicYear: z.string(),
				learners: count,
				enrolled: count,
				exhausted: count.openapi({ description: "Learners with a balance of 0 or less" }),
				sumOfBalances: count,
			}),
		),
	})
	.openapi("PopulationSummary");

const differenceSummary = z
	.object({
		learnersGaining: count,
		learnersLosing: count,
		learnersUnchanged: count,
		creditsGained: count,
		creditsLost: count,
		sumOfFinalBalances: count,
		finalDifferences: distribution,
		years: z.array(
			z.object({
				academicYear: z.string(),
				learnersGaining: count,
				learnersLosing: count,
				creditsGained: count,
				creditsLost: count,
				exhausted: count,
			}),
		),
	})
	.openapi("DifferenceSummary");

// Not tied to the rules' SimulationDocument with `satisfies z.ZodType<…>`: optional() reads as
// `baseline?: … | undefined`, which exactOptionalPropertyTypes refuses, and exactOptional() would
// have the OpenAPI document list baseline and difference as required.
export const simulationDocumentSchema = populationSummary
	.extend({
		schemaVersion: z.literal(1),
		population: z.string().openapi({ description: "demo, or the uploaded file's name" }),
		horizon: z.string().openapi({ example: "2025-2026" }),
		reform: z.string().nullable(),
		baseline: populationSummary.optional().openapi({ description: "With a reform: the law" }),
		difference: differenceSummary.optional(),
	})
	.openapi("SimulationSummary");

export const problemSchema = z
	.object({
		type: z.string(),
		title: z.string(),
		status: count,
		detail: z.string(),
		instance: z.string(),
		errors: z
			.array(z.object({ path: z.string(), message: z.string(), line: count.optional() }))
			.optional(),
	})
	.openapi("Problem");
