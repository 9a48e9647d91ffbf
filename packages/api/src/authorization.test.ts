import { describe, expect, it } from "vitest";
import { testApp } from "./app.fixture.ts";

// Every route × every role: what each may do (docs/api.md, "Who may do what"). Thomas studies at
// KdG; Mary is another learner; UGent's staff have nothing to do with Thomas.
const roles = ["anonymous", "thomas", "mary", "staff-kdg", "staff-ugent", "agency"] as const;
type Role = (typeof roles)[number];

interface Case {
	readonly name: string;
	readonly request: (role: Role) => {
		method: string;
		path: string;
		body?: unknown;
		raw?: string;
		contentType?: string;
	};
	readonly allowed: Partial<Record<Role, number>>;
}

const read = { thomas: 200, "staff-kdg": 200, agency: 200 };
const exemption = (role: Role) => ({
	facts: [
		{
			id: `v-${role}`,
			type: "ExemptionGranted",
			date: "2016-09-20",
			data: { enrolmentId: "e1", courseUnit: { credits: 3 } },
		},
	],
});

const importBody = (role: Role) =>
	JSON.stringify({
		learnerId: `imported-${role}`,
		id: "i1",
		type: "LearnerEnrolled",
		date: "2020-09-14",
		data: {
			academicYear: "2020-2021",
			institution: "kdg",
			programme: { kind: "bachelor" },
			contract: "diploma",
		},
	});

// Set once the agency has simulated a small population (below): the jobs other roles may not see.
const simulation = { population: "", job: "" };
const population =
	"learner_id,academic_year,contract,registered,earned,degree\n1,2019,diploma,60,60,\n";

const cases: Case[] = [
	{
		name: "GET /health",
		request: () => ({ method: "GET", path: "/health" }),
		allowed: Object.fromEntries(roles.map((r) => [r, 200])),
	},
	{
		name: "GET /api/parameters",
		request: () => ({ method: "GET", path: "/api/parameters" }),
		allowed: Object.fromEntries(roles.map((r) => [r, 200])),
	},
	{
		name: "GET /api/institutions",
		request: () => ({ method: "GET", path: "/api/institutions" }),
		allowed: { thomas: 200, mary: 200, "staff-kdg": 200, "staff-ugent": 200, agency: 200 },
	},
	{
		name: "GET /api/institutions/kdg/policy",
		request: () => ({ method: "GET", path: "/api/institutions/kdg/policy" }),
		allowed: { thomas: 200, mary: 200, "staff-kdg": 200, agency: 200 },
	},
	{
		name: "GET /api/learners",
		request: () => ({ method: "GET", path: "/api/learners" }),
		allowed: { "staff-kdg": 200, "staff-ugent": 200, agency: 200 },
	},
	{
		name: "POST /api/learners",
		request: (role) => ({ method: "POST", path: "/api/learners", body: { id: `new-${role}` } }),
		allowed: { "staff-kdg": 201, "staff-ugent": 201, agency: 201 },
	},
	{
		name: "GET /api/learners/thomas",
		request: () => ({ method: "GET", path: "/api/learners/thomas" }),
		allowed: read,
	},
	{
		name: "GET /api/learners/thomas/facts",
		request: () => ({ method: "GET", path: "/api/learners/thomas/facts" }),
		allowed: read,
	},
	{
		name: "POST /api/learners/thomas/facts",
		request: (role) => ({
			method: "POST",
			path: "/api/learners/thomas/facts",
			body: exemption(role),
		}),
		allowed: { "staff-kdg": 201, agency: 201 },
	},
	{
		name: "GET /api/learners/thomas/leerkrediet",
		request: () => ({ method: "GET", path: "/api/learners/thomas/leerkrediet" }),
		allowed: read,
	},
	{
		name: "GET /api/learners/thomas/leerkrediet/ledger",
		request: () => ({ method: "GET", path: "/api/learners/thomas/leerkrediet/ledger" }),
		allowed: read,
	},
	{
		name: "POST /api/learners/thomas/leerkrediet/decisions",
		request: () => ({
			method: "POST",
			path: "/api/learners/thomas/leerkrediet/decisions",
			body: {
				date: "2020-09-14",
				credits: 60,
				programmeKind: "master",
				contract: "diploma",
				institution: "kdg",
			},
		}),
		allowed: read,
	},
	{
		name: "POST /api/learners/thomas/leerkrediet/what-if",
		request: () => ({
			method: "POST",
			path: "/api/learners/thomas/leerkrediet/what-if",
			body: { plan: [{ academicYear: "2020-2021", registered: 60, passed: 45 }] },
		}),
		allowed: read,
	},
	{
		name: "POST /api/imports",
		request: (role) => ({
			method: "POST",
			path: "/api/imports",
			raw: importBody(role),
			contentType: "application/x-ndjson",
		}),
		allowed: { "staff-kdg": 200, "staff-ugent": 200, agency: 200 },
	},
	{
		name: "GET /api/reforms",
		request: () => ({ method: "GET", path: "/api/reforms" }),
		allowed: { agency: 200 },
	},
	{
		name: "POST /api/populations",
		request: () => ({
			method: "POST",
			path: "/api/populations",
			raw: population,
			contentType: "text/csv",
		}),
		allowed: { agency: 201 },
	},
	{
		name: "POST /api/simulations",
		request: () => ({
			method: "POST",
			path: "/api/simulations",
			body: { population: simulation.population, horizon: 2021 },
		}),
		allowed: { agency: 202 },
	},
	{
		name: "GET /api/simulations/{id}",
		request: () => ({ method: "GET", path: `/api/simulations/${simulation.job}` }),
		allowed: { agency: 200 },
	},
	{
		name: "GET /api/simulations/{id}/learners.csv",
		request: () => ({ method: "GET", path: `/api/simulations/${simulation.job}/learners.csv` }),
		allowed: { agency: 200 },
	},
];

