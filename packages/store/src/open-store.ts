import { mkdirSync } from "node:fs";
import { checkIdempotencyKeyRetention, createEventStore, type EventStore } from "./event-store.ts";
import { type Law, loadLaw } from "./law/load-law.ts";
import { migrate } from "./migrate.ts";
import type { Sql } from "./sql.ts";

/** The default PGlite data folder, relative to the working directory. */
export const defaultDataDir = ".rugzak/data";

export interface StoreOptions {
	/** A PostgreSQL server to use; by default the environment's DATABASE_URL. */
	readonly databaseUrl?: string | undefined;
	/** PGlite's data folder when no server is named (default `.rugzak/data`); `memory://` keeps nothing. */
	readonly dataDir?: string | undefined;
	/** A dumped PGlite data folder to start from: tests restore a migrated one (~0.7 s, not ~5 s). */
	readonly loadDataDir?: Blob | undefined;
	/** Connections to the server at most. */
	readonly connections?: number | undefined;
	/** The law projections are computed with; by default the law as shipped. */
	readonly law?: Law | undefined;
	/** How long idempotency keys are kept, in seconds (default a day; see EventStoreOptions). */
	readonly idempotencyKeyRetentionSeconds?: number | undefined;
	/** Where DATABASE_URL is looked up; by default `process.env`. */
	readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/**
 * Opens the event store: a PostgreSQL server when a URL is given or DATABASE_URL is set, else
 * embedded PGlite in a data folder; either way migrated to the current schema. The only place
 * that chooses a driver; each is loaded only when chosen.
 */
export async function openStore(options: StoreOptions = {}): Promise<EventStore> {
	// Checked before anything is opened: a refused option leaves no connection, folder or lock.
	if (options.idempotencyKeyRetentionSeconds !== undefined)
		checkIdempotencyKeyRetention(options.idempotencyKeyRetentionSeconds);
	const url = options.databaseUrl ?? (options.env ?? process.env)["DATABASE_URL"];
	let sql: Sql;
	if (url !== undefined && url !== "") {
		const { openPostgres } = await import("./postgres.ts");
		sql = await openPostgres({ url, connections: options.connections });
	} else {
		const dataDir = options.dataDir ?? defaultDataDir;
		if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
		const { openPglite } = await import("./pglite.ts");
		sql = await openPglite({ dataDir, loadDataDir: options.loadDataDir });
	}
	try {
		await migrate(sql);
		return createEventStore(sql, options.law ?? loadLaw(), {
			idempotencyKeyRetentionSeconds: options.idempotencyKeyRetentionSeconds,
		});
	} catch (error) {
		await sql.close();
		throw error;
	}
}
