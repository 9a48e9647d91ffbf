import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { LawFile } from "./parameters/law-file.ts";
import type { Parameters } from "./parameters/parameters.ts";
import { applyReform, parseParameters, parseReform } from "./parameters/parse-parameters.ts";
import { type PolicyRegistry, parsePolicies } from "./policies/institution-policy.ts";

// Test support: reads the shipped law files, as the edges do, so tests run on the real parameters.
const packageRoot = fileURLToPath(new URL("..", import.meta.url));
export const repositoryRoot = join(packageRoot, "..", "..");

export function readYamlFiles(folder: string): LawFile[] {
	const root = join(packageRoot, folder);
	return readdirSync(root, { recursive: true, encoding: "utf8" })
		.filter((path) => path.endsWith(".yaml"))
		.sort()
		.map((path) => ({
			path: relative(root, join(root, path)),
			text: readFileSync(join(root, path), "utf8"),
		}));
}

export const parameters: Parameters = parseParameters(readYamlFiles("parameters"));
export const policies: PolicyRegistry = parsePolicies(readYamlFiles("policies"));

export function reformed(reformPath: string): Parameters {
	const path = join(repositoryRoot, reformPath);
	return applyReform(
		parameters,
		parseReform({ path: reformPath, text: readFileSync(path, "utf8") }),
	);
}
