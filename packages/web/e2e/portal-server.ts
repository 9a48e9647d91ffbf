import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const webRoot = join(import.meta.dirname, "..");
const repositoryRoot = join(webRoot, "..", "..");

/** A portal already running elsewhere (a staging deployment) to walk instead of starting one. */
const externalUrl = process.env["RUGZAK_E2E_URL"];

/** Whether there is a real server to walk: the API package in this checkout, or `RUGZAK_E2E_URL`. */
export const apiPresent =
	externalUrl !== undefined || existsSync(join(repositoryRoot, "packages", "api", "package.json"));

/** Appended to the journeys' titles, so a skipped run says why. */
export const skipReason = apiPresent
	? ""
	: " [skipped: packages/api is not in this checkout and RUGZAK_E2E_URL is not set]";

export interface RunningPortal {
	readonly url: string;
	readonly close: () => Promise<void>;
}

/** Builds the portal into a fresh folder, so that the journeys test the code as it is now. */
export function buildPortal(): string {
	const outDir = mkdtempSync(join(tmpdir(), "rugzak-web-"));
	const vite = join(repositoryRoot, "node_modules", "vite", "bin", "vite.js");
	execFileSync(
		process.execPath,
		[vite, "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"],
		{
			cwd: webRoot,
			stdio: "inherit",
		},
	);
	return outDir;
}

/** The part of packages/api's `startServer` the journeys use. */
type StartServer = (options: {
	readonly port: number;
	readonly demo: boolean;
	readonly dataDir: string;
	readonly webRoot: string;
	readonly logger: { info(): void; error(...args: unknown[]): void };
}) => Promise<{ readonly url: string; close(): Promise<void> }>;

/**
 * packages/api's start function: from its public entry once that exports it, until then from
 * `src/server.ts` (what `rugzak serve` will call). Loaded at run time, so that this file
 * type-checks inside the web package, which takes only types from other packages.
 */
async function loadStartServer(): Promise<StartServer> {
	const entry = (await import("@rugzak/api" as string)) as { startServer?: StartServer };
	if (entry.startServer) return entry.startServer;
	const server = join(repositoryRoot, "packages", "api", "src", "server.ts");
	return ((await import(server)) as { startServer: StartServer }).startServer;
}

// Only errors reach the test output: the request log would drown the journeys.
const quiet = { info() {}, error: (...args: unknown[]) => console.error(...args) };

/**
 * Starts the real API (packages/api) on a free port with a fresh embedded database seeded with the
 * demo data, serving the portal built from this checkout.
 */
export async function startPortal(): Promise<RunningPortal> {
	if (externalUrl !== undefined) return { url: externalUrl, close: async () => {} };
	const webRoot = buildPortal();
	const dataDir = mkdtempSync(join(tmpdir(), "rugzak-e2e-db-"));
	const startServer = await loadStartServer();
	const server = await startServer({ port: 0, demo: true, dataDir, webRoot, logger: quiet });
	return {
		url: server.url,
		close: async () => {
			await server.close();
			rmSync(webRoot, { recursive: true, force: true });
			rmSync(dataDir, { recursive: true, force: true });
		},
	};
}
