#!/usr/bin/env node
// Import rate in facts per second, on PostgreSQL (when DATABASE_URL is set) and on PGlite.
// A benchmark, not a test: it prints figures for docs/performance.md and asserts nothing.
// Each figure is given for the best of --runs and for their median, with the load average: on
// a shared machine the best run is the one least slowed by other work.
//
//   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/import.mjs
//   node bench/import.mjs --learners 40000 --pglite-learners 10000 --runs 3
//
// For each driver it times three things over the same generated facts:
//   import   store.importFacts end to end, as `rugzak import` runs it (reading, parsing and
//            checking in a worker thread): read, schema, the rules on each learner's history,
//            COPY of the facts and the projections, in batches;
//   copy     the database part alone: COPY of the same rows into the facts table, in the same
//            batch size, in a fresh schema (the write path's ceiling);
//   rules    the checking part alone, no database, one thread: factSchema and
//            summarizeLeerkrediet per learner (what the import checks with);
//   ledger   the same with computeLeerkrediet, which also builds the explained ledger (what the
//            import checked with before; the API's ledger still does).
// PostgreSQL runs in a schema of its own, dropped at the end; PGlite in memory.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createReadStream, mkdirSync, readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { computeLeerkrediet, factSchema, summarizeLeerkrediet } from "@rugzak/rules";
import { loadLaw, openStore } from "@rugzak/store";
import pg from "pg";
import copyStreams from "pg-copy-streams";

const { values } = parseArgs({
	options: {
		learners: { type: "string", default: "40000" },
		"pglite-learners": { type: "string", default: "10000" },
		"batch-size": { type: "string", default: "5000" },
		runs: { type: "string", default: "3" },
	},
});
const batchSize = Number(values["batch-size"]);
const runs = Number(values.runs);
const today = "2026-11-22";
const url = process.env.DATABASE_URL;
const dataFolder = fileURLToPath(new URL("data/", import.meta.url));
const generator = fileURLToPath(new URL("generate-facts.mjs", import.meta.url));
const migration = new URL("../packages/store/migrations/0001-events.sql", import.meta.url);
mkdirSync(dataFolder, { recursive: true });

