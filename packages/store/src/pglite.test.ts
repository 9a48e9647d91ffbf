import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StoreUnavailable } from "./errors.ts";
import { describeEventStore } from "./event-store.contract.ts";
import { createEventStore } from "./event-store.ts";
import { enrolment } from "./facts.fixture.ts";
import { migrate } from "./migrate.ts";
import { openStore } from "./open-store.ts";
import { openPglite } from "./pglite.ts";
import { migratedPgliteDump, openTestPglite, testLaw } from "./testing/test-stores.ts";

describeEventStore("PGlite", openTestPglite);

describe("PGlite in a data folder", () => {
	it("keeps the log and projections when the store is closed and opened again", async () => {
		const dataDir = mkdtempSync(join(tmpdir(), "rugzak-data-"));
		try {
			const options = { dataDir, law: testLaw(), env: {} };
			const first = await openStore({ ...options, loadDataDir: migratedPgliteDump() });
			const facts = [enrolment];
			await first.append("l1", facts, { today: "2020-10-01" });
			await first.close();
			const second = await openStore(options);
			expect((await second.readLog("l1")).facts.map((stored) => stored.fact)).toEqual(facts);
			expect((await second.readLeerkrediet("l1"))?.balance).toBe(140);
			await second.close();
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it("rebuilds no projection for a learner known without facts (registered in a directory)", async () => {
		const sql = await openPglite({ loadDataDir: migratedPgliteDump() });
		const store = createEventStore(sql, testLaw());
		await store.append("l1", [enrolment], { today: "2020-10-01" });
		await sql.query("INSERT INTO learner_streams (learner_id, version) VALUES ('l0', 0)");
		expect(await store.rebuildProjections()).toEqual({ learners: 1 });
		expect(await store.readLeerkrediet("l0")).toBeUndefined();
		await store.close();
	});

	it("refuses a data folder in use, and takes over a lock left by a process that is gone", async () => {
		const dataDir = mkdtempSync(join(tmpdir(), "rugzak-data-"));
		try {
			const options = { dataDir, law: testLaw(), env: {} };
			const first = await openStore({ ...options, loadDataDir: migratedPgliteDump() });
			const refused = await openStore(options).catch((error) => error);
			expect(refused).toBeInstanceOf(StoreUnavailable);
			expect(refused.message).toContain(`is in use by process ${process.pid}`);
			await first.close();
			// A process that has ended, as one killed half-way through an import has.
			const gone = spawnSync(process.execPath, ["-e", ""]).pid;
			writeFileSync(`${dataDir}.lock`, String(gone));
			const second = await openStore(options);
			expect(await second.readLog("l1")).toEqual({ learnerId: "l1", version: 0, facts: [] });
			await second.close();
			expect(existsSync(`${dataDir}.lock`)).toBe(false);
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it("applies each migration once", async () => {
		const sql = await openPglite({ loadDataDir: migratedPgliteDump() });
		expect(await migrate(sql)).toEqual([]);
		const tables = await sql.query<{ name: string }>(
			"SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
		);
		expect(tables.rows.map((row) => row.name)).toEqual([
			"facts",
			"idempotency_keys",
			"learner_profiles",
			"learner_streams",
			"leerkrediet_projections",
			"schema_migrations",
		]);
		await sql.close();
	});
});
