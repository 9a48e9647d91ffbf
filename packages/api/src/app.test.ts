import { describe, expect, it } from "vitest";
import { type TestApp, testApp } from "./app.fixture.ts";

// biome-ignore lint/suspicious/noExplicitAny: test bodies are read by shape
type Body = { [key: string]: any };

async function json(response: Response) {
	return {
		status: response.status,
		type: response.headers.get("content-type") ?? "",
		body: (await response.json()) as Body,
	};
}

describe("the service routes anyone may use", () => {
	it("answers health and readiness", async () => {
		const { app } = await testApp();
		expect(await json(await app.request("/health"))).toMatchObject({
			status: 200,
			body: { status: "ok" },
		});
		expect(await json(await app.request("/ready"))).toMatchObject({
			status: 200,
			body: { status: "ready" },
		});
	});

	it("publishes OpenAPI 3.1 and interactive docs served from this process", async () => {
		const { app } = await testApp();
		const spec = await json(await app.request("/openapi.json"));
		expect(spec.body).toMatchObject({ openapi: "3.1.0" });
		expect(Object.keys(spec.body["paths"] as object)).toEqual(
			expect.arrayContaining([
				"/api/learners/{id}/leerkrediet",
				"/api/learners/{id}/facts",
				"/api/parameters",
				"/api/reforms",
				"/api/populations",
				"/api/simulations",
				"/api/simulations/{id}",
				"/api/simulations/{id}/learners.csv",
			]),
		);
		const docs = await app.request("/docs");
		expect(await docs.text()).toContain("/docs/assets/swagger-ui-bundle.js");
		expect((await app.request("/docs/assets/swagger-ui-bundle.js")).status).toBe(200);
	});

	it("gives the law in force on a date with each value's source", async () => {
		const { app } = await testApp();
		const { body } = await json(await app.request("/api/parameters?date=2024-10-01"));
		const parameters = body["parameters"] as {
			name: string;
			value: unknown;
			from: string;
			reference: string;
		}[];
		expect(parameters.find((p) => p.name === "leerkrediet/initial")).toMatchObject({
			value: 140,
			from: "2008-09-01",
		});
		expect(parameters.find((p) => p.name === "studiegeld/per-credit")).toMatchObject({
			value: 1380,
			from: "2024-09-01",
		});
		expect(parameters.every((p) => p.reference === null || p.reference.length > 10)).toBe(true);
	});

	it("answers a bad query with a problem document naming the field", async () => {
		const { app } = await testApp();
		const answer = await json(await app.request("/api/parameters?date=2024-02-30"));
		expect(answer.status).toBe(400);
		expect(answer.type).toBe("application/problem+json");
		expect(answer.body).toMatchObject({
			type: "https://rugzak.dev/problems/invalid-request",
			status: 400,
			errors: [{ path: "date" }],
		});
	});

	it("answers an unknown route with a problem document", async () => {
		const { app } = await testApp();
		const answer = await json(await app.request("/api/nothing-here"));
		expect(answer).toMatchObject({ status: 404, type: "application/problem+json" });
	});
});

describe("a learner's leerkrediet through the API", () => {
	async function signedIn(user: string): Promise<TestApp & { token: string }> {
		const test = await testApp();
		return { ...test, token: await test.tokenFor(user) };
	}

	it("gives Thomas 140 at the end of 2019-2020, from the projection, with the explained ledger", async () => {
		const { app, token } = await signedIn("thomas");
		const auth = { headers: { authorization: `Bearer ${token}` } };
		const statement = await json(await app.request("/api/learners/thomas/leerkrediet", auth));
		expect(statement.status).toBe(200);
		const years = statement.body["years"] as { academicYear: string; end: number }[];
		expect(years.map((year) => year.end)).toEqual([152, 155, 140, 140]);
		expect(statement.type).toMatch(/^application\/json/);
		expect(Object.keys(years[0] ?? {})).toEqual([
			...["academicYear", "start", "invested", "earned", "bonus"],
			...["refunded", "deducted", "rebuilt", "end"],
		]);
		// The stored projection's answer is the one computed from the log for the same day.
		const at = statement.body["at"] as string;
		const computed = await app.request(`/api/learners/thomas/leerkrediet?at=${at}`, auth);
		expect(await computed.json()).toEqual(statement.body);
		const ledger = await json(await app.request("/api/learners/thomas/leerkrediet/ledger", auth));
		const lines = ledger.body["ledger"] as {
			rule: string;
			sources: unknown[];
			text: { nl: string };
		}[];
		expect(lines.every((line) => line.sources.length > 0 && line.text.nl.length > 0)).toBe(true);
	});

	it("decides a registration and answers what-if without writing anything", async () => {
		const { app, token, store } = await signedIn("thomas");
		const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
		const before = (await store.facts("thomas")).length;
		const decision = await json(
			await app.request("/api/learners/thomas/leerkrediet/decisions", {
				method: "POST",
				headers,
				body: JSON.stringify({
					date: "2020-09-14",
					credits: 60,
					programmeKind: "master",
					contract: "diploma",
					institution: "kdg",
				}),
			}),
		);
		expect(decision.body).toMatchObject({
			category: "sufficient",
			balanceAfter: 80,
			tuition: { totalCents: 94720 },
		});
		const whatIf = await json(
			await app.request("/api/learners/thomas/leerkrediet/what-if", {
				method: "POST",
				headers,
				body: JSON.stringify({ plan: [{ academicYear: "2020-2021", registered: 60, passed: 45 }] }),
			}),
		);
		expect(whatIf.body).toMatchObject({ balanceChange: -15 });
		expect((await store.facts("thomas")).length).toBe(before);
	});
});

describe("recording facts", () => {
	const result = (id: string, registrationId: string, outcome = "passed") => ({
		id,
		type: "ResultRecorded",
		date: "2020-02-03",
		data: { registrationId, outcome },
	});

	async function staff() {
		const test = await testApp();
		const token = await test.tokenFor("staff-kdg");
		const headers = (key: string) => ({
			authorization: `Bearer ${token}`,
			"content-type": "application/json",
			"idempotency-key": key,
		});
		return { ...test, headers };
	}

	it("answers bad facts with a problem naming the posted fact's field, and writes nothing", async () => {
		const { app, headers, store } = await staff();
		const before = await store.facts("thomas");
		const response = await app.request("/api/learners/thomas/facts", {
			method: "POST",
			headers: headers("bad-facts-1"),
			body: JSON.stringify({ facts: [result("extra-1", "no-such-registration")] }),
		});
		const answer = await json(response);
		expect(answer).toMatchObject({ status: 422, type: "application/problem+json" });
		expect(answer.body["errors"]).toEqual([
			expect.objectContaining({ path: "facts.0.data.registrationId", rule: "R4" }),
		]);
		expect(await store.facts("thomas")).toEqual(before);
	});

	it("answers a malformed body with the field's path and writes nothing", async () => {
		const { app, headers, store } = await staff();
		const before = (await store.facts("thomas")).length;
		const answer = await json(
			await app.request("/api/learners/thomas/facts", {
				method: "POST",
				headers: headers("bad-facts-2"),
				body: JSON.stringify({
					facts: [{ ...result("extra-2", "r2"), data: { registrationId: "r2", outcome: "aced" } }],
				}),
			}),
		);
		expect(answer.status).toBe(400);
		expect(answer.body["errors"]).toEqual([
			expect.objectContaining({ path: expect.stringMatching(/^facts\.0\.data\.outcome$/) }),
		]);
		expect((await store.facts("thomas")).length).toBe(before);
	});
});
