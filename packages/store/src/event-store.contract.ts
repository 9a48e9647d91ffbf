import { computeLeerkrediet, type Fact, InputError } from "@rugzak/rules";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConcurrencyError, IdempotencyKeyReused } from "./errors.ts";
import { type EventStore, maxIdempotencyKeyRetentionSeconds } from "./event-store.ts";
import { enrolment, exampleFacts, exampleRows, unit } from "./facts.fixture.ts";
import { chunked, toCsv, toNdjson } from "./import/import-files.fixture.ts";
import { type TestStoreOptions, testLaw } from "./testing/test-stores.ts";

const today = "2026-11-22";
const examples = ["mary.json", "thomas.json", "w3-vives.json", "w5-luca.json", "w6-master.json"];

/** What the rules compute for the same facts, to compare the stored projection with. */
function expectedAccount(facts: readonly Fact[], at = today) {
	const law = testLaw();
	const { parameters, policies, policyOverride } = law;
	return computeLeerkrediet(facts, { parameters, policies, policyOverride, at });
}

/**
 * The behaviour every driver of the event store must have (PGlite, a PostgreSQL server):
 * run by pglite.test.ts always and by postgres.test.ts when DATABASE_URL is set.
 */
export function describeEventStore(
	name: string,
	open: (options?: TestStoreOptions) => Promise<EventStore>,
): void {
	describe(`event store on ${name}`, () => {
		let store: EventStore;
		beforeEach(async () => {
			store = await open();
		});
		afterEach(async () => {
			await store.close();
		});

		describe("appending", () => {
			it("keeps the facts in order and the projection equal to what the rules compute", async () => {
				const facts = exampleFacts("thomas.json");
				const first = await store.append("thomas", facts.slice(0, 100), { today });
				const second = await store.append("thomas", facts.slice(100), {
					today,
					expectedVersion: 100,
				});
				expect(first).toEqual({
					learnerId: "thomas",
					version: 100,
					appended: 100,
					replayed: false,
				});
				expect(second).toEqual({
					learnerId: "thomas",
					version: 147,
					appended: 47,
					replayed: false,
				});
				const log = await store.readLog("thomas");
				expect(log.version).toBe(147);
				expect(log.facts.map((stored) => stored.position)).toEqual(facts.map((_, i) => i + 1));
				expect(log.facts.map((stored) => stored.fact)).toEqual(facts);
				const projection = await store.readLeerkrediet("thomas");
				// Thomas's track in the KdG example (source document 001, W2): 152, 155, 140, 140.
				expect(projection?.years.map((year) => year.end)).toEqual([152, 155, 140, 140]);
				expect(projection).toMatchObject({ version: 147, asOf: today, balance: 140 });
				expect(projection?.state).toEqual(JSON.parse(JSON.stringify(expectedAccount(facts).state)));
				// No new academic year until 1 September 2027; his last fact is from 2020.
				expect(projection?.staleFrom).toBe("2027-09-01");
			});

			it("reads a log a page at a time, with the version to expect", async () => {
				const facts = exampleFacts("thomas.json");
				await store.append("thomas", facts, { today });
				const page = await store.readLog("thomas", { after: 100, limit: 20 });
				expect(page.version).toBe(147);
				expect(page.facts.map((stored) => stored.position)).toEqual(
					Array.from({ length: 20 }, (_, i) => 101 + i),
				);
				expect((await store.readLog("thomas", { after: 147 })).facts).toEqual([]);
				expect(await store.readLog("nobody")).toEqual({
					learnerId: "nobody",
					version: 0,
					facts: [],
				});
			});

			it("answers the leerkrediet on a later day from the stored row while it holds, else computes it", async () => {
				const facts = [enrolment, unit(1)];
				await store.append("l1", facts, { today: "2021-06-30" });
				const stored = await store.readLeerkrediet("l1");
				expect(stored).toMatchObject({
					asOf: "2021-06-30",
					staleFrom: "2021-09-01",
					institutions: ["kdg"],
				});
				expect(await store.readLeerkrediet("l1", "2021-08-31")).toEqual({
					...stored,
					asOf: "2021-08-31",
				});
				const later = await store.readLeerkrediet("l1", today);
				const expected = expectedAccount(facts, today);
				expect(later).toMatchObject({ asOf: today, version: 2, balance: expected.state.balance });
				expect(later?.years).toEqual(expected.years);
				// Reading computes; it does not store.
				expect(await store.readLeerkrediet("l1")).toEqual(stored);
			});

			it("answers the same leerkrediet as JSON text, stored or computed, as it does as objects", async () => {
				const facts = [enrolment, unit(1)];
				await store.append("l1", facts, { today: "2021-06-30" });
				for (const at of ["2021-08-31", today]) {
					const asObjects = await store.readLeerkrediet("l1", at);
					const asJson = await store.readLeerkredietJson("l1", at);
					expect(asJson).toBeDefined();
					const { stateJson, yearsJson, ...rest } = asJson ?? { stateJson: "", yearsJson: "" };
					expect({ ...rest, state: JSON.parse(stateJson), years: JSON.parse(yearsJson) }).toEqual(
						asObjects,
					);
				}
				expect(await store.readLeerkredietJson("nobody", today)).toBeUndefined();
			});

			it("refuses a fact that breaks the schema, naming fact, field and rule, and writes nothing", async () => {
				const bad = { ...unit(1), data: { ...unit(1).data, courseUnit: { credits: 0 } } };
				const error = await store.append("l1", [enrolment, bad], { today }).catch((e) => e);
				expect(error).toBeInstanceOf(InputError);
				expect(error.issues).toEqual([
					expect.objectContaining({ factId: "u1", field: "data.courseUnit.credits", rule: "R3" }),
				]);
				expect(await store.readLog("l1")).toEqual({ learnerId: "l1", version: 0, facts: [] });
				expect(await store.readLeerkrediet("l1")).toBeUndefined();
			});

			it("refuses facts that make the history impossible and leaves the log and projection as they were", async () => {
				await store.append("l1", [enrolment, unit(1)], { today: "2021-06-30" });
				const before = await store.readLeerkrediet("l1");
				const orphan: Fact = {
					id: "x9",
					type: "ResultRecorded",
					date: "2021-06-30",
					data: { registrationId: "u9", outcome: "passed" },
				};
				const error = await store.append("l1", [orphan], { today: "2021-06-30" }).catch((e) => e);
				expect(error).toBeInstanceOf(InputError);
				expect(error.issues).toEqual([
					expect.objectContaining({
						factId: "x9",
						field: "data.registrationId",
						code: "unknown-reference",
					}),
				]);
				expect((await store.readLog("l1")).version).toBe(2);
				expect(await store.readLeerkrediet("l1")).toEqual(before);
			});

			it("refuses a learner id that is not one of rugzak's", async () => {
				const error = await store.append("a b", [enrolment], { today }).catch((e) => e);
				expect(error).toBeInstanceOf(InputError);
				expect(error.issues[0]).toMatchObject({ field: "learnerId", code: "invalid-value" });
			});
		});

		describe("idempotency and versions", () => {
			it("answers a retry with the same key and request as the first time, with no second effect", async () => {
				const request = { today, idempotencyKey: "k-1", expectedVersion: 0 };
				const first = await store.append("l1", [enrolment, unit(1)], request);
				// The retry comes a day later: the day is not part of the request.
				const retry = await store.append("l1", [enrolment, unit(1)], {
					...request,
					today: "2026-11-23",
				});
				expect(retry).toEqual({ ...first, replayed: true });
				expect((await store.readLog("l1")).facts).toHaveLength(2);
				expect((await store.readLeerkrediet("l1"))?.asOf).toBe(today);
			});

			it("refuses the same key for another request and writes nothing", async () => {
				await store.append("l1", [enrolment], { today, idempotencyKey: "k-1" });
				const error = await store
					.append("l1", [unit(1)], { today, idempotencyKey: "k-1" })
					.catch((e) => e);
				expect(error).toBeInstanceOf(IdempotencyKeyReused);
				expect((await store.readLog("l1")).version).toBe(1);
			});

			it("keeps a key only for its retention: then it replays nothing, may be used again, and is expired", async () => {
				// A retention of zero: every key of an earlier request is past it.
				const forgetful = await open({ idempotencyKeyRetentionSeconds: 0 });
				try {
					await forgetful.append("l1", [enrolment], { today, idempotencyKey: "k-1" });
					const reused = await forgetful.append("l1", [unit(1)], { today, idempotencyKey: "k-1" });
					expect(reused).toEqual({ learnerId: "l1", version: 2, appended: 1, replayed: false });
					// The first request's fact sent again under a new key, k-2: nothing replays it, and
					// its fact id, already in the log, is refused.
					const retry = await forgetful
						.append("l1", [enrolment], { today, idempotencyKey: "k-2" })
						.catch((e) => e);
					expect(retry).toBeInstanceOf(InputError);
					expect(await forgetful.expireIdempotencyKeys()).toBe(1);
					expect(await forgetful.expireIdempotencyKeys()).toBe(0);
					expect((await forgetful.readLog("l1")).version).toBe(2);
				} finally {
					await forgetful.close();
				}
				// Under the default retention of a day, a key just used is kept.
				await store.append("l1", [enrolment], { today, idempotencyKey: "k-1" });
				expect(await store.expireIdempotencyKeys()).toBe(0);
			});

			it("expires keys under the longest retention, a year, without overflowing an interval", async () => {
				const yearLong = await open({
					idempotencyKeyRetentionSeconds: maxIdempotencyKeyRetentionSeconds,
				});
				try {
					await yearLong.append("l1", [enrolment], { today, idempotencyKey: "k-1" });
					expect(await yearLong.expireIdempotencyKeys()).toBe(0);
				} finally {
					await yearLong.close();
				}
			});

			it("refuses a stale expected version with the version found, and writes nothing", async () => {
				await store.append("l1", [enrolment], { today });
				const error = await store
					.append("l1", [unit(1)], { today, expectedVersion: 0 })
					.catch((e) => e);
				expect(error).toBeInstanceOf(ConcurrencyError);
				expect(error).toMatchObject({ expected: 0, actual: 1, code: "version-conflict" });
				expect((await store.readLog("l1")).version).toBe(1);
			});

			it("lets exactly one of several writers with the same expected version win", async () => {
				await store.append("l1", [enrolment], { today });
				const attempts = await Promise.allSettled(
					[1, 3, 5, 7, 9].map((n) => store.append("l1", [unit(n)], { today, expectedVersion: 1 })),
				);
				const won = attempts.filter((attempt) => attempt.status === "fulfilled");
				const lost = attempts.flatMap((attempt) =>
					attempt.status === "rejected" ? [attempt.reason] : [],
				);
				expect(won).toHaveLength(1);
				expect(lost).toHaveLength(4);
				for (const error of lost) expect(error).toMatchObject({ expected: 1, actual: 2 });
				expect((await store.readLog("l1")).version).toBe(2);
			});

			it("takes 200 concurrent appends to one learner as 200 facts in order, with the right balance", async () => {
				await store.append("l1", [enrolment], { today: "2021-06-30" });
				const units = Array.from({ length: 200 }, (_, i) => unit(i + 1));
				const answers = await Promise.all(
					units.map((fact) => store.append("l1", [fact], { today: "2021-06-30" })),
				);
				const log = await store.readLog("l1");
				expect(log.version).toBe(201);
				expect(log.facts.map((stored) => stored.position)).toEqual([
					1,
					...units.map((_, i) => i + 2),
				]);
				// Each append got its own position, and the fact there is the one it wrote.
				const positions = answers.map((answer) => answer.version);
				expect(new Set(positions).size).toBe(200);
				answers.forEach((answer, i) => {
					expect(log.facts[answer.version - 1]?.fact.id).toBe(units[i]?.id);
				});
				// 140 at enrolment, less 1 for each of the 100 registered units; exemptions use none.
				const projection = await store.readLeerkrediet("l1");
				expect(projection).toMatchObject({ version: 201, balance: 40 });
			});
		});

		describe("rebuilding projections", () => {
			it("recomputes every projection from the log with identical results", async () => {
				for (const row of examples) {
					const learnerId = row.replace(/\.json$/, "");
					await store.append(learnerId, exampleFacts(row), { today });
				}
				const before = await Promise.all(
					examples.map((row) => store.readLeerkrediet(row.replace(/\.json$/, ""))),
				);
				expect(await store.rebuildProjections({ batchSize: 2 })).toEqual({ learners: 5 });
				const after = await Promise.all(
					examples.map((row) => store.readLeerkrediet(row.replace(/\.json$/, ""))),
				);
				expect(after).toEqual(before);
				expect(before.map((projection) => projection?.balance)).toEqual(
					examples.map((row) => expectedAccount(exampleFacts(row)).state.balance),
				);
			});

			it("moves every projection to a later day when asked", async () => {
				await store.append("l1", [enrolment, unit(1)], { today: "2021-06-30" });
				await store.rebuildProjections({ at: today });
				const projection = await store.readLeerkrediet("l1");
				const expected = expectedAccount([enrolment, unit(1)], today);
				expect(projection).toMatchObject({ asOf: today, balance: expected.state.balance });
				expect(projection?.years).toEqual(expected.years);
			});
		});

		// In this thread, and in a worker thread, which checks each batch ahead as if its learners
		// had no facts yet and checks again those whose log it then finds is not empty.
		describe.each([
			["in this thread", false],
			["in a worker thread", true],
		])("importing %s", (_, workerThread) => {
			const rows = exampleRows(examples);

			it.each([
				["NDJSON", "ndjson", toNdjson(rows)],
				["CSV", "csv", toCsv(rows)],
			] as const)(
				"imports %s with the same facts and projections as appends",
				async (_, format, text) => {
					const report = await store.importFacts(chunked(text, 1000), {
						workerThread,
						format,
						today,
						batchSize: 50,
					});
					expect(report).toMatchObject({
						factsWritten: rows.length,
						factsAlreadyPresent: 0,
						rowsRejected: 0,
						learnersWritten: 5,
						issues: [],
					});
					expect(report.batchesWritten).toBeGreaterThan(2);
					for (const file of examples) {
						const learnerId = file.replace(/\.json$/, "");
						const facts = exampleFacts(file);
						const log = await store.readLog(learnerId);
						expect(log.facts.map((stored) => stored.fact)).toEqual(facts);
						const projection = await store.readLeerkrediet(learnerId);
						expect(projection?.years).toEqual(expectedAccount(facts).years);
					}
				},
			);

			it("completes an import that stopped half-way, with no fact twice", async () => {
				const text = toNdjson(rows);
				const half = toNdjson(rows.slice(0, 200));
				await store.importFacts(chunked(half), {
					workerThread,
					format: "ndjson",
					today,
					batchSize: 50,
				});
				const report = await store.importFacts(chunked(text), {
					workerThread,
					format: "ndjson",
					today,
					batchSize: 50,
				});
				expect(report).toMatchObject({ factsWritten: rows.length - 200, factsAlreadyPresent: 200 });
				const again = await store.importFacts(chunked(text), {
					workerThread,
					format: "ndjson",
					today,
				});
				expect(again).toMatchObject({ factsWritten: 0, factsAlreadyPresent: rows.length });
				for (const file of examples) {
					const log = await store.readLog(file.replace(/\.json$/, ""));
					expect(log.facts.map((stored) => stored.fact)).toEqual(exampleFacts(file));
				}
			});

			it("reports bad rows by line and reason, and writes nothing of their batches", async () => {
				const lines = rows.slice(0, 64).map((row) => JSON.stringify(row));
				// Line 3: credits as text; line 70: a result for a registration nobody made.
				lines[2] = (lines[2] as string).replace('"credits":6', '"credits":"six"');
				const orphan = {
					learnerId: "l9",
					id: "x1",
					type: "ResultRecorded",
					date: "2017-06-30",
					data: { registrationId: "r404", outcome: "passed" },
				};
				const text = `${[...lines, "", "not json", JSON.stringify(enrolment).replace("{", '{"learnerId":"l9",'), "", "", JSON.stringify(orphan)].join("\n")}\n`;
				const report = await store.importFacts(chunked(text), {
					workerThread,
					format: "ndjson",
					today,
					batchSize: 30,
				});
				expect(report.issues).toEqual([
					expect.objectContaining({
						line: 3,
						factId: "r3",
						field: "data.courseUnit.credits",
						rule: "R3",
					}),
					expect.objectContaining({ line: 66, field: "(line)", code: "malformed" }),
					expect.objectContaining({ line: 70, factId: "x1", code: "unknown-reference" }),
				]);
				// Mary's 64 rows fill batches of 30 but stay together: one batch, rejected for line 3.
				expect(report.rejectedLines).toEqual([
					{ from: 1, to: 64 },
					{ from: 66, to: 70 },
				]);
				expect(report).toMatchObject({ factsWritten: 0, rowsRejected: 67 });
				expect((await store.readLog("mary")).version).toBe(0);
				expect((await store.readLog("l9")).version).toBe(0);
			});

			it("refuses a CSV whose header names an unknown column, writes nothing, and ends the source", async () => {
				// A misspelt column would leave every row's credits out; the header is refused first.
				const text = toCsv(rows).replace(",credits,", ",creditz,");
				// A source that never ends, like a stream still arriving: only the import can end it.
				let sourceEnded = false;
				async function* source() {
					try {
						for (;;) yield* chunked(text);
					} finally {
						sourceEnded = true;
					}
				}
				const error = await store
					.importFacts(source(), { workerThread, format: "csv", today, batchSize: 50 })
					.catch((e) => e);
				expect(error).toBeInstanceOf(InputError);
				expect(error.issues).toEqual([
					expect.objectContaining({ field: "(header)", code: "malformed" }),
				]);
				expect(error.issues[0].message).toContain("unknown column creditz");
				// The source is ended, as a file stream would be closed.
				await vi.waitFor(() => expect(sourceEnded).toBe(true));
				for (const file of examples) {
					expect((await store.readLog(file.replace(/\.json$/, ""))).version).toBe(0);
				}
			});

			it("checks new facts against the history already stored", async () => {
				// The imported rows alone are no possible history: their results name registrations
				// that only the stored log has. With the log, they make Thomas's whole track.
				const facts = exampleFacts("thomas.json");
				await store.append("thomas", facts.slice(0, 100), { today });
				const rest = facts.slice(100).map((fact) => ({ learnerId: "thomas", ...fact }));
				const report = await store.importFacts(chunked(toNdjson(rest)), {
					workerThread,
					format: "ndjson",
					today,
				});
				expect(report).toMatchObject({ factsWritten: 47, rowsRejected: 0, issues: [] });
				const log = await store.readLog("thomas");
				expect(log.facts.map((stored) => stored.fact)).toEqual(facts);
				// Source document 001, W2: 152, 155, 140, 140.
				const projection = await store.readLeerkrediet("thomas");
				expect(projection?.years.map((year) => year.end)).toEqual([152, 155, 140, 140]);
				expect(projection?.version).toBe(147);
			});

			it("refuses a fact id already recorded with other content", async () => {
				await store.append("l1", [enrolment], { today });
				const changed = { learnerId: "l1", ...enrolment, date: "2020-09-21" };
				const report = await store.importFacts(chunked(toNdjson([changed])), {
					workerThread,
					format: "ndjson",
					today,
				});
				expect(report.issues).toEqual([
					expect.objectContaining({ line: 1, factId: "e1", code: "duplicate-id" }),
				]);
				expect((await store.readLog("l1")).facts[0]?.fact.date).toBe("2020-09-20");
			});
		});
	});
}
