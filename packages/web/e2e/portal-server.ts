import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger, startServer } from "@rugzak/api";

const webRoot = join(import.meta.dirname, "..");
const repositoryRoot = join(webRoot, "..", "..");

/** A portal already running elsewhere (a staging deployment) to walk instead of starting one. */
const externalUrl = process.env["RUGZAK_E2E_URL"];

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
		{ cwd: webRoot, stdio: "inherit" },
	);
	return outDir;
}

/**
 * Starts the real API (packages/api) on a free port with a fresh embedded database seeded with the
 * demo data, serving the portal built from this checkout. The test harness, unlike the portal,
 * runs the server, so it imports @rugzak/api itself (src/ takes only types; a test holds it).
 */
export async function startPortal(): Promise<RunningPortal> {
	if (externalUrl !== undefined) return { url: externalUrl, close: async () => {} };
	const webRoot = buildPortal();
	const dataDir = mkdtempSync(join(tmpdir(), "rugzak-e2e-db-"));
	// Only errors reach the test output: the request log would drown the journeys.
	const logger = { ...silentLogger, error: (...args: unknown[]) => console.error(...args) };
	const server = await startServer({ port: 0, demo: true, dataDir, webRoot, logger });
	return {
		url: server.url,
		close: async () => {
			await server.close();
			rmSync(webRoot, { recursive: true, force: true });
			rmSync(dataDir, { recursive: true, force: true });
		},
	};
}
