import { execFile } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { populationGenerator } from "../repository-files.ts";

/** The demo population: the generator's learners of one seed, as `bench/gen-population.mjs` makes them. */
interface DemoPopulationOptions {
	readonly learners: number;
	readonly seed: number;
	/** The folder that keeps the file once made. */
	readonly folder: string;
}

/**
 * The demo population's file, made with the generator on first use and kept; the generator runs in
 * its own process, so the API answers meanwhile. Calls while it runs share the one run.
 */
export function demoPopulation(options: DemoPopulationOptions): () => Promise<string> {
	const path = join(options.folder, `demo-population-${options.learners}-seed-${options.seed}.csv`);
	let making: Promise<string> | undefined;
	return () => {
		if (existsSync(path)) return Promise.resolve(path);
		making ??= make(options, path).finally(() => {
			making = undefined;
		});
		return making;
	};
}

async function make(options: DemoPopulationOptions, path: string): Promise<string> {
	mkdirSync(options.folder, { recursive: true });
	// Written aside and renamed, so that a half-written file is never taken for the population.
	const partial = `${path}.${process.pid}.partial`;
	try {
		await promisify(execFile)(process.execPath, [
			populationGenerator,
			...["--learners", String(options.learners), "--seed", String(options.seed), "--out", partial],
		]);
		renameSync(partial, path);
	} finally {
		rmSync(partial, { force: true });
	}
	return path;
}