describe("who may do what: every route for every role", async () => {
	const test = await testApp();
	const tokens = Object.fromEntries(
		await Promise.all(
			roles.filter((r) => r !== "anonymous").map(async (r) => [r, await test.tokenFor(r)] as const),
		),
	);
	const upload = await test.simulations.upload([new TextEncoder().encode(population)], "one.csv");
	simulation.population = upload.id;
	const job = await test.simulations.start({ population: upload.id, horizon: 2021, reform: null });
	simulation.job = job.id;
	// The rows can be read once the job is done: a bound on the wait keeps a stuck job from hanging.
	for (let poll = 0; poll < 400 && job.status !== "done"; poll++)
		await new Promise((resolve) => setTimeout(resolve, 25));

	it.each(cases.flatMap((c) => roles.map((role) => [c.name, role, c] as const)))(
		"%s as %s",
		async (_, role, c) => {
			const { method, path, body, raw, contentType } = c.request(role);
			const headers: Record<string, string> = {
				"content-type": contentType ?? "application/json",
				"idempotency-key": `matrix-${role}-${c.name}`,
			};
			if (role !== "anonymous") headers["authorization"] = `Bearer ${tokens[role]}`;
			const response = await test.app.request(path, {
				method,
				headers,
				...(body === undefined ? {} : { body: JSON.stringify(body) }),
				...(raw === undefined ? {} : { body: raw }),
			});
			const expected = c.allowed[role] ?? (role === "anonymous" ? 401 : 403);
			expect(response.status, await response.clone().text()).toBe(expected);
			if (expected >= 400)
				expect(response.headers.get("content-type")).toBe("application/problem+json");
		},
	);

	it("refuses a token signed by anyone else", async () => {
		const forged = `${tokens["agency"]?.slice(0, -4)}AAAA`;
		const response = await test.app.request("/api/learners", {
			headers: { authorization: `Bearer ${forged}` },
		});
		expect(response.status).toBe(401);
	});
});
