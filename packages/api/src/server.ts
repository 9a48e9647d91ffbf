import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import type { IsoDate } from "@rugzak/rules";
import { defaultDataDir, type EventStore, loadLaw, openStore } from "@rugzak/store";
import { createApp } from "./app.ts";
import { createAuthenticator } from "./auth.ts";
import {
	type DemoLearner,
	demoUsers,
	exampleLearners,
	syntheticLearners,
} from "./demo/demo-data.ts";
import { jsonLogger, type Logger } from "./logger.ts";
import { SimulationService } from "./simulations/simulation-jobs.ts";
import { learnerStoreOver } from "./store-adapter.ts";

export interface ServerOptions {
	readonly port: number;
	readonly host?: string | undefined;
	/** A PostgreSQL server; otherwise embedded PGlite in `dataDir`. */
	readonly databaseUrl?: string | undefined;
	readonly dataDir?: string | undefined;
	/** Demo mode: demo users on the login screen, and demo data on first run. */
	readonly demo: boolean;
	/** Synthetic learners to seed in demo mode, besides the worked examples. */
	readonly demoLearners?: number | undefined;
	readonly reform?: string | undefined;
	readonly webRoot?: string | undefined;
	readonly logger?: Logger | undefined;
	readonly today?: (() => IsoDate) | undefined;
	/** Where the JWKS of an OpenID Connect provider is; the environment's RUGZAK_JWKS_URL by default. */
	readonly jwksUrl?: string | undefined;
	/** How long a request's idempotency key is remembered, in seconds; a day by default. */
	readonly idempotencyKeyRetentionSeconds?: number | undefined;
	/** Where the demo population of simulations is kept once made; `populations` in the data folder by default. */
	readonly populationsDir?: string | undefined;
}

/** How often the server deletes idempotency keys past their retention. */
const keyExpiryIntervalMs = 60 * 60 * 1000;

export interface RunningServer {
	readonly url: string;
	readonly store: EventStore;
	close(): Promise<void>;
}

const defaultWebRoot = fileURLToPath(new URL("../../web/dist/", import.meta.url));

function localToday(): IsoDate {
	const now = new Date();
	return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

async function* asNdjson(learners: readonly DemoLearner[]): AsyncGenerator<string> {
	for (const learner of learners) {
		yield `${learner.facts.map((fact) => JSON.stringify({ learnerId: learner.id, ...fact })).join("\n")}\n`;
	}
}

/** Seeds the demo learners into an empty store, through the bulk import: the worked examples and synthetic learners. */
export async function seedDemo(
	store: EventStore,
	learners: readonly DemoLearner[],
	today: IsoDate,
	logger: Logger,
): Promise<void> {
	if ((await store.listLearners({ limit: 1 })).length > 0) return;
	const report = await store.importFacts(asNdjson(learners), { format: "ndjson", today });
	if (report.issues.length > 0 || report.rowsRejected > 0) {
		throw new Error(
			`the demo data did not import: ${report.issues[0]?.message ?? "rows rejected"}`,
		);
	}
	for (const learner of learners) await store.registerLearner(learner.id, { name: learner.name });
	logger.info("demo-seeded", { learners: learners.length, facts: report.factsWritten });
}

/** Starts the API and the portal on one port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const logger = options.logger ?? jsonLogger();
	const today = options.today ?? localToday;
	const law = loadLaw({ reform: options.reform });
	const institutions = [...law.policies.keys()].sort();
	const store = await openStore({
		databaseUrl: options.databaseUrl,
		dataDir: options.dataDir,
		law,
		// Only the server named here: rugzak serve passes DATABASE_URL when it means it.
		env: {},
		idempotencyKeyRetentionSeconds: options.idempotencyKeyRetentionSeconds,
	});
	const expireKeys = async () => {
		try {
			const keys = await store.expireIdempotencyKeys();
			if (keys > 0) logger.info("idempotency-keys-expired", { keys });
		} catch (error) {
			logger.error("idempotency-keys-not-expired", { message: (error as Error).message });
		}
	};
	await expireKeys();
	const keyExpiry = setInterval(expireKeys, keyExpiryIntervalMs);
	keyExpiry.unref();
	const learners = options.demo
		? [...exampleLearners(), ...syntheticLearners(options.demoLearners ?? 300, institutions)]
		: [];
	if (options.demo) await seedDemo(store, learners, today(), logger);
	const auth = await createAuthenticator({
		issuer: "rugzak",
		audience: "rugzak-api",
		jwksUrl: options.jwksUrl ?? process.env["RUGZAK_JWKS_URL"],
		demo: options.demo,
	});
	const dataDir = options.dataDir ?? defaultDataDir;
	const simulations = new SimulationService({
		// Simulations compare with the law as shipped, whatever reform the service answers with.
		parameters: options.reform === undefined ? law.parameters : loadLaw().parameters,
		today,
		logger,
		demo: {
			folder:
				options.populationsDir ??
				join(dataDir.startsWith("memory://") ? tmpdir() : dataDir, "populations"),
		},
	});
	const app = createApp({
		law,
		store: learnerStoreOver(store, today),
		auth,
		logger,
		today,
		simulations,
		demoUsers: options.demo ? demoUsers(learners, institutions) : undefined,
		webRoot: options.webRoot ?? defaultWebRoot,
		benchRoutes: process.env["RUGZAK_BENCH_ROUTES"] === "1",
	});
	const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
		const running = serve(
			{ fetch: app.fetch, port: options.port, hostname: options.host ?? "127.0.0.1" },
			() => resolve(running),
		);
	});
	const address = server.address() as AddressInfo;
	const url = `http://${options.host ?? "localhost"}:${address.port}`;
	logger.info("listening", {
		url,
		database: options.databaseUrl ? "postgresql" : "pglite",
		demo: options.demo,
	});
	return {
		url,
		store,
		async close() {
			clearInterval(keyExpiry);
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await simulations.close();
			await store.close();
		},
	};
}
