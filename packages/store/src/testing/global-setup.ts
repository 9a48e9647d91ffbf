import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "../migrate.ts";
import { openPglite } from "../pglite.ts";

declare module "vitest" {
	export interface ProvidedContext {
		/** A gzipped tarball of a migrated, empty PGlite data folder. */
		migratedPgliteDump: string;
	}
}

// Migrate once per test run: creating a PGlite database takes ~5 s (initdb in WASM), restoring
// the dump ~0.7 s, so each test starts from the dump (PGlite's own tests/basic.test.ts does this).
export default async function setup(project: TestProject): Promise<() => void> {
	const folder = mkdtempSync(join(tmpdir(), "rugzak-pglite-"));
	const sql = await openPglite();
	await migrate(sql);
	const dump = await sql.dumpDataDir();
	await sql.close();
	const path = join(folder, "migrated.tgz");
	writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
	project.provide("migratedPgliteDump", path);
	return () => rmSync(folder, { recursive: true, force: true });
}
