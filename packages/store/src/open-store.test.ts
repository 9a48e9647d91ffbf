import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { maxIdempotencyKeyRetentionSeconds } from "./event-store.ts";
import { openStore } from "./open-store.ts";
import { testLaw } from "./testing/test-stores.ts";

describe("opening a store", () => {
	// A year is the most: beyond it, PostgreSQL's interval overflows when keys are expired.
	it.each([-1, maxIdempotencyKeyRetentionSeconds + 1, 1e20, Number.NaN, Number.POSITIVE_INFINITY])(
		"refuses an idempotency key retention of %s seconds before it opens anything",
		async (seconds) => {
			const parent = mkdtempSync(join(tmpdir(), "rugzak-data-"));
			const dataDir = join(parent, "data");
			try {
				const options = { idempotencyKeyRetentionSeconds: seconds, law: testLaw() };
				const onPglite = await openStore({ ...options, dataDir, env: {} }).catch((e) => e);
				expect(onPglite).toBeInstanceOf(RangeError);
				expect(onPglite.message).toMatch(/^idempotencyKeyRetentionSeconds must be 0 to 31622400 /);
				// Neither the data folder nor its lock was made.
				expect(existsSync(dataDir)).toBe(false);
				expect(existsSync(`${dataDir}.lock`)).toBe(false);
				// On a server the retention is refused before connecting: nothing listens on port 1.
				const onServer = await openStore({
					...options,
					databaseUrl: "postgres://nobody@127.0.0.1:1/none",
				}).catch((e) => e);
				expect(onServer).toBeInstanceOf(RangeError);
			} finally {
				rmSync(parent, { recursive: true, force: true });
			}
		},
	);
});
