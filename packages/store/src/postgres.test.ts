import { describe, it } from "vitest";
import { describeEventStore } from "./event-store.contract.ts";
import { openTestPostgres } from "./testing/test-stores.ts";

const url = process.env["DATABASE_URL"];

if (url === undefined || url === "") {
	describe("event store on PostgreSQL", () => {
		it.skip("runs only with DATABASE_URL set, e.g. postgres://postgres@127.0.0.1:5432/test", () => {});
	});
} else {
	// Each test gets a schema of its own, so test files and runs on one server never meet.
	describeEventStore("PostgreSQL", (options) => openTestPostgres(url, options));
}
