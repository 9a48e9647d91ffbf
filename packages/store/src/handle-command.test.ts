import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EventStore } from "./event-store.ts";
import { enrolment, unit } from "./facts.fixture.ts";
import { handleCommand } from "./handle-command.ts";
import { toNdjson } from "./import/import-files.fixture.ts";
import { openTestPglite } from "./testing/test-stores.ts";

describe("store commands", () => {
	let store: EventStore;
	beforeEach(async () => {
		store = await openTestPglite();
	});
	afterEach(async () => {
		await store.close();
	});

	it("records facts, imports and rebuilds through one entry", async () => {
		const today = "2021-06-30";
		const recorded = await handleCommand(store, {
			type: "RecordFacts",
			data: { learnerId: "l1", facts: [enrolment], expectedVersion: 0, idempotencyKey: "k", today },
		});
		expect(recorded).toEqual({ learnerId: "l1", version: 1, appended: 1, replayed: false });
		const imported = await handleCommand(store, {
			type: "ImportFacts",
			data: { source: [toNdjson([{ learnerId: "l1", ...unit(1) }])], format: "ndjson", today },
		});
		expect(imported).toMatchObject({ factsWritten: 1, learnersWritten: 1 });
		const rebuilt = await handleCommand(store, { type: "RebuildProjections", data: {} });
		expect(rebuilt).toEqual({ learners: 1 });
		expect(await store.readLeerkrediet("l1")).toMatchObject({ version: 2, balance: 139 });
	});
});
