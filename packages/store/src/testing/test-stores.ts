import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import type { EventStore } from "../event-store.ts";
import { type Law, loadLaw } from "../law/load-law.ts";
import { openStore, type StoreOptions } from "../open-store.ts";

/** What a test may choose of a store's options. */
export type TestStoreOptions = Pick<StoreOptions, "idempotencyKeyRetentionSeconds">;

// Test support, exported as @rugzak/store/testing: fresh, migrated stores on both drivers.

let law: Law | undefined;
/** The shipped law, read once per test file. */
export function testLaw(): Law {
	law ??= loadLaw();
	return law;
}

/** The migrated, empty PGlite data folder of this test run (see global-setup.ts). */
export function migratedPgliteDump(): Blob {
	return new Blob([readFileSync(inject("migratedPgliteDump"))]);
}

/** A fresh store on in-memory PGlite, restored from the migrated dump. */
export async function openTestPglite(options: TestStoreOptions = {}): Promise<EventStore> {
	return openStore({
		...options,
		dataDir: "memory://",
		loadDataDir: migratedPgliteDump(),
		law: testLaw(),
		env: {},
	});
}

/** A schema of its own on the server, so that test files running at once never meet. */
export interface TestSchema {
	/** `url` with `search_path` set to the schema. */
	readonly url: string;
	drop(): Promise<void>;
}

/** Creates an empty schema and returns a URL that uses it; `drop` removes it and its tables. */
export async function createTestSchema(url: string): Promise<TestSchema> {
	const schema = `rugzak_test_${randomUUID().replaceAll("-", "")}`;
	const run = async (statement: string) => {
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			await client.query(statement);
		} finally {
			await client.end();
		}
	};
	await run(`CREATE SCHEMA ${schema}`);
	const separator = url.includes("?") ? "&" : "?";
	return {
		url: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
		drop: () => run(`DROP SCHEMA ${schema} CASCADE`),
	};
}

/** A fresh store on the server in a schema of its own, dropped when the store is closed. */
export async function openTestPostgres(
	url: string,
	options: TestStoreOptions = {},
): Promise<EventStore> {
	const schema = await createTestSchema(url);
	const store = await openStore({ ...options, databaseUrl: schema.url, law: testLaw() });
	return {
		...store,
		close: async () => {
			await store.close();
			await schema.drop();
		},
	};
}
