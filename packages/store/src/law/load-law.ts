import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import {
	applyReform,
	type InstitutionPolicy,
	type LawFile,
	type Parameters,
	type PolicyRegistry,
	type PopulationLaw,
	parseParameters,
	parsePolicies,
	parsePolicy,
	parseReform,
	populationLawFrom,
	type Reform,
	resolvePopulationLaw,
} from "@rugzak/rules";

const rulesRoot = dirname(createRequire(import.meta.url).resolve("@rugzak/rules/package.json"));

function readYamlFolder(folder: string): LawFile[] {
	return readdirSync(folder, { recursive: true, encoding: "utf8" })
		.filter((path) => path.endsWith(".yaml") || path.endsWith(".yml"))
		.sort()
		.map((path) => ({
			path: relative(folder, join(folder, path)).replaceAll("\\", "/"),
			text: readFileSync(join(folder, path), "utf8"),
		}));
}

function readLawFile(path: string): LawFile {
	try {
		return { path, text: readFileSync(resolve(path), "utf8") };
	} catch (error) {
		throw new LawFileNotReadable(path, (error as NodeJS.ErrnoException).code ?? "error");
	}
}

/** A reform or policy file that cannot be read (missing, not allowed). */
export class LawFileNotReadable extends Error {
	override readonly name = "LawFileNotReadable";
	readonly code = "law-file-not-readable";
	readonly path: string;

	constructor(path: string, reason: string) {
		super(`cannot read ${path}: ${reason}`);
		this.path = path;
	}
}

/** A policy named by `--policy` (or the API) that is neither shipped nor a policy file. */
export class UnknownPolicyError extends Error {
	override readonly name = "UnknownPolicyError";
	readonly code = "unknown-policy";
	readonly policy: string;

	constructor(policy: string, known: readonly string[]) {
		super(`unknown policy ${policy}; known: ${known.join(", ")}`);
		this.policy = policy;
	}
}

/** The law as rugzak ships it, with a reform applied when one is named. */
export interface Law {
	readonly parameters: Parameters;
	readonly policies: PolicyRegistry;
	readonly reform: Reform | undefined;
	readonly policyOverride: InstitutionPolicy | undefined;
}

export interface LawOptions {
	/** Path to a reform file (`--reform`). */
	readonly reform?: string | undefined;
	/** A shipped policy id or a path to a policy file (`--policy`), applied at every institution. */
	readonly policy?: string | undefined;
}

/** The shipped parameters and, when a path is given, the reform file, both checked. */
function loadParameters(reformPath: string | undefined): {
	base: Parameters;
	reform: Reform | undefined;
} {
	const base = parseParameters(readYamlFolder(join(rulesRoot, "parameters")));
	const reform = reformPath === undefined ? undefined : parseReform(readLawFile(reformPath));
	return { base, reform };
}

/** Reads and checks the parameter and policy files once, at the edge, and applies a reform. */
export function loadLaw(options: LawOptions = {}): Law {
	const { base, reform } = loadParameters(options.reform);
	const policies = parsePolicies(readYamlFolder(join(rulesRoot, "policies")));
	let policyOverride: InstitutionPolicy | undefined;
	if (options.policy !== undefined) {
		policyOverride =
			policies.get(options.policy) ??
			(options.policy.endsWith(".yaml") ? parsePolicy(readLawFile(options.policy)) : undefined);
		if (policyOverride === undefined)
			throw new UnknownPolicyError(options.policy, [...policies.keys()]);
	}
	return {
		parameters: reform ? applyReform(base, reform) : base,
		policies,
		reform,
		policyOverride,
	};
}

/**
 * The laws of a population simulation as plain data for the worker threads: the shipped law,
 * and the reform when one is named, both resolved per academic year up to `horizon` over the
 * same years. Institution policies play no part, so they are not read.
 */
export function loadSimulationLaws(options: {
	readonly reform: string | undefined;
	readonly horizon: number;
}): { readonly baseline: PopulationLaw; readonly reform: PopulationLaw | undefined } {
	const { base, reform } = loadParameters(options.reform);
	const { horizon } = options;
	const baseline = resolvePopulationLaw(base, { horizon });
	if (reform === undefined) return { baseline, reform: undefined };
	const reformed = resolvePopulationLaw(applyReform(base, reform), {
		horizon,
		reform: reform.name,
	});
	const firstYear = Math.max(baseline.firstYear, reformed.firstYear);
	return {
		baseline: populationLawFrom(baseline, firstYear),
		reform: populationLawFrom(reformed, firstYear),
	};
}
