import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { EventStore } from "@rugzak/store";
import { openTestPglite, openTestPostgres, testLaw } from "@rugzak/store/testing";
import { afterAll } from "vitest";
import { createApp } from "./app.ts";
import { createAuthenticator } from "./auth.ts";
import type { AppEnv } from "./context.ts";
import { demoUsers, exampleLearners } from "./demo/demo-data.ts";
import type { LearnerStore } from "./learner-store.ts";
import { silentLogger } from "./logger.ts";
import { seedDemo } from "./server.ts";
import { type SimulationOptions, SimulationService } from "./simulations/simulation-jobs.ts";
import { learnerStoreOver } from "./store-adapter.ts";

// Test support: the whole app on a fresh, real store (PGlite, or the server when DATABASE_URL is
// set) seeded with the worked examples, and a token for any demo user.

export interface TestApp {
	readonly app: OpenAPIHono<AppEnv>;
	readonly store: LearnerStore;
	readonly eventStore: EventStore;
	readonly simulations: SimulationService;
	tokenFor(userId: string): Promise<string>;
}

const today = () => "2026-11-22";
const opened: { close(): Promise<void> }[] = [];
// The demo population is made once per test file, when a test first simulates it.
const populations = mkdtempSync(join(tmpdir(), "rugzak-test-populations-"));
afterAll(async () => {
	await Promise.all(opened.splice(0).map((store) => store.close()));
	rmSync(populations, { recursive: true, force: true });
});

export async function testApp(
	options: { readonly simulations?: Pick<SimulationOptions, "limits" | "now"> } = {},
): Promise<TestApp> {
	const url = process.env["DATABASE_URL"];
	const eventStore = url ? await openTestPostgres(url) : await openTestPglite();
	opened.push(eventStore);
	const learners = exampleLearners();
	await seedDemo(eventStore, learners, today(), silentLogger);
	const users = demoUsers(learners, [...testLaw().policies.keys()].sort());
	const auth = await createAuthenticator({ issuer: "rugzak", audience: "rugzak-api", demo: true });
	const store = learnerStoreOver(eventStore, today);
	const simulations = new SimulationService({
		parameters: testLaw().parameters,
		today,
		logger: silentLogger,
		demo: { folder: populations },
		...options.simulations,
	});
	opened.push(simulations);
	const app = createApp({
		law: testLaw(),
		store,
		auth,
		logger: silentLogger,
		today,
		simulations,
		demoUsers: users,
	});
	return {
		app,
		store,
		eventStore,
		simulations,
		async tokenFor(userId) {
			const user = users.find((candidate) => candidate.id === userId);
			if (!user || !auth.demo) throw new Error(`no demo user ${userId}`);
			return auth.demo.sign({
				sub: user.id,
				role: user.role,
				...(user.institution ? { institution: user.institution } : {}),
				...(user.learnerId ? { learner: user.learnerId } : {}),
			});
		},
	};
}
