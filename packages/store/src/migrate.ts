import { readdirSync, readFileSync } from "node:fs";
import type { Sql } from "./sql.ts";

const migrationsFolder = new URL("../migrations/", import.meta.url);

/** The store's migrations in order: `migrations/NNNN-name.sql`, the same for PGlite and a server. */
export function readMigrations(): { readonly name: string; readonly text: string }[] {
	return readdirSync(migrationsFolder)
		.filter((name) => /^\d{4}-[a-z0-9-]+\.sql$/.test(name))
		.sort()
		.map((name) => ({ name, text: readFileSync(new URL(name, migrationsFolder), "utf8") }));
}

/** Applies the migrations not yet applied, in one transaction, and returns their names. */
export async function migrate(sql: Sql): Promise<string[]> {
	return sql.transaction(async (tx) => {
		// Two processes starting at once on one server take turns; the second finds nothing to do.
		await tx.query("SELECT pg_advisory_xact_lock(hashtext('rugzak schema_migrations'))");
		await tx.exec(
			"CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
		);
		const found = await tx.query<{ name: string }>("SELECT name FROM schema_migrations");
		const done = new Set(found.rows.map((row) => row.name));
		const applied: string[] = [];
		for (const migration of readMigrations()) {
			if (done.has(migration.name)) continue;
			await tx.exec(migration.text);
			await tx.query("INSERT INTO schema_migrations (name) VALUES ($1)", [migration.name]);
			applied.push(migration.name);
		}
		return applied;
	});
}
