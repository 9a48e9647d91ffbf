#!/usr/bin/env node
// Measures the balance-with-statement endpoint (authorisation, projection read, JSON) against a
// bare endpoint that reads one row through the same HTTP stack and driver, at 10, 50 and 200
// concurrent clients, on the PostgreSQL server (when DATABASE_URL is set) and on embedded PGlite.
//
//   npm run build && node bench/api.bench.mjs [--seconds 5] [--rounds 3] [--learners 300]
//
// The server runs in a child process, the load generator (autocannon) in this one, as a
// client would; both share this machine's two cores, as the figures in docs/performance.md say.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";

const { values } = parseArgs({
	options: {
		seconds: { type: "string", default: "5" },
		rounds: { type: "string", default: "3" },
		learners: { type: "string", default: "300" },
	},
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const root = new URL("..", import.meta.url).pathname;

async function waitReady(url, child) {
	for (let i = 0; i < 600; i++) {
		if (child.exitCode !== null) throw new Error(`the server stopped with code ${child.exitCode}`);
		try {
			if ((await fetch(`${url}/ready`)).ok) return;
		} catch {}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error("the server did not become ready");
}

async function startServer({ port, databaseUrl, dataDir }) {
	const env = { ...process.env, RUGZAK_BENCH_ROUTES: "1", DATABASE_URL: databaseUrl ?? "" };
	const args = [
		join(root, "packages/cli/bin/rugzak.js"),
		"serve",
		"--demo",
		"--demo-learners",
		values.learners,
		"--port",
		String(port),
		...(dataDir ? ["--data-dir", dataDir] : []),
	];
	const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "inherit"] });
	const url = `http://127.0.0.1:${port}`;
	await waitReady(url, child);
	return {
		url,
		stop: () =>
			new Promise((resolve) => {
				child.once("exit", resolve);
				child.kill("SIGTERM");
			}),
	};
}

async function run(url, path, connections, token) {
	const result = await autocannon({
		url: `${url}${path}`,
		connections,
		duration: seconds,
		headers: token ? { authorization: `Bearer ${token}` } : {},
	});
	if (result.non2xx > 0 || result.errors > 0)
		throw new Error(`${path}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
	return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function measure(name, server) {
	const login = await fetch(`${server.url}/api/auth/demo-login`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify({ userId: "staff-kdg" }),
	});
	const { token } = await login.json();
	const rows = [];
	const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];
	for (const connections of [10, 50, 200]) {
		await run(server.url, "/bench/bare/thomas", connections, undefined); // warm up
		// Bare and real take turns, so that a slow spell of this shared machine falls on both;
		// each figure is the median of the rounds.
		const bare = [];
		const real = [];
		for (let round = 0; round < rounds; round++) {
			bare.push(await run(server.url, "/bench/bare/thomas", connections, undefined));
			real.push(await run(server.url, "/api/learners/thomas/leerkrediet", connections, token));
		}
		const of = (samples, key) => median(samples.map((sample) => sample[key]));
		rows.push({
			database: name,
			clients: connections,
			bareRps: Math.round(of(bare, "rps")),
			realRps: Math.round(of(real, "rps")),
			ratio: (of(real, "rps") / of(bare, "rps")).toFixed(2),
			ratios: real.map((sample, i) => (sample.rps / bare[i].rps).toFixed(2)).join(" "),
			realP50Ms: of(real, "p50"),
			realP99Ms: of(real, "p99"),
			bareP99Ms: of(bare, "p99"),
		});
	}
	return rows;
}

const results = [];
if (process.env.DATABASE_URL) {
	const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await admin.connect();
	await admin.query("DROP DATABASE IF EXISTS rugzak_bench");
	await admin.query("CREATE DATABASE rugzak_bench");
	await admin.end();
	const url = new URL(process.env.DATABASE_URL);
	url.pathname = "/rugzak_bench";
	const server = await startServer({ port: 3911, databaseUrl: url.toString() });
	try {
		results.push(...(await measure("postgresql", server)));
	} finally {
		await server.stop();
	}
}
const dataDir = mkdtempSync(join(tmpdir(), "rugzak-bench-"));
const server = await startServer({ port: 3912, dataDir });
try {
	results.push(...(await measure("pglite", server)));
} finally {
	await server.stop();
	rmSync(dataDir, { recursive: true, force: true });
}
console.table(results);
console.log(JSON.stringify({ bench: "api", seconds, results }));
