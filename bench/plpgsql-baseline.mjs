// Runs the PL/pgSQL baseline of `npm run bench` in a PostgreSQL server: a fresh schema, the
// population loaded with COPY, the law per year from rugzak's parameter files, then the function.
import { createReadStream, readFileSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import copyStreams from "pg-copy-streams";

const schema = "rugzak_bench";
const sql = readFileSync(new URL("./simulate-population.sql", import.meta.url), "utf8");

/** Loads `file` and returns the function's figures and how long loading and computing took. */
export async function runPlpgsqlBaseline({ databaseUrl, file, laws }) {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
		await client.query(`SET search_path TO ${schema}; SET work_mem = '256MB'`);
		await client.query(sql);
		let started = performance.now();
		const copy = client.query(
			copyStreams.from(
				"COPY population FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (degree))",
			),
		);
		await pipeline(createReadStream(file), copy);
		// The function reads the rows in key order, which this index serves without a sort.
		await client.query("ALTER TABLE population ADD PRIMARY KEY (learner_id, academic_year)");
		await client.query("VACUUM ANALYZE population");
		const loadMs = performance.now() - started;
		const runs = [];
		for (const law of laws) {
			await fillLaw(client, law);
			started = performance.now();
			const { rows } = await client.query(
				"SELECT learners, sum_of_final_balances, checksum FROM simulate_population($1)",
				[law.horizon],
			);
			const computeMs = performance.now() - started;
			const [row] = rows;
			runs.push({
				learners: Number(row.learners),
				sumOfFinalBalances: Number(row.sum_of_final_balances),
				checksum: Number(row.checksum),
				computeMs,
			});
		}
		return { loadMs, runs };
	} finally {
		await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
		await client.end();
	}
}

async function fillLaw(client, law) {
	await client.query("TRUNCATE population_law");
	for (const [i, year] of law.years.entries()) {
		const { rebuild } = year;
		await client.query(
			"INSERT INTO population_law VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
			[
				law.firstYear + i,
				year.initial,
				year.bonus,
				year.contractEarnsBonus[0],
				year.contractEarnsBonus[1],
				year.masterDeduction,
				year.masterDeductionFirstOnly,
				rebuild.increment,
				rebuild.ceiling,
				rebuild.once,
				rebuild.forfeitsBonus,
				rebuild.waitingYearsAfterStopping,
				rebuild.waitingYearsAfterMaster,
			],
		);
	}
}
