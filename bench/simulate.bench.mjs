// `npm run bench`: times `rugzak simulate` on populations of 100,000 and 1,000,000 learners
// (and 10,000,000 with --10m) against two baselines that apply the same rule to the same law:
// a one-pass JavaScript program (bench/one-pass-baseline.mjs) and a PL/pgSQL function in the
// PostgreSQL server at DATABASE_URL, when it is set (bench/simulate-population.sql). Each run's
// figures (learners, sum of final balances, checksum) must be equal everywhere, or the bench fails.
//
//   npm run bench [-- --runs 5] [-- --10m]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createTally, parsePopulation, simulatePopulation } from "@rugzak/rules";
import { computeOnThreads } from "./compute-threads.mjs";
import { runPlpgsqlBaseline } from "./plpgsql-baseline.mjs";
import { loadPopulationLaw } from "./population-law.mjs";

const { values } = parseArgs({
	options: { runs: { type: "string", default: "5" }, "10m": { type: "boolean", default: false } },
});
const runs = Number(values.runs);
const root = new URL("..", import.meta.url).pathname;
const data = join(root, "bench", "data");
const rugzakMain = join(root, "packages", "cli", "dist", "main.js");
const reformPath = join(root, "reforms", "rebuild-every-year-not-enrolled.yaml");
const horizon = 2025;
// The figures of the issue that asked for the simulation, for 100,000 learners of seed 1.
const published = {
	law: { learners: 100000, sumOfFinalBalances: 7851592, checksum: 1969967650 },
	reform: { learners: 100000, sumOfFinalBalances: 7945553, checksum: 2446690917 },
};

const sizes = [
	{ name: "100k", learners: 100_000 },
	{ name: "1M", learners: 1_000_000 },
	...(values["10m"] ? [{ name: "10M", learners: 10_000_000 }] : []),
];

function population(size) {
	mkdirSync(data, { recursive: true });
	const file = join(data, `population-${size.name.toLowerCase()}-seed-1.csv`);
	if (!existsSync(file)) {
		process.stderr.write(`generating ${file}\n`);
		run(process.execPath, [
			join(root, "bench", "gen-population.mjs"),
			"--learners",
			String(size.learners),
			"--seed",
			"1",
			"--out",
			file,
		]);
	}
	return file;
}

function run(command, args, env = process.env) {
	const started = performance.now();
	const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 26, env });
	const wallMs = performance.now() - started;
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
	}
	return { wallMs, stdout: result.stdout, stderr: result.stderr };
}

// A tally keeps its checksum signed; the summary, the baselines and the issue give it unsigned.
const figures = ({ learners, sumOfFinalBalances, checksum }) => ({
	learners,
	sumOfFinalBalances,
	checksum: checksum >>> 0,
});
const median = (numbers) =>
	[...numbers].sort((a, b) => a - b)[Math.floor((numbers.length - 1) / 2)];
const ms = (value) => (value === undefined ? "–" : `${Math.round(value)} ms`);
const mib = (bytes) => `${Math.round(bytes / 2 ** 20)} MiB`;

// rugzak simulate keeps the law it loads in a cache (packages/cli/src/population/law-cache.ts);
// the bench gives it a fresh one, so that the first run loads the law from its files.
const lawCache = mkdtempSync(join(tmpdir(), "rugzak-bench-law-cache-"));
process.on("exit", () => rmSync(lawCache, { recursive: true, force: true }));

/**
 * Whole-process runs of `rugzak simulate`: wall time from outside, and what --timings reports;
 * `cache` false runs without the law cache (the law loaded from its YAML files every time).
 */
function rugzak(file, reform, count, cache = true) {
	const env = { ...process.env, RUGZAK_CACHE_DIR: cache ? lawCache : "" };
	const samples = [];
	for (let i = 0; i < count; i++) {
		const args = [
			rugzakMain,
			"simulate",
			file,
			"--json",
			"--timings",
			...(reform ? ["--reform", reformPath] : []),
		];
		const { wallMs, stdout, stderr } = run(process.execPath, args, env);
		const timings = JSON.parse(stderr.match(/^timings: (.*)$/m)[1]);
		samples.push({ wallMs, timings, figures: figures(JSON.parse(stdout)) });
	}
	return samples;
}

/** One whole-process run of the one-pass JavaScript baseline. */
function onePassBaseline(file, reform) {
	const args = [
		join(root, "bench", "one-pass-baseline.mjs"),
		file,
		...(reform ? ["--reform", reformPath] : []),
	];
	const result = run(process.execPath, args);
	const answer = JSON.parse(result.stdout);
	return {
		wallMs: result.wallMs,
		cpuMs: answer.cpuMs,
		rss: answer.maxRssBytes,
		figures: figures(answer),
	};
}

/** The pure compute alone, in this process on one thread, on columns already parsed (warm runs). */
function computeAlone(file, law, count) {
	const columns = parsePopulation(readFileSync(file), horizon);
	const samples = [];
	let tally;
	for (let i = 0; i < count + 1; i++) {
		tally = createTally(law);
		const started = performance.now();
		simulatePopulation({ columns, learners: { from: 0, to: columns.learnerCount }, law, tally });
		if (i > 0) samples.push(performance.now() - started);
	}
	return { samples, figures: figures(tally) };
}

function check(label, expected, actual) {
	const same = JSON.stringify(expected) === JSON.stringify(actual);
	if (!same) {
		throw new Error(
			`${label} differs: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`,
		);
	}
}