function generate(learners) {
	const file = `${dataFolder}facts-${learners}.ndjson`;
	execFileSync(process.execPath, [generator, "--learners", String(learners), "--out", file], {
		stdio: ["ignore", "ignore", "ignore"],
	});
	const lines = readFileSync(file, "utf8")
		.split("\n")
		.filter((line) => line !== "");
	return { file, rows: lines.map((line) => JSON.parse(line)) };
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

async function timed(work) {
	const started = performance.now();
	await work();
	return (performance.now() - started) / 1000;
}

/** COPY text of the rows as the store writes them, in batches. */
function copyBatches(rows) {
	const positions = new Map();
	const copyText = (text) =>
		text.replace(
			/[\\\t\n\r]/g,
			(c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c],
		);
	const batches = [];
	for (let i = 0; i < rows.length; i += batchSize) {
		batches.push(
			rows
				.slice(i, i + batchSize)
				.map(({ learnerId, id, type, date, data }) => {
					const position = (positions.get(learnerId) ?? 0) + 1;
					positions.set(learnerId, position);
					return `${[learnerId, position, id, type, date, copyText(JSON.stringify(data))].join("\t")}\n`;
				})
				.join(""),
		);
	}
	return batches;
}

const factColumns = "facts (learner_id, position, fact_id, type, date, data)";

function rulesOnly(rows, law, compute) {
	const byLearner = new Map();
	for (const { learnerId, ...fact } of rows) {
		const facts = byLearner.get(learnerId) ?? [];
		facts.push(factSchema.parse(fact));
		byLearner.set(learnerId, facts);
	}
	const { parameters, policies } = law;
	for (const facts of byLearner.values()) compute(facts, { parameters, policies, at: today });
}

/** Seconds of each of `runs` runs of synchronous work, one after the other. */
async function timedRuns(work) {
	const seconds = [];
	for (let run = 0; run < runs; run++) seconds.push(await timed(work));
	return seconds;
}

const importOptions = { format: "ndjson", today, batchSize, workerThread: true };

async function postgresRuns(data, law) {
	const result = { import: [], copy: [] };
	for (let run = 0; run < runs; run++) {
		const schema = `rugzak_bench_${randomUUID().replaceAll("-", "")}`;
		const admin = new pg.Client({ connectionString: url });
		await admin.connect();
		await admin.query(`CREATE SCHEMA ${schema}`);
		const schemaUrl = `${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
		try {
			const store = await openStore({ databaseUrl: schemaUrl, law });
			result.import.push(
				await timed(() => store.importFacts(createReadStream(data.file), importOptions)),
			);
			await store.close();
			await admin.query(`TRUNCATE ${schema}.facts`);
			const client = new pg.Client({ connectionString: schemaUrl });
			await client.connect();
			const batches = copyBatches(data.rows);
			result.copy.push(
				await timed(async () => {
					for (const batch of batches) {
						await client.query("BEGIN");
						await pipeline(
							Readable.from([batch]),
							client.query(copyStreams.from(`COPY ${factColumns} FROM STDIN`)),
						);
						await client.query("COMMIT");
					}
				}),
			);
			await client.end();
		} finally {
			await admin.query(`DROP SCHEMA ${schema} CASCADE`);
			await admin.end();
		}
	}
	return result;
}

async function pgliteRuns(data, law) {
	const result = { import: [], copy: [] };
	for (let run = 0; run < runs; run++) {
		const store = await openStore({ dataDir: "memory://", law, env: {} });
		result.import.push(
			await timed(() => store.importFacts(createReadStream(data.file), importOptions)),
		);
		await store.close();
		const db = await PGlite.create();
		await db.exec(readFileSync(migration, "utf8"));
		const batches = copyBatches(data.rows);
		result.copy.push(
			await timed(async () => {
				for (const batch of batches) {
					await db.transaction((tx) =>
						tx.query(`COPY ${factColumns} FROM '/dev/blob'`, [], { blob: new Blob([batch]) }),
					);
				}
			}),
		);
		await db.close();
	}
	return result;
}

/** One figure: the best run (this machine is shared, so the slower runs measure the neighbours), and the median. */
function line(driver, what, facts, seconds) {
	const best = Math.round(facts / Math.min(...seconds));
	const middle = Math.round(facts / median(seconds));
	const each = seconds.map((s) => s.toFixed(2)).join(", ");
	console.log(
		`${driver.padEnd(10)} ${what.padEnd(7)} ${String(facts).padStart(8)} facts  best ${String(best).padStart(7)} facts/s  median ${String(middle).padStart(7)} facts/s  (${each} s)`,
	);
}

const law = loadLaw();
console.log(
	`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; batch ${batchSize}; load average ${loadavg()
		.map((n) => n.toFixed(1))
		.join(" ")}`,
);
if (url) {
	const data = generate(Number(values.learners));
	const result = await postgresRuns(data, law);
	line("PostgreSQL", "import", data.rows.length, result.import);
	line("PostgreSQL", "copy", data.rows.length, result.copy);
	const rules = await timedRuns(() => rulesOnly(data.rows, law, summarizeLeerkrediet));
	line("no db", "rules", data.rows.length, rules);
	const ledger = await timedRuns(() => rulesOnly(data.rows, law, computeLeerkrediet));
	line("no db", "ledger", data.rows.length, ledger);
} else {
	console.log("PostgreSQL: skipped, DATABASE_URL is not set");
}
const small = generate(Number(values["pglite-learners"]));
const result = await pgliteRuns(small, law);
line("PGlite", "import", small.rows.length, result.import);
line("PGlite", "copy", small.rows.length, result.copy);
console.log(
	`load average at the end ${loadavg()
		.map((n) => n.toFixed(1))
		.join(" ")}`,
);
