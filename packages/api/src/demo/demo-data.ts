import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Fact, factsFromYearlyTotals, parseFactsJson, type YearlyTotals } from "@rugzak/rules";
import type { DemoUser } from "../context.ts";
import { examplesFolder, populationGenerator } from "../repository-files.ts";

/** A learner to seed: id, display name and facts. */
export interface DemoLearner {
	readonly id: string;
	readonly name: string;
	readonly facts: readonly Fact[];
}

/** The worked examples of the sources (examples/leerkrediet), Mary and Thomas first. */
export function exampleLearners(folder = examplesFolder): DemoLearner[] {
	return readdirSync(folder)
		.filter((name) => name.endsWith(".json") && !/^w[12]-/.test(name))
		.sort()
		.map((name) => {
			const file = parseFactsJson(readFileSync(join(folder, name), "utf8"), name);
			const id = file.learner?.id ?? name.replace(/\.json$/, "");
			return { id, name: file.learner?.name ?? id, facts: file.facts };
		});
}

/** Synthetic learners from the population generator (bench/gen-population.mjs), spread over the given institutions (those with a shipped policy). */
export function syntheticLearners(
	count: number,
	institutions: readonly string[],
	seed = 7,
): DemoLearner[] {
	const csv = execFileSync(
		process.execPath,
		[populationGenerator, "--learners", String(count), "--seed", String(seed)],
		{ encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
	);
	const byLearner = new Map<number, YearlyTotals[]>();
	for (const line of csv.trim().split("\n").slice(1)) {
		const [id, year, contract, registered, earned, degree] = line.split(",");
		const rows = byLearner.get(Number(id)) ?? [];
		rows.push({
			academicYear: Number(year),
			contract: contract as YearlyTotals["contract"],
			registered: Number(registered),
			earned: Number(earned),
			degree: (degree ?? "") as YearlyTotals["degree"],
		});
		byLearner.set(Number(id), rows);
	}
	return [...byLearner.entries()].map(([number, years]) => {
		const id = `learner-${String(number).padStart(4, "0")}`;
		return {
			id,
			name: `Learner ${number}`,
			facts: factsFromYearlyTotals(id, years, institutions[number % institutions.length] as string),
		};
	});
}

/** The users the demo login offers: every example learner, staff of each institution, and the agency. */
export function demoUsers(
	learners: readonly DemoLearner[],
	institutions: readonly string[],
): DemoUser[] {
	const examples = learners.filter((learner) => !learner.id.startsWith("learner-"));
	return [
		...examples.map((learner) => ({
			id: learner.id,
			name: learner.name,
			role: "learner" as const,
			learnerId: learner.id,
		})),
		...institutions.map((institution) => ({
			id: `staff-${institution}`,
			name: `Studentenadministratie ${institution}`,
			role: "staff" as const,
			institution,
		})),
		{ id: "agency", name: "Agentschap Hoger Onderwijs", role: "agency" as const },
	];
}