async function benchmark() {
	const lines = [];
	const say = (line) => {
		lines.push(line);
		process.stdout.write(`${line}\n`);
	};
	say(
		`machine: ${cpus().length} × ${cpus()[0]?.model}, ${mib(totalmem())} memory, Node ${process.version}`,
	);
	const laws = {
		law: loadPopulationLaw({ horizon }),
		reform: loadPopulationLaw({ horizon, reformPath }),
	};
	for (const size of sizes) {
		const file = population(size);
		const large = size.learners > 1_000_000;
		say("");
		say(
			`## ${size.name} learners (${mib(statSync(file).size)}); load average ${loadavg()[0].toFixed(2)}`,
		);
		const sql =
			process.env.DATABASE_URL && !large
				? await runPlpgsqlBaseline({
						databaseUrl: process.env.DATABASE_URL,
						file,
						laws: [laws.law, laws.reform],
					})
				: undefined;
		for (const [index, which] of ["law", "reform"].entries()) {
			const reform = which === "reform";
			if (large && reform) continue;
			const cold = rugzak(file, reform, large ? 1 : runs, false);
			rugzak(file, reform, 1); // fills the law cache
			// rugzak's runs and the one-pass baseline's take turns, so that both meet the same load
			// on this shared machine (the baseline's few runs spread evenly among rugzak's).
			const rugzakRuns = large ? 1 : runs;
			const baselineRuns = large
				? 0
				: size.learners > 100_000
					? Math.max(2, Math.ceil(runs / 3))
					: runs;
			const samples = [];
			const baseline = [];
			for (let i = 0; i < rugzakRuns; i++) {
				samples.push(...rugzak(file, reform, 1));
				while (baseline.length < Math.round(((i + 1) * baselineRuns) / rugzakRuns)) {
					baseline.push(onePassBaseline(file, reform));
				}
			}
			const expected = samples[0].figures;
			for (const answer of baseline) check(`one-pass baseline ${which}`, expected, answer.figures);
			for (const sample of [...cold, ...samples])
				check(`rugzak ${which}`, expected, sample.figures);
			if (size.learners === 100_000)
				check(`rugzak ${which} vs the published figures`, published[which], expected);
			const wall = samples.map((sample) => sample.wallMs);
			const computeInCommand = median(samples.map((sample) => sample.timings.computeMs));
			const rss = Math.max(...samples.map((sample) => sample.timings.maxRssBytes));
			say(
				`### under ${reform ? "the reform (rebuild-every-year-not-enrolled), beside the law" : "the law"}`,
			);
			const cpu = median(samples.map((sample) => sample.timings.cpuMs));
			say(
				`rugzak simulate, whole process: median ${ms(median(wall))}, best ${ms(Math.min(...wall))} (${samples.length} runs, ${samples[0].timings.threads} threads: ${wall.map((time) => Math.round(time)).join(", ")} ms); processor time median ${ms(cpu)}`,
			);
			say(
				`  of which compute (slowest thread): median ${ms(computeInCommand)}; peak memory ${mib(rss)}`,
			);
			const coldWall = cold.map((sample) => sample.wallMs);
			say(
				`  without the law cache (the law loaded from its YAML files): median ${ms(median(coldWall))}, best ${ms(Math.min(...coldWall))}; law loading median ${ms(median(cold.map((sample) => sample.timings.lawMs)))}, from the cache ${ms(median(samples.map((sample) => sample.timings.lawMs)))}`,
			);
			if (large) {
				say(
					`  (the one-pass baseline reads the file into one string, which V8 cannot hold at this size; PL/pgSQL skipped)`,
				);
				continue;
			}
			const alone = computeAlone(file, laws[which], runs);
			check(`compute alone ${which}`, expected, alone.figures);
			say(
				`  compute alone, one thread, in process: median ${ms(median(alone.samples))}, best ${ms(Math.min(...alone.samples))}`,
			);
			const split = await computeOnThreads({ file, law: laws[which], threads: 2, rounds: runs });
			check(`compute alone on two threads ${which}`, expected, figures(split.figures));
			say(
				`  compute alone, two threads in parallel, half the learners each: median ${ms(median(split.samples))}, best ${ms(Math.min(...split.samples))}`,
			);
			const baselineWalls = baseline.map((sample) => sample.wallMs);
			const baselineWall = median(baselineWalls);
			say(
				`one-pass JavaScript baseline, whole process: median ${ms(baselineWall)}, best ${ms(Math.min(...baselineWalls))} (${baselineRuns} runs, taking turns with rugzak's); processor time median ${ms(median(baseline.map((sample) => sample.cpuMs)))}; peak memory ${mib(Math.max(...baseline.map((sample) => sample.rss)))}`,
			);
			say(
				`  rugzak is ${(baselineWall / median(wall)).toFixed(1)}× faster (whole process, medians; ${(Math.min(...baselineWalls) / Math.min(...wall)).toFixed(1)}× best against best)`,
			);
			if (sql) {
				const sqlRun = sql.runs[index];
				check(`PL/pgSQL ${which}`, expected, figures(sqlRun));
				say(
					`PL/pgSQL function, compute alone: ${ms(sqlRun.computeMs)} (loading with COPY and indexing: ${ms(sql.loadMs)})`,
				);
				say(
					`  rugzak's whole process is ${(sqlRun.computeMs / median(wall)).toFixed(1)}× faster than PL/pgSQL's compute alone`,
				);
			} else if (!large) {
				say("PL/pgSQL: skipped, DATABASE_URL is not set");
			}
		}
	}
	say("");
	say(
		`every run gave the same learners, sum of final balances and checksum; load average ${loadavg()[0].toFixed(2)}`,
	);
}

await benchmark();
