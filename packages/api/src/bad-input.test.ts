import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { testApp } from "./app.fixture.ts";

const populationHeader = "learner_id,academic_year,contract,registered,earned,degree";

// Every route refuses bad input with an RFC 9457 problem naming the field, and writes nothing.
describe("bad input on every route", async () => {
	const test = await testApp();
	const agency = await test.tokenFor("agency");
	const headers = (extra: Record<string, string> = {}) => ({
		authorization: `Bearer ${agency}`,
		"content-type": "application/json",
		...extra,
	});
	const key = { "idempotency-key": "bad-input-key-1" };
	const exemption = {
		id: "v-bad",
		type: "ExemptionGranted",
		date: "2016-09-20",
		data: { enrolmentId: "e1", courseUnit: { credits: 3 } },
	};

	const kept = await test.simulations.upload(
		[new TextEncoder().encode(`${populationHeader}\n1,2019,diploma,60,60,\n`)],
		"one.csv",
	);
	const population = kept.id;
	// The simulations' folder: uploads, and a folder per job. A refusal leaves it as it was.
	const simulationFiles = () => readdirSync(dirname(kept.path)).sort();
	const simulate = (fields: object) => ({
		method: "POST",
		path: "/api/simulations",
		body: { population, horizon: 2021, ...fields },
	});
	const unknownId = "00000000-0000-4000-8000-000000000000";

	const cases = [
		{
			name: "a date that does not exist",
			method: "GET",
			path: "/api/parameters?date=2023-02-29",
			status: 400,
			field: "date",
		},
		{
			name: "a page size too large",
			method: "GET",
			path: "/api/learners?limit=1000",
			status: 400,
			field: "limit",
		},
		{
			name: "a malformed cursor",
			method: "GET",
			path: "/api/learners/thomas/facts?cursor=abc",
			status: 400,
			field: "cursor",
		},
		{
			name: "a learner id with spaces",
			method: "POST",
			path: "/api/learners",
			body: { id: "two words" },
			status: 400,
			field: "id",
		},
		{
			name: "a taken learner id",
			method: "POST",
			path: "/api/learners",
			body: { id: "thomas" },
			status: 409,
			field: "id",
		},
		{
			name: "facts without an idempotency key",
			method: "POST",
			path: "/api/learners/thomas/facts",
			body: { facts: [exemption] },
			status: 400,
			field: "idempotency-key",
			noKey: true,
		},
		{
			name: "an empty list of facts",
			method: "POST",
			path: "/api/learners/thomas/facts",
			body: { facts: [] },
			status: 400,
			field: "facts",
		},
		{
			name: "negative credits",
			method: "POST",
			path: "/api/learners/thomas/facts",
			body: { facts: [{ ...exemption, data: { enrolmentId: "e1", courseUnit: { credits: -3 } } }] },
			status: 400,
			field: "facts.0.data.courseUnit.credits",
		},
		{
			name: "an unknown fact type",
			method: "POST",
			path: "/api/learners/thomas/facts",
			body: { facts: [{ ...exemption, type: "Graduated" }] },
			status: 400,
			field: "facts.0.type",
		},
		{
			name: "a malformed If-Match",
			method: "POST",
			path: "/api/learners/thomas/facts",
			body: { facts: [exemption] },
			status: 400,
			field: "if-match",
			extra: { "if-match": "latest" },
		},
		{
			name: "a statement at a bad date",
			method: "GET",
			path: "/api/learners/thomas/leerkrediet?at=tomorrow",
			status: 400,
			field: "at",
		},
		{
			name: "a ledger at a bad date",
			method: "GET",
			path: "/api/learners/thomas/leerkrediet/ledger?at=2020-13-01",
			status: 400,
			field: "at",
		},
		{
			name: "a decision for 0 credits",
			method: "POST",
			path: "/api/learners/thomas/leerkrediet/decisions",
			body: {
				date: "2020-09-14",
				credits: 0,
				programmeKind: "master",
				contract: "diploma",
				institution: "kdg",
			},
			status: 400,
			field: "credits",
		},
		{
			name: "a decision under an unknown contract",
			method: "POST",
			path: "/api/learners/thomas/leerkrediet/decisions",
			body: {
				date: "2020-09-14",
				credits: 6,
				programmeKind: "master",
				contract: "lease",
				institution: "kdg",
			},
			status: 400,
			field: "contract",
		},
		{
			name: "a decision at an unknown institution",
			method: "POST",
			path: "/api/learners/thomas/leerkrediet/decisions",
			body: {
				date: "2020-09-14",
				credits: 6,
				programmeKind: "master",
				contract: "diploma",
				institution: "nowhere",
			},
			status: 422,
			field: "institution",
		},
		{
			name: "a plan passing more than registered",
			method: "POST",
			path: "/api/learners/thomas/leerkrediet/what-if",
			body: { plan: [{ academicYear: "2020-2021", registered: 30, passed: 45 }] },
			status: 400,
			field: "plan",
		},
		{
			name: "an empty what-if",
			method: "POST",
			path: "/api/learners/thomas/leerkrediet/what-if",
			body: {},
			status: 400,
			field: "plan",
		},
		{
			name: "a demo login for nobody",
			method: "POST",
			path: "/api/auth/demo-login",
			body: { userId: "nobody" },
			status: 400,
			field: "userId",
		},
		{
			name: "a simulation of no population",
			...simulate({ population: "everyone" }),
			status: 400,
			field: "population",
		},
		{
			name: "a simulation of an upload that is not kept",
			...simulate({ population: unknownId }),
			status: 422,
			field: "population",
		},
		{
			name: "a simulation far beyond any horizon",
			...simulate({ horizon: 2200 }),
			status: 400,
			field: "horizon",
		},
		{
			name: "a simulation before the law is in force",
			...simulate({ horizon: 2000 }),
			status: 422,
			field: "horizon",
		},
		{
			name: "a simulation under a reform that is not shipped",
			...simulate({ reform: { file: "free-credits" } }),
			status: 422,
			field: "reform.file",
		},
		{
			name: "a simulation under a reform file and a form at once",
			...simulate({ reform: { file: "free-credits", parameters: { initial: 200 } } }),
			status: 400,
			field: "reform",
		},
		{
			name: "a simulation's form that changes nothing",
			...simulate({ reform: { parameters: {} } }),
			status: 400,
			field: "reform.parameters",
		},
		{
			name: "a simulation's form with a word for credits",
			...simulate({ reform: { parameters: { initial: "many" } } }),
			status: 400,
			field: "reform.parameters.initial",
		},
		{
			name: "a simulation's form with a parameter it does not offer",
			...simulate({ reform: { parameters: { tuition: 5 } } }),
			status: 400,
			field: "reform.parameters",
		},
		{
			name: "a simulation's form with negative credits, refused by the reform loader",
			...simulate({ reform: { parameters: { initial: -5 } } }),
			status: 422,
			field: "reform.parameters.initial",
		},
		{
			name: "a population with no body",
			method: "POST",
			path: "/api/populations",
			extra: { "content-type": "text/csv" },
			status: 400,
			code: "invalid-request",
			field: "body",
		},
		{
			name: "a population with an empty name",
			method: "POST",
			path: "/api/populations?name=",
			status: 400,
			code: "invalid-request",
			field: "name",
		},
		{
			name: "a population named with a control character",
			method: "POST",
			path: "/api/populations?name=a%0Ab.csv",
			status: 400,
			code: "invalid-request",
			field: "name",
		},
		{
			name: "a population that is not CSV",
			method: "POST",
			path: "/api/populations",
			body: { learners: [] },
			status: 415,
			field: "content-type",
		},
		{
			name: "a simulation id that is not one",
			method: "GET",
			path: "/api/simulations/latest",
			status: 400,
			field: "id",
		},
		{
			name: "a simulation that does not exist",
			method: "GET",
			path: `/api/simulations/${unknownId}/learners.csv`,
			status: 404,
			field: "",
		},
		{
			name: "a body that is not JSON",
			method: "POST",
			path: "/api/learners",
			rawBody: "{ id: thomas",
			status: 400,
			field: "",
		},
	];

	it.each(cases)("$name: $status, naming $field", async (c) => {
		const before = (await test.store.facts("thomas")).length;
		const filesBefore = simulationFiles();
		const response = await test.app.request(c.path, {
			method: c.method,
			headers: headers({ ...(c.noKey ? {} : key), ...(c.extra ?? {}) }),
			...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
			...(c.rawBody === undefined ? {} : { body: c.rawBody }),
		});
		expect(response.status).toBe(c.status);
		expect(response.headers.get("content-type")).toBe("application/problem+json");
		const problem = (await response.json()) as {
			type: string;
			title: string;
			detail: string;
			instance: string;
			errors?: { path: string }[];
		};
		expect(problem.type).toMatch(/^https:\/\/rugzak\.dev\/problems\//);
		if (c.code !== undefined) expect(problem.type).toBe(`https://rugzak.dev/problems/${c.code}`);
		expect(problem.instance).toBe(new URL(c.path, "http://x").pathname);
		if (c.field !== "") expect(problem.errors?.map((error) => error.path)).toContain(c.field);
		expect((await test.store.facts("thomas")).length).toBe(before);
		expect(simulationFiles()).toEqual(filesBefore);
	});
});

describe("appends are idempotent and versioned", () => {
	it("answers a retry with the first answer and no second effect; refuses the key for another body and a stale version", async () => {
		const test = await testApp();
		const token = await test.tokenFor("staff-kdg");
		const post = (key: string, facts: unknown[], ifMatch?: string) =>
			test.app.request("/api/learners/thomas/facts", {
				method: "POST",
				headers: {
					authorization: `Bearer ${token}`,
					"content-type": "application/json",
					"idempotency-key": key,
					...(ifMatch ? { "if-match": ifMatch } : {}),
				},
				body: JSON.stringify({ facts }),
			});
		const exemption = (id: string) => ({
			id,
			type: "ExemptionGranted",
			date: "2016-09-20",
			data: { enrolmentId: "e1", courseUnit: { credits: 3 } },
		});
		const version = (await test.store.learner("thomas"))?.version ?? 0;
		const first = await post("retry-key-0001", [exemption("v1")], `"${version}"`);
		expect(first.status).toBe(201);
		const firstBody = await first.json();
		const again = await post("retry-key-0001", [exemption("v1")], `"${version}"`);
		expect(again.status).toBe(201);
		expect(await again.json()).toEqual(firstBody);
		expect((await test.store.facts("thomas")).length).toBe(version + 1);
		expect((await post("retry-key-0001", [exemption("v2")])).status).toBe(409);
		const stale = await post("retry-key-0002", [exemption("v3")], `"${version}"`);
		expect(stale.status).toBe(409);
		expect(stale.headers.get("content-type")).toBe("application/problem+json");
		expect((await test.store.facts("thomas")).length).toBe(version + 1);
	});
});

describe("a planned year without an institution", () => {
	it("is refused, naming the plan's field, when the learner has no enrolment to take it from", async () => {
		const test = await testApp();
		const agency = await test.tokenFor("agency");
		const headers = { authorization: `Bearer ${agency}`, "content-type": "application/json" };
		await test.app.request("/api/learners", {
			method: "POST",
			headers,
			body: JSON.stringify({ id: "nobody-yet" }),
		});
		const response = await test.app.request("/api/learners/nobody-yet/leerkrediet/what-if", {
			method: "POST",
			headers,
			body: JSON.stringify({ plan: [{ academicYear: "2024-2025", registered: 60, passed: 60 }] }),
		});
		expect(response.status).toBe(400);
		const problem = (await response.json()) as { errors: { path: string }[] };
		expect(problem.errors.map((error) => error.path)).toEqual(["plan.0.institution"]);
		expect(await test.store.facts("nobody-yet")).toEqual([]);
	});
});
