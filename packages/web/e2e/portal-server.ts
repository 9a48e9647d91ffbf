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

/**
 * Starts the real API (packages/api) on a free port with a fresh embedded database seeded with the
 * demo data, serving the portal built from this checkout.
 */
export async function startPortal(): Promise<RunningPortal> {
	if (externalUrl !== undefined) return { url: externalUrl, close: async () => {} };
	const dist = buildPortal();
	// A variable specifier: this file must type-check in a checkout without packages/api too.
	const specifier = "@rugzak/api";
	const api = await import(specifier);
	const server = await api.startServer({ port: 0, webRoot: dist, demo: true });
	return {
		url: server.url as string,
		close: async () => {
			await server.close();
			rmSync(dist, { recursive: true, force: true });
		},
	};
}
